package org.jisr.kb.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jisr.kb.Article;
import org.jisr.kb.ArticleType;
import org.jisr.kb.Lang;
import org.jisr.kb.io.ArticleJson;
import org.jisr.kb.io.Jsonl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bundled sample knowledge base and its labelled query set keep the shape the project relies on. */
class SampleKbTest {

    /** The day the sample was written for: the two {@code validity-demo} articles are out of window then. */
    static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 11, 26);

    static List<Article> articles;
    static Map<String, Article> byId;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SampleKb.openArticles()) {
            Jsonl.Result r = Jsonl.read(in);
            assertThat(r.errors()).as("sample import errors").isEmpty();
            articles = r.articles();
        }
        byId = articles.stream().collect(Collectors.toMap(Article::id, Function.identity()));
    }

    @Test
    void importsWithoutErrorsAndMeetsTheCounts() {
        assertThat(articles).hasSizeGreaterThanOrEqualTo(45);
        assertThat(byId).as("ids are unique").hasSameSizeAs(articles);
        Map<ArticleType, Long> types = articles.stream()
                .collect(Collectors.groupingBy(Article::type, Collectors.counting()));
        assertThat(types.get(ArticleType.FACT)).isGreaterThanOrEqualTo(5);
        assertThat(types.get(ArticleType.RUMOR)).isGreaterThanOrEqualTo(5);
        assertThat(types.get(ArticleType.STATEMENT)).isGreaterThanOrEqualTo(1);
        assertThat(types.get(ArticleType.FAQ)).isGreaterThan(types.get(ArticleType.STATEMENT));
    }

    @Test
    void everyArticleIsBilingualAndComplete() {
        assertThat(articles).allSatisfy(a -> {
            for (Lang lang : Lang.values()) {
                assertThat(a.questions().get(lang)).as(a.id() + " questions " + lang).hasSizeBetween(2, 4);
                assertThat(a.answer().get(lang)).as(a.id() + " answer " + lang).isNotBlank();
                String s = a.shortAnswer().get(lang);
                assertThat(s).as(a.id() + " short " + lang).isNotBlank();
                assertThat(s.codePointCount(0, s.length())).as(a.id() + " short " + lang).isLessThanOrEqualTo(140);
            }
            assertThat(a.source()).as(a.id() + " source").isNotNull();
            assertThat(a.source().url()).as(a.id() + " source url").startsWith("https://gcc.example.gov/");
            assertThat(a.tags()).as(a.id() + " tags").isNotEmpty();
            assertThat(a.updated()).as(a.id() + " updated").isNotNull();
            assertThat(ArticleJson.validate(a)).as(a.id()).isEmpty();
        });
    }

    @Test
    void rumoursCarryVariedVerdictsAndOnlyRumoursHaveOne() {
        List<Article> rumours = articles.stream().filter(a -> a.type() == ArticleType.RUMOR).toList();
        assertThat(rumours).allSatisfy(a -> assertThat(a.verdict()).as(a.id()).isNotNull());
        assertThat(rumours.stream().map(Article::verdict).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(articles).filteredOn(a -> a.type() != ArticleType.RUMOR)
                .allSatisfy(a -> assertThat(a.verdict()).as(a.id()).isNull());
    }

    @Test
    void exactlyOneExpiredAndOneNotYetValidArticleShowTheValidityRule() {
        List<Article> expired = articles.stream()
                .filter(a -> a.validUntil() != null && a.validUntil().isBefore(SAMPLE_DAY)).toList();
        List<Article> notYet = articles.stream()
                .filter(a -> a.validFrom() != null && a.validFrom().isAfter(SAMPLE_DAY)).toList();
        List<Article> demo = articles.stream().filter(a -> a.tags().contains("validity-demo")).toList();

        assertThat(expired).hasSize(1);
        assertThat(notYet).hasSize(1);
        assertThat(demo).containsExactlyInAnyOrder(expired.getFirst(), notYet.getFirst());
        assertThat(articles).filteredOn(a -> !demo.contains(a)).allSatisfy(a -> assertThat(a.validOn(SAMPLE_DAY)).as(a.id()).isTrue());
    }

    @Test
    void noQuestionPhrasingIsSharedByTwoArticles() {
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        articles.forEach(a -> a.questions().values().forEach(list -> list.forEach(q -> {
            if (!seen.add(q)) {
                repeated.add(a.id() + ": " + q);
            }
        })));
        assertThat(repeated).isEmpty();
    }

    @Test
    void labelledQueriesPointAtLiveSampleArticles() throws IOException {
        List<JsonNode> queries = readQueries();
        Set<String> kinds = Set.of("paraphrase", "dialect", "typo", "diacritics", "english", "journalist", "oos", "validity");

        assertThat(queries).hasSizeGreaterThanOrEqualTo(180);
        assertThat(queries).allSatisfy(q -> {
            String qid = q.get("qid").asString();
            assertThat(q.get("source").asString()).isEqualTo("jisr-sample");
            assertThat(kinds).as(qid).contains(q.get("kind").asString());
            assertThat(q.get("lang").asString()).as(qid).isEqualTo(Lang.detect(q.get("query").asString()).code());
            JsonNode expected = q.get("expected_id");
            if (expected.isNull()) {
                assertThat(q.get("kind").asString()).as(qid).isIn("oos", "validity");
            } else {
                Article a = byId.get(expected.asString());
                assertThat(a).as(qid + " expects an existing article").isNotNull();
                assertThat(a.validOn(SAMPLE_DAY)).as(qid + " expects an article valid on the sample day").isTrue();
            }
        });
        assertThat(queries.stream().map(q -> q.get("qid").asString()).distinct().count()).isEqualTo(queries.size());
        long nulls = queries.stream().filter(q -> q.get("expected_id").isNull()).count();
        assertThat(nulls * 4).as("at least 25%% without an answer").isGreaterThanOrEqualTo(queries.size());
        long arabic = queries.stream().filter(q -> q.get("lang").asString().equals("ar")).count();
        assertThat(arabic).isBetween(queries.size() * 2L / 5, queries.size() * 3L / 5);
        assertThat(queries).filteredOn(q -> q.get("kind").asString().equals("validity")).isNotEmpty();
        Set<String> targeted = queries.stream().filter(q -> !q.get("expected_id").isNull())
                .map(q -> q.get("expected_id").asString()).collect(Collectors.toSet());
        assertThat(articles).filteredOn(a -> a.validOn(SAMPLE_DAY))
                .allSatisfy(a -> assertThat(targeted).as("some query asks for " + a.id()).contains(a.id()));
    }

    static List<JsonNode> readQueries() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = SampleKbTest.class.getResourceAsStream("/org/jisr/kb/sample/queries.jsonl");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        }
        return out;
    }
}
