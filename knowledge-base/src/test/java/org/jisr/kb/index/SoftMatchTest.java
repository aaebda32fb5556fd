package org.jisr.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When a query word that is not exactly a question word still counts as present (on analysed, stemmed words),
 * and how much: one line per rule.
 */
class SoftMatchTest {

    @ParameterizedTest(name = "{3}: {0} ~ {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            صوم        | صيام       | 0.7   | same consonant skeleton (a long vowel inserted)
            مبيض       | مبايض      | 0.75  | one letter apart (a broken plural): the typo rule counts it first
            حاكم       | حكم        | 0.7   | same root letters (ruler / rule): related, partly counted
            اكتشفت     | اكتشاف     | 0.7   | verb (final ت) and verbal noun
            تعالج      | علاج       | 0.7   | verb person prefix ت set aside
            بجوجل      | جوجل       | 0.9   | proclitic ب written onto the word
            لسلوفاكيا  | سلوفاكيا   | 0.9   | proclitic ل
            chek       | check      | 0.75  | one letter dropped (typo)
            recieve    | receive    | 0.75  | two neighbours swapped
            relese     | release    | 0.75  | one letter dropped
            كتاب       | مكتب       | 0     | different words of one root: the skeletons differ
            ولد        | توف        | 0     | unrelated
            tru        | true       | 0     | too short for a typo match
            """)
    void softMatch(String query, String question, double expected, String why) {
        assertThat(Signals.soft(query, Set.of(question))).as(why).isCloseTo(expected, Offset.offset(1e-9));
    }

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            chek    | check   | true
            check   | chek    | true
            recieve | receive | true
            relese  | release | true
            same    | same    | false
            abcd    | wxyz    | false
            abc     | abcdef  | false
            """)
    void oneEdit(String a, String b, boolean expected) {
        assertThat(Signals.oneEdit(a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2019 و 2025             | 2019 2025
            فيتامين ب12             | 12
            ٢٠٢٥                    | 2025
            6.6 مليار               | 6.6
            no numbers              | ''
            """)
    void numbers(String text, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertThat(TextForm.numbers(text)).isEqualTo(want);
    }
}
