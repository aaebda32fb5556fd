package org.jisr.bots.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** text, limit → parts. */
class TextSplitterTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                argumentSet("short text is one part", "مرحبا بك", 20, List.of("مرحبا بك")),
                argumentSet("paragraph break preferred", "aaaa bbbb\n\ncccc dddd", 15, List.of("aaaa bbbb", "cccc dddd")),
                argumentSet("line break next", "aaaa bbbb\ncccc dddd", 15, List.of("aaaa bbbb", "cccc dddd")),
                argumentSet("Arabic question mark ends a sentence", "هل هذا صحيح؟ نعم هذا صحيح تماما", 20,
                        List.of("هل هذا صحيح؟", "نعم هذا صحيح تماما")),
                argumentSet("then a space", "one two three four five", 10, List.of("one two", "three four", "five")),
                argumentSet("one long word is cut hard", "abcdefghij", 4, List.of("abcd", "efgh", "ij")),
                argumentSet("never halves an emoji", "abc👍def", 4, List.of("abc", "👍de", "f")));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void splits(String text, int max, List<String> parts) {
        List<String> split = TextSplitter.split(text, max);

        assertThat(split).isEqualTo(parts);
        assertThat(split).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(max));
    }
}
