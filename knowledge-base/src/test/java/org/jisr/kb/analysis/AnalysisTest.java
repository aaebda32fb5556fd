package org.jisr.kb.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jisr.kb.Lang;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The word and n-gram analysis chains: input → tokens, one rule per line, with why. */
class AnalysisTest {

    private static final Analysis ANALYSIS = Analysis.defaults();

    @AfterAll
    static void close() {
        ANALYSIS.close();
    }

    private static List<String> tokens(String expected) {
        return expected.isBlank() ? List.of() : Arrays.asList(expected.strip().split(" +"));
    }

    @ParameterizedTest(name = "{2}: [{0}] → [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            ما هو مركز التواصل الحكومي؟      | ما مركز تواصل حكوم        | stop words هو dropped, ال prefix and ي suffix stemmed, question word ما kept
            مَتى تأسّس المركز؟               | متي تاسس مركز             | diacritics gone; متى kept whole (protected from the stemmer)
            أين يقع المركز                   | اين تقع مركز              | أين kept; يقع → canonical تقع (same verb)
            وين يقع المركز                   | اين تقع مركز              | Gulf وين → أين
            فين المقر                        | اين مقر                   | Egyptian/Hijazi فين → أين
            شلون اتواصل معكم                 | كيف اتواصل معكم           | Gulf شلون → كيف
            ايش دور المركز                   | ماذا دور مركز             | Gulf ايش → ماذا
            وش دور المركز                    | ماذا دور مركز             | Gulf وش → ماذا
            ليش تأخر الرد                    | لماذا تاخر رد             | Gulf ليش → لماذا
            امتى يفتح المركز                 | متي يفتح مركز             | dialect امتى → متى
            بكم الرسوم                       | كم رسوم                   | بكم → كم
            ابغى اعرف الرسوم                 | اعرف رسوم                 | Gulf ابغى → أريد, request framing (like "I want"): dropped
            ابي اتصل                         | اتصل                      | Gulf ابي → أريد, dropped
            وش يسوون بالضبط                  | ماذا يفعل                 | Gulf يسوون → يفعل; filler بالضبط dropped
            اقدر اجدد الاعتماد؟              | اجدد اعتماد               | اقدر → أستطيع ("can I"): framing, dropped
            الفيديو حقه                      | فيديو                     | Gulf possessive حقه dropped
            لازم ارسل بالواتس للقروب          | يجب ارسل اتساب مجموع       | Gulf لازم → يجب, واتس → واتساب (light-10 then drops و), قروب → مجموعة
            متى تم بناء البرج                | متي بناء برج              | passive auxiliary تم dropped
            ما حكم الصوم                     | ما حكم صيام               | صوم → صيام (one verbal noun)
            كم يصل عدد السكان                | كم يبلغ عدد سك            | يصل / تبلغ → يبلغ (verbs of amounting)
            من هو رئيس المركز                | من_هو رءيس مركز           | من هو → who (من alone also means from)
            كم عدد الموظفين                  | كم عدد موظف               | كم kept; plural suffix ين stemmed
            لا يوجد مكتب                     | لا تقع مكتب               | negation لا kept; يوجد → canonical تقع
            شكراااا جزيلا                    | شكرا جزيلا                | elongation collapsed; no real suffix to strip
            ٢٠٢٦                             | 2026                      | Arabic-Indic digits searchable as ASCII
            ما طريقة تحضير الكبسة            | ما كيف تحضير كبس          | question template: طريقة → كيف
            في أي عام تأسس المركز            | متي تاسس مركز             | "in which year" → متى
            """)
    void arabicWords(String input, String expected, String why) {
        assertThat(ANALYSIS.wordTerms(Lang.AR, input)).as(why).isEqualTo(tokens(expected));
    }

    @ParameterizedTest(name = "{2}: [{0}] → [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            What is the centre's phone number?   | what center phone number   | possessive 's dropped; centre → center; stop words the/is gone
            How many e-mails were sent?          | how many email sent        | how/many kept; e-mails → email
            Where can I find the office?         | where find office          | where kept; can/I dropped
            Why was my request not answered?     | why request not answer     | negation not kept, KStem answered → answer
            When does the centre open?           | when center open           | when kept
            Who is the minister?                 | who minister               | who kept
            I want to remove my photo            | delete picture             | "I want" is request framing; remove → delete, photo → picture
            I'd like to delete my account        | delete account             | "I'd like to" is framing
            Is it possible to export my data?    | export data                | "is it possible to" is framing
            wat r ur hours pls                   | what hour                  | chat spellings: wat → what, r/ur/pls are stop words
            Who's in charge of the centre?       | who head center            | "in charge" → head (charge alone is a fee)
            helppppp                             | help                       | elongation
            "AND ( fees* ~2                      | cost 2                     | query syntax is plain text: operators are words or dropped (fees → cost)
            """)
    void englishWords(String input, String expected, String why) {
        assertThat(ANALYSIS.wordTerms(Lang.EN, input)).as(why).isEqualTo(tokens(expected));
    }

