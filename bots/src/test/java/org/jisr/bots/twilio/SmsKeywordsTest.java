package org.jisr.bots.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** message → keyword (null: an ordinary message). Whole messages only. */
class SmsKeywordsTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                argumentSet("STOP", "STOP", "stop"),
                argumentSet("case and spaces ignored", "  Stop ", "stop"),
                argumentSet("UNSUBSCRIBE", "unsubscribe", "stop"),
                argumentSet("إيقاف with hamza", "إيقاف", "stop"),
                argumentSet("ايقاف without hamza", "ايقاف", "stop"),
                argumentSet("توقف with a full stop", "توقف.", "stop"),
                argumentSet("إلغاء", "إلغاء", "stop"),
                argumentSet("START", "START", "start"),
                argumentSet("ابدأ", "ابدأ", "start"),
                argumentSet("HELP with a question mark", "help?", "help"),
                argumentSet("مساعدة", "مساعدة", "help"),
                argumentSet("مساعده with haa", "مساعده", "help"),
                argumentSet("a keyword inside a sentence is not a keyword", "how do I stop my visa renewal", null),
                argumentSet("Arabic sentence with توقف", "متى توقف العمل؟", null),
                argumentSet("empty", "", null));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void matches(String text, String keyword) {
        assertThat(SmsKeywords.match(text).orElse(null)).isEqualTo(keyword);
    }
}
