package org.jisr.bots.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;

import org.jisr.bots.twilio.SmsSegments.Encoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** text → encoding, units (septets or UTF-16 units), segments. */
class SmsSegmentsTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                argumentSet("short English", "Offices open at 8", Encoding.GSM7, 17, 1),
                argumentSet("160 GSM characters fit one segment", "a".repeat(160), Encoding.GSM7, 160, 1),
                argumentSet("161 need two parts of 153", "a".repeat(161), Encoding.GSM7, 161, 2),
                argumentSet("459 fill three parts", "a".repeat(459), Encoding.GSM7, 459, 3),
                argumentSet("euro sign is an extension character: two septets", "€".repeat(80), Encoding.GSM7, 160, 1),
                argumentSet("70 Arabic letters fit one UCS-2 segment", "ب".repeat(70), Encoding.UCS2, 70, 1),
                argumentSet("71 need two parts of 67", "ب".repeat(71), Encoding.UCS2, 71, 2),
                argumentSet("201 fill three parts", "ب".repeat(201), Encoding.UCS2, 201, 3),
                argumentSet("202 spill into a fourth", "ب".repeat(202), Encoding.UCS2, 202, 4),
                argumentSet("one Arabic letter turns English into UCS-2", "a".repeat(100) + "ع", Encoding.UCS2, 101, 2),
                argumentSet("Arabic-Indic digits are not GSM", "١٢٣", Encoding.UCS2, 3, 1),
                argumentSet("an emoji takes two UTF-16 units", "👍", Encoding.UCS2, 2, 1));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void counts(String text, Encoding encoding, int units, int segments) {
        assertThat(SmsSegments.count(text)).isEqualTo(new SmsSegments.Count(encoding, units, segments));
    }

    /** body, suffix, max segments → fitted text. */
    static Stream<Arguments> fits() {
        return Stream.of(
                argumentSet("fits: unchanged", "مرحبا", "\n\n1. نعم", 3, "مرحبا\n\n1. نعم"),
                argumentSet("GSM text cut at a word with three dots", "word ".repeat(100).strip(), "", 1,
                        "word ".repeat(31).strip() + "..."), // 154 + 3 ≤ 160
                argumentSet("Arabic cut at a word with an ellipsis, choices kept", "كلمة ".repeat(20).strip(), "\n\n1. نعم", 1,
                        "كلمة ".repeat(12).strip() + "…" + "\n\n1. نعم")); // 59 + 1 + 8 ≤ 70
    }

    @ParameterizedTest
    @MethodSource("fits")
    void fit(String body, String suffix, int max, String expected) {
        String fitted = SmsSegments.fit(body, suffix, max);

        assertThat(fitted).isEqualTo(expected);
        assertThat(SmsSegments.count(fitted).segments()).isLessThanOrEqualTo(max);
    }
}
