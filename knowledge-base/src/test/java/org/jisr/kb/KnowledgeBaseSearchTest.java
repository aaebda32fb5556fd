package org.jisr.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Search and decision on a small bilingual knowledge base: a table of labelled questions, then behaviour. */
class KnowledgeBaseSearchTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);

    private KnowledgeBase kb;

    static Article article(String id, List<String> ar, List<String> en, String answerAr, String answerEn) {
        Map<Lang, List<String>> q = new java.util.EnumMap<>(Lang.class);
        Map<Lang, String> a = new java.util.EnumMap<>(Lang.class);
        if (ar != null) {
            q.put(Lang.AR, ar);
            a.put(Lang.AR, answerAr);
        }
        if (en != null) {
            q.put(Lang.EN, en);
            a.put(Lang.EN, answerEn);
        }
        return new Article(id, ArticleType.FAQ, q, a, Map.of(), new Source("GCC", null), List.of(), null, null, null, null);
    }

    static List<Article> sample() {
        return List.of(
                article("about", List.of("ما هو مركز التواصل الحكومي؟", "ايش هو مركز التواصل الحكومي"),
                        List.of("What is the Government Communication Center?"),
                        "مركز التواصل الحكومي جهة حكومية تأسست عام 2018 تحت وزارة الإعلام.",
                        "The Government Communication Center is a government body founded in 2018 under the Ministry of Media."),
                article("founded", List.of("متى تأسس مركز التواصل الحكومي؟"), List.of("When was the center founded?"),
                        "تأسس المركز عام 2018.", "The center was founded in 2018."),
                article("location", List.of("أين يقع مقر مركز التواصل الحكومي؟"), List.of("Where is the center located?"),
                        "يقع المقر في الرياض، حي العليا.", "The head office is in Riyadh, Olaya district."),
                article("contact", List.of("كيف أتواصل مع المركز؟", "ما رقم هاتف المركز؟"),
                        List.of("How do I contact the center?", "What is the center's phone number?"),
                        "اتصل على 920000000 أو راسلنا عبر البريد الإلكتروني.", "Call 920000000 or send us an email."),
                article("rumor-fees", List.of("هل صحيح أن المركز يفرض رسوما على الاستفسارات؟"),
                        List.of("Does the center charge fees for questions?"),
                        "غير صحيح: الاستفسارات مجانية.", "False: questions are free of charge."),
                article("journalists", null, List.of("How can journalists request an interview?"), null,
                        "Journalists send interview requests to the media desk by email."),
                article("hajj", List.of("ما هي مواعيد التسجيل في الحج؟"), null, "يبدأ التسجيل في شوال.", null));
    }

    @BeforeEach
    void setUp() {
        kb = new KnowledgeBase(KbSettings.defaults(), CLOCK);
        kb.upsertAll(sample());
    }

    @AfterEach
    void tearDown() {
        kb.close();
    }

    @ParameterizedTest(name = "{3}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ما هو مركز التواصل الحكومي؟                  | about     | answer  | exact Arabic question
            ما هو مركز التواصل الحكومي                    | about     | answer  | without question mark
            مَا هُوَ مَرْكَزُ التَّوَاصُلِ الحُكُومِيّ؟     | about     | answer  | with full diacritics
            متى تأسس مركز التواصل الحكومي                 | founded   | answer  | when-question
            وين يقع مقر مركز التواصل الحكومي              | location  | answer  | Gulf dialect وين for أين
            What is the Government Communication Center?  | about     | answer  | exact English question
            what is the government communication centre   | about     | answer  | British spelling, no capitals
            When was the center founded?                  | founded   | answer  | English when-question
            """)
    void answersClearMatches(String query, String id, String decision, String why) {
        SearchResult r = kb.search(query, null);
        assertThat(r.decision().code()).as(why + " " + r).isEqualTo(decision);
        assertThat(r.best().id()).isEqualTo(id);
        assertThat(r.best().confidence()).isBetween(0.0, 1.0);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            كم سعر تذكرة الطيران إلى لندن؟        | unrelated Arabic question
            What is the capital of Peru?          | unrelated English question
            asdkjh qwelkj zxcmnb                  | gibberish
            """)
    void neverAnswersUnrelatedQuestions(String query, String why) {
        assertThat(kb.search(query, null).decision()).as(why).isNotEqualTo(Decision.ANSWER);
    }

    @Test
    void whenAndWhereAreDifferentQuestions() {
        // same words as the "founded" article, but asks where: never answer with the founding date
        SearchResult r = kb.search("أين تأسس مركز التواصل الحكومي؟", null);
        assertThat(r.decision() == Decision.ANSWER && r.best().id().equals("founded")).isFalse();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "   ", "?!", "\"AND (", "*", "~", "🙂🙂🙂", "؟؟؟", "\u0000", "\uD83D"})
    void emptyOrMeaninglessTextEscalatesWithoutError(String text) {
        assertThat(kb.search(text, null).decision()).isEqualTo(Decision.ESCALATE);
    }

    @Test
    void nullTextEscalates() {
        assertThat(kb.search(null, Lang.AR).decision()).isEqualTo(Decision.ESCALATE);
    }

    @Test
    void queryOperatorsAreNotSyntax() {
        assertThat(kb.search("\"AND ( center* ~ founded OR NOT", null)).isNotNull();
        assertThat(kb.search("When was the center founded? AND (", null).best().id()).isEqualTo("founded");
    }

    @Test
    void veryLongTextIsCappedNotRejected() {
        String longText = "When was the center founded? " + "blah ".repeat(2_000);
        assertThat(longText.length()).isGreaterThan(10_000);
        assertThat(kb.search(longText, null)).isNotNull();
    }

    @Test
    void callerLanguageWinsOverScript() {
        assertThat(kb.search("ما هو مركز التواصل الحكومي؟", Lang.EN).lang()).isEqualTo(Lang.EN);
        assertThat(kb.search("ما هو مركز التواصل الحكومي؟", null).lang()).isEqualTo(Lang.AR);
    }

    @Test
    void answersInThePersonsLanguageWhenTheArticleHasIt() {
        // Arabic text, person chose English: matched in Arabic, answered in English, no fallback
        SearchResult r = kb.search("ما هو مركز التواصل الحكومي؟", Lang.EN);
        assertThat(r.best().id()).isEqualTo("about");
        assertThat(r.best().lang()).isEqualTo(Lang.EN);
        assertThat(r.langFallback()).isFalse();
    }

    @Test
    void saysSoWhenOnlyTheOtherLanguageHasTheAnswer() {
        // the hajj article exists only in Arabic; a person whose language is English gets it, flagged
        SearchResult r = kb.search("ما هي مواعيد التسجيل في الحج؟", Lang.EN);
        assertThat(r.decision()).isNotEqualTo(Decision.ESCALATE);
        assertThat(r.best().id()).isEqualTo("hajj");
        assertThat(r.best().lang()).isEqualTo(Lang.AR);
        assertThat(r.langFallback()).isTrue();
    }

    @Test
    void expiredAndFutureArticlesAreNeverAnswers() {
        Article base = sample().get(1);
        kb.upsert(withWindow(base, TODAY.minusYears(1), TODAY.minusDays(1)));
        assertThat(ids(kb.search("متى تأسس مركز التواصل الحكومي؟", null))).doesNotContain("founded");
        kb.upsert(withWindow(base, TODAY.plusDays(1), null));
        assertThat(ids(kb.search("متى تأسس مركز التواصل الحكومي؟", null))).doesNotContain("founded");
        kb.upsert(withWindow(base, TODAY, TODAY));
        assertThat(kb.search("متى تأسس مركز التواصل الحكومي؟", null).best().id()).isEqualTo("founded");
    }

    @Test
    void upsertAndRetireAreVisibleToTheNextSearch() {
        String q = "How do I renew a press card?";
        assertThat(ids(kb.search(q, null))).doesNotContain("press-card");
        kb.upsert(article("press-card", null, List.of("How do I renew a press card?"), null, "Renew online."));
        SearchResult r = kb.search(q, null);
        assertThat(r.decision()).isEqualTo(Decision.ANSWER);
        assertThat(r.best().id()).isEqualTo("press-card");
        kb.upsert(article("press-card", null, List.of("How do I renew a press card?"), null, "Renew at the desk."));
        assertThat(kb.search(q, null).best().answer()).isEqualTo("Renew at the desk.");
        assertThat(kb.retire("press-card")).isTrue();
        assertThat(ids(kb.search(q, null))).doesNotContain("press-card");
        assertThat(kb.retire("press-card")).isFalse();
    }

    @Test
    void cacheGivesTheSameResultForTheSameNormalisedQuestion() {
        SearchResult a = kb.search("ما هو مركز التواصل الحكومي؟", null);
        SearchResult b = kb.search("مَا هُوَ مَرْكَزُ التَّوَاصُلِ الحُكُومِيّ؟", null);
        assertThat(b).isSameAs(a);
        kb.upsert(sample().getFirst());
        assertThat(kb.search("ما هو مركز التواصل الحكومي؟", null)).isNotSameAs(a);
    }

    @Test
    void suggestionsAreAtMostThree() {
        for (String q : List.of("center", "المركز", "مركز التواصل")) {
            SearchResult r = kb.search(q, null);
            if (r.decision() == Decision.SUGGEST) {
                assertThat(r.hits()).hasSizeBetween(1, 3);
            }
        }
    }

    @Test
    void searchesStayCorrectWhileAnotherThreadChangesArticles() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    kb.upsert(article("tmp-" + (i % 10), null, List.of("Temporary question number " + i), null, "tmp"));
                    if (i % 3 == 0) {
                        kb.retire("tmp-" + ((i + 5) % 10));
                    }
                }
                stop.set(true);
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    int n = 0;
                    while (!stop.get() || n < 50) {
                        SearchResult r = kb.search("When was the center founded?", null);
                        assertThat(r.best().id()).isEqualTo("founded");
                        n++;
                    }
                    return n;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> f : readers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Article withWindow(Article a, LocalDate from, LocalDate until) {
        return new Article(a.id(), a.type(), a.questions(), a.answer(), a.shortAnswer(), a.source(), a.tags(), from, until,
                a.verdict(), a.updated());
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(Hit::id).toList();
    }
}
