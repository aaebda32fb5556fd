package org.jisr.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jisr.kb.Article;
import org.jisr.kb.Decision;
import org.jisr.kb.Hit;
import org.jisr.kb.Lang;
import org.jisr.kb.SearchResult;
import org.jisr.kb.io.ArticleJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scoring rules of shared/eval/README.md, case by case. */
class EvaluationTest {

    static final Article A = ArticleJson.parse("{\"id\":\"a\",\"type\":\"faq\",\"questions\":{\"en\":[\"qa\"]},\"answer\":{\"en\":\"x\"}}").article();
    static final Article B = ArticleJson.parse("{\"id\":\"b\",\"type\":\"faq\",\"questions\":{\"en\":[\"qb\"]},\"answer\":{\"en\":\"y\"}}").article();

    static SearchResult result(String decision, String... ids) {
        List<Hit> hits = java.util.Arrays.stream(ids).map(id -> new Hit(id.equals("a") ? A : B, Lang.EN, 1, 0.5, "q")).toList();
        return new SearchResult(Decision.valueOf(decision), Lang.EN, hits, false);
    }

    @ParameterizedTest(name = "expected {0}, {1} {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            a    | ANSWER   | a,b | CORRECT
            a    | ANSWER   | b,a | WRONG
            a    | SUGGEST  | b,a | SUGGESTED
            a    | SUGGEST  | b   | MISSED
            a    | ESCALATE | a   | MISSED
            NULL | ANSWER   | a   | WRONG
            NULL | SUGGEST  | a   | ABSTAINED
            NULL | ESCALATE |     | ABSTAINED
            """, nullValues = "NULL")
    void scores(String expected, String decision, String ids, Evaluation.Outcome outcome) {
        LabelledQuery q = new LabelledQuery("q1", "text", Lang.EN, expected, "s", "k");
        String[] hitIds = ids == null ? new String[0] : ids.split(",");
        assertThat(Evaluation.score(q, result(decision, hitIds))).isEqualTo(outcome);
    }

    @Test
    void readsLabelledQueries(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("q.jsonl");
        Files.writeString(f, """
                {"qid": "q1", "query": "متى؟", "lang": "ar", "expected_id": "a", "source": "s", "kind": "paraphrase"}
                {"qid": "q2", "query": "what", "lang": "en", "expected_id": null, "source": "s", "kind": "heldout_oos"}
                """, StandardCharsets.UTF_8);
        List<LabelledQuery> qs = LabelledQuery.read(f);
        assertThat(qs).hasSize(2);
        assertThat(qs.get(0).lang()).isEqualTo(Lang.AR);
        assertThat(qs.get(1).inKb()).isFalse();
    }
}