    @Test
    void gramsMarkWordBoundariesAndSkipStopWords() {
        // "the" is a stop word; "cat" → _ca cat at_ _cat cat_ (3- and 4-grams of _cat_)
        assertThat(ANALYSIS.gramTerms(Lang.EN, "the cat")).containsExactlyInAnyOrder("_ca", "cat", "at_", "_cat", "cat_");
    }

    @Test
    void gramsMatchAcrossATypo() {
        // a typo (مركر for مركز) still shares most n-grams: the n-gram field finds it
        List<String> good = ANALYSIS.gramTerms(Lang.AR, "مركز");
        List<String> typo = ANALYSIS.gramTerms(Lang.AR, "مركر");
        assertThat(typo).containsAnyElementsOf(good);
    }

    @Test
    void emptyAndSymbolsGiveNoWords() {
        assertThat(ANALYSIS.wordTerms(Lang.AR, "")).isEmpty();
        assertThat(ANALYSIS.wordTerms(Lang.EN, "?!،؟ ... ---")).isEmpty();
    }

    @Test
    void synonymFileFromPathIsUsed(@TempDir Path dir) throws Exception {
        Path ar = dir.resolve("ar.txt");
        Files.writeString(ar, "# test\nمركز, سنتر\n", StandardCharsets.UTF_8);
        try (Analysis custom = Analysis.with(ar, null, Analysis.DEFAULT_ENGLISH_STEMMER)) {
            assertThat(custom.wordTerms(Lang.AR, "سنتر")).containsExactly("مركز");
            // the bundled Arabic dialect list is replaced, the English one still bundled
            assertThat(custom.wordTerms(Lang.AR, "وين")).containsExactly("وين");
            assertThat(custom.wordTerms(Lang.EN, "photo")).containsExactly("picture");
        }
    }

    @Test
    void badSynonymFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "a => b => c\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Analysis.with(null, bad, Analysis.DEFAULT_ENGLISH_STEMMER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.txt");
        assertThatThrownBy(() -> Analysis.with(dir.resolve("missing.txt"), null, Analysis.DEFAULT_ENGLISH_STEMMER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.txt");
    }

    @Test
    void synonymsParseFromReader() {
        assertThat(Analysis.synonyms(Lang.EN, new StringReader("car, automobile\n"), "inline")).isNotNull();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            متى تأسس المركز        | WHEN
            وين المركز             | WHERE
            كم الرسوم              | HOW_MANY
            من هو الوزير           | WHO
            ليش                    | WHY
            شلون                   | HOW
            ما هو المركز           | GENERAL
            المركز                 | NONE
            """)
    void arabicQuestionKinds(String input, QuestionWords.Kind kind) {
        assertThat(QuestionWords.of(Lang.AR, ANALYSIS.wordTerms(Lang.AR, input))).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            When was it founded?     | WHEN
            Where is the office?     | WHERE
            How many staff?          | HOW_MANY
            How much does it cost?   | HOW_MANY
            Who is the minister?     | WHO
            Why?                     | WHY
            How do I apply?          | HOW
            What is the centre?      | GENERAL
            opening hours            | NONE
            """)
    void englishQuestionKinds(String input, QuestionWords.Kind kind) {
        assertThat(QuestionWords.of(Lang.EN, ANALYSIS.wordTerms(Lang.EN, input))).isEqualTo(kind);
    }

    @Test
    void differentSpecificQuestionsConflict() {
        assertThat(QuestionWords.conflict(QuestionWords.Kind.WHEN, QuestionWords.Kind.WHERE)).isTrue();
        assertThat(QuestionWords.conflict(QuestionWords.Kind.GENERAL, QuestionWords.Kind.WHERE)).isFalse();
        assertThat(QuestionWords.agree(QuestionWords.Kind.WHERE, QuestionWords.Kind.WHERE)).isTrue();
    }
}
