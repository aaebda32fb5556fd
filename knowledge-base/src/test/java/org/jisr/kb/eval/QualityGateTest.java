package org.jisr.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jisr.kb.KbSettings;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.Lang;
import org.junit.jupiter.api.Test;

/**
 * The answer-quality gate: the evaluation of shared/eval/README.md on the project's own labelled set and on
 * {@code ../shared/eval/dev/} (skipped, with a message, where they do not exist). Figures: docs/quality.md.
 */
class QualityGateTest {

    /** Floors per language: correct-answer rate, resolved rate; ceiling: wrong share. */
    record Gate(double correct, double resolved, double wrongShare) {
    }

    // Dev set: the targets, all met (docs/quality.md: ar 68.3% / 96.1% / 4.1%, en 57.9% / 93.9% / 3.3%).
    static final Gate DEV_AR = new Gate(0.65, 0.90, 0.05);
    static final Gate DEV_EN = new Gate(0.55, 0.85, 0.05);
    // The project's own set (written independently of the engine): floors a little below what the engine achieves
    // (ar 52.7% / 95.7% / 2.0%, en 45.1% / 93.9% / 0.0%); the wrong-share ceiling is the 5%. The
    // correct-answer floors are below the 65% / 55%: the answer thresholds are set on the dev set, whose
    // near-miss questions need a high bar, and this set's paraphrases share fewer words (docs/quality.md).
    static final Gate SAMPLE_AR = new Gate(0.50, 0.92, 0.05);
    static final Gate SAMPLE_EN = new Gate(0.42, 0.90, 0.05);
    /** The day the sample set was written for: its two validity-demo articles are out of their window then. */
    static final Clock SAMPLE_DAY = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void devSet() throws Exception {
        Path dev = sharedDir().resolve("eval/dev");
        assumeTrue(Files.isRegularFile(dev.resolve("kb.jsonl")) && Files.isRegularFile(dev.resolve("queries.jsonl")),
                "no shared dev set at " + dev + " (set JISR_SHARED_DIR): dev quality gate skipped");
        try (KnowledgeBase kb = Evaluate.load(dev.resolve("kb.jsonl"), KbSettings.defaults())) {
            Evaluation.Report r = Evaluation.run(kb, LabelledQuery.read(dev.resolve("queries.jsonl")));
            System.out.print(r.text());
            check(r, Lang.AR, DEV_AR);
            check(r, Lang.EN, DEV_EN);
        }
    }

    @Test
    void projectSampleSet() throws Exception {
        URL articles = getClass().getResource("/org/jisr/kb/sample/articles.jsonl");
        URL queries = getClass().getResource("/org/jisr/kb/sample/queries.jsonl");
        assumeTrue(articles != null && queries != null,
                "the project's sample KB or its labelled queries are not there yet: sample quality gate skipped");
        try (KnowledgeBase kb = new KnowledgeBase(KbSettings.defaults(), SAMPLE_DAY);
                InputStream in = articles.openStream()) {
            kb.importJsonl(in);
            List<LabelledQuery> qs = LabelledQuery.read(path(queries));
            Evaluation.Report r = Evaluation.run(kb, qs);
            System.out.print(r.text());
            check(r, Lang.AR, SAMPLE_AR);
            check(r, Lang.EN, SAMPLE_EN);
        }
    }

    private static void check(Evaluation.Report r, Lang lang, Gate gate) {
        Evaluation.Tally t = r.language(lang);
        if (t.inKb() == 0) {
            return;
        }
        assertThat(t.correctRate()).as(lang + " correct-answer rate").isGreaterThanOrEqualTo(gate.correct());
        assertThat(t.resolvedRate()).as(lang + " resolved rate").isGreaterThanOrEqualTo(gate.resolved());
        assertThat(t.wrongShare()).as(lang + " wrong share").isLessThanOrEqualTo(gate.wrongShare());
    }

    private static Path path(URL url) throws URISyntaxException {
        return Path.of(url.toURI());
    }

    /** JISR_SHARED_DIR, else ../shared beside the repository root (the folder holding mvnw). */
    static Path sharedDir() {
        String env = System.getenv("JISR_SHARED_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("shared-not-found") : dir.resolveSibling("shared");
    }
}
