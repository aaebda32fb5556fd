package org.jisr.kb.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Character normalisation: input → normalised text, one rule per line. */
class TextNormalizerTest {

    @ParameterizedTest(name = "{2}: [{0}] → [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            مَرْكَزُ التَّوَاصُلِ           | مركز التواصل      | diacritics (tashkeel) removed
            مـــركـز                        | مركز              | tatweel removed
            أحمد إسلام آمنة ٱلله           | احمد اسلام امنه الله | alef forms أ إ آ ٱ → ا (and ة → ه)
            مستشفى                          | مستشفي            | alef maqsura ى → ي
            مدرسة                           | مدرسه             | teh marbuta ة → ه
            مسؤول مسئول                     | مسءول مسءول       | hamza carriers ؤ ئ → ء, so both spellings meet
            ٢٠٢٦ ۱۴۰۵                       | 2026 1405         | Arabic-Indic and Persian digits → ASCII
            متى؟ نعم، لا؛                  | متي? نعم, لا;     | Arabic punctuation → ASCII separators
            شكراااا                         | شكرا              | elongation: a letter 3+ times → once
            sooooo goood                    | so god            | elongation in Latin script too
            عدد 1000                        | عدد 1000          | a doubled letter and repeated digits are kept
            Hello WORLD                     | hello world       | lower case
            ﻻ                               | لا                | presentation forms (NFKC)
            کتاب ی                          | كتاب ي            | Persian kaf and yeh → Arabic
            a\u200Cb                        | ab                | invisible format characters removed
            """)
    void normalizes(String input, String expected, String why) {
        assertThat(TextNormalizer.normalize(input.replace("\\u200C", "\u200C"))).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void isIdempotent(@ForAll String s) {
        String once = TextNormalizer.normalize(s);
        assertThat(TextNormalizer.normalize(once)).isEqualTo(once);
    }

    @Property(tries = 500)
    void isIdempotentOnArabicLikeText(@ForAll("arabicish") String s) {
        String once = TextNormalizer.normalize(s);
        assertThat(TextNormalizer.normalize(once)).isEqualTo(once);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> arabicish() {
        return net.jqwik.api.Arbitraries.strings().withCharRange('\u0600', '\u06FF').withCharRange('a', 'z')
                .withChars(' ', '\u0640', 'ـ', '\uFEFB', '\u200C').ofMaxLength(40);
    }

    @org.junit.jupiter.api.Test
    void cutsVeryLongInput() {
        assertThat(TextNormalizer.normalize("ب ".repeat(10_000))).hasSizeLessThanOrEqualTo(TextNormalizer.MAX_CHARS);
    }
}
