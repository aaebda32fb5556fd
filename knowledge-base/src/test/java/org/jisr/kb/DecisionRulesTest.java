package org.jisr.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules that keep a near-identical question from getting another question's official answer: a number the
 * article does not state, different question words (when vs where), a different aspect of the same subject.
 */
class DecisionRulesTest {

    private static KnowledgeBase kb;

    @BeforeAll
    static void setUp() {
        kb = new KnowledgeBase(KbSettings.defaults(), KnowledgeBaseSearchTest.CLOCK);
        kb.upsertAll(List.of(
                KnowledgeBaseSearchTest.article("inquiries-2025", List.of("كم عدد الاستفسارات التي تلقاها المركز في عام 2025؟"),
                        List.of("How many inquiries did the GCC receive in 2025?"),
                        "تلقى المركز 120 ألف استفسار في عام 2025.", "The GCC received 120,000 inquiries in 2025."),
                KnowledgeBaseSearchTest.article("vitamin-b12", List.of("ما هي المصادر الغذائية لفيتامين ب12؟"), null,
                        "اللحوم والبيض والحليب.", null),
                KnowledgeBaseSearchTest.article("born", List.of("متى ولد نجيب محفوظ؟"), List.of("When was Naguib Mahfouz born?"),
                        "ولد نجيب محفوظ في القاهرة.", "Naguib Mahfouz was born in Cairo."),
                KnowledgeBaseSearchTest.article("poem", List.of("ما هي قصيدة ليت الفتى حجر؟"), null,
                        "قصيدة لتميم بن مقبل.", null),
                KnowledgeBaseSearchTest.article("hours", List.of("ما ساعات عمل مركز التواصل الحكومي؟"),
                        List.of("What are the Government Communication Center's working hours?"),
                        "من الأحد إلى الخميس.", "Sunday to Thursday.")));
    }

    @AfterAll
    static void tearDown() {
        kb.close();
    }

    @ParameterizedTest(name = "{2}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            كم عدد الاستفسارات التي تلقاها المركز في عام 2019؟  | inquiries-2025 | a year the article does not state
            How many inquiries did you receive in 2019?        | inquiries-2025 | the same in English
            كم عدد الاستفسارات التي تلقاها المركز في عام ٢٠١٩؟  | inquiries-2025 | Arabic-Indic digits are the same number
            ما هي المصادر الغذائية لفيتامين ب2؟                | vitamin-b12    | ب2 is not ب12
            أين ولد نجيب محفوظ؟                               | born           | where vs when: different question words
            Where was Naguib Mahfouz born?                    | born           | the same in English
            """)
    void neverAnswersWithAnotherFact(String query, String article, String why) {
        SearchResult r = kb.search(query, null);
        assertThat(r.decision() == Decision.ANSWER && r.best().id().equals(article)).as(why + " " + r).isFalse();
        assertThat(r.hits()).as("still offered as the nearest article").extracting(Hit::id).contains(article);
    }

    @ParameterizedTest(name = "{2}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            كم عدد الاستفسارات التي تلقاها المركز في عام 2025؟  | inquiries-2025 | the year it states
            How many inquiries did the GCC receive in 2025?    | inquiries-2025 | English
            متى ولد نجيب محفوظ                                | born           | the same question words
            """)
    void answersWhenTheFactMatches(String query, String article, String why) {
        SearchResult r = kb.search(query, null);
        assertThat(r.decision()).as(why + " " + r).isEqualTo(Decision.ANSWER);
        assertThat(r.best().id()).isEqualTo(article);
    }

    @ParameterizedTest(name = "{3}: {0} vs {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ما هي قصيدة ليت الفتى حجر                  | ما مناسبة قصيدة ليت الفتى حجر               | poem   | an aspect (occasion) vs what it is
            ما هي قصيدة ليت الفتى حجر                  | من مؤلف قصيدة ليت الفتى حجر                 | poem   | the author vs what it is
            ما ساعات عمل مركز التواصل الحكومي           | ما ساعات عمل المتحف الوطني                  | hours  | a subject the knowledge base does not know
            """)
    void aNearMissIsLessConfidentThanTheQuestionItself(String same, String nearMiss, String article, String why) {
        double exact = confidence(same, article);
        double near = confidence(nearMiss, article);
        assertThat(near).as(why).isLessThan(exact);
    }

    private static double confidence(String query, String article) {
        return kb.search(query, null).hits().stream().filter(h -> h.id().equals(article)).findFirst()
                .map(Hit::confidence).orElse(0.0);
    }
}
