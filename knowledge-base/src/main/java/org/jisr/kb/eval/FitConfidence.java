package org.jisr.kb.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jisr.kb.Article;
import org.jisr.kb.KbSettings;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.Lang;
import org.jisr.kb.analysis.Analysis;
import org.jisr.kb.index.ArticleIndex;
import org.jisr.kb.index.Candidate;
import org.jisr.kb.index.ConfidenceModel;
import org.jisr.kb.index.Ranked;
import org.jisr.kb.io.Jsonl;

/**
 * Fits the confidence model's weights on a labelled set (offline; the result ships as
 * {@code confidence.properties}) and checks that they generalise by fitting on some sources and
 * evaluating on the others.
 *
 * <pre>
 * ./mvnw -q -pl knowledge-base exec:java -Dexec.mainClass=org.jisr.kb.eval.FitConfidence \
 *   -Dexec.args="--kb KB.jsonl --queries Q.jsonl [--out knowledge-base/src/main/resources/org/jisr/kb/index/confidence.properties] [--crossval]"
 * </pre>
 *
 * Training rows: the match model learns from the first {@value #MATCH_ROWS} candidates of every query (label:
 * is it the expected article); the answer model from the first three, ranked by the new match model.
 * Contradiction queries are left out (they are scored separately and look like different claims on purpose).
 */
public final class FitConfidence {

    static final int MATCH_ROWS = 8;
    static final int ANSWER_ROWS = Integer.getInteger("jisr.kb.answerRows", 3);
    static final double LAMBDA = 1.0;

    private FitConfidence() {
    }

    public static void main(String[] args) throws IOException {
        Path kbFile = null;
        Path queriesFile = null;
        Path out = null;
        boolean crossval = false;
        Path dump = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kb" -> kbFile = Path.of(args[++i]);
                case "--queries" -> queriesFile = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--crossval" -> crossval = true;
                case "--dump" -> dump = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (kbFile == null || queriesFile == null) {
            throw new IllegalArgumentException("usage: FitConfidence --kb KB.jsonl --queries Q.jsonl [--out FILE] [--crossval]");
        }
        List<Article> articles;
        try (InputStream in = Files.newInputStream(kbFile)) {
            articles = Jsonl.read(in).articles();
        }
        List<LabelledQuery> queries = LabelledQuery.read(queriesFile).stream()
                .filter(q -> !q.kind().equals(LabelledQuery.CONTRADICTION)).toList();
        Set<String> sources = new java.util.TreeSet<>();
        queries.forEach(q -> sources.add(q.source()));
        if (crossval) {
            for (String held : sources) {
                ConfidenceModel m = fit(articles, queries.stream().filter(q -> !q.source().equals(held)).toList());
                System.out.println("== fitted without " + held + ", evaluated on " + held);
                report(articles, queries.stream().filter(q -> q.source().equals(held)).toList(), m);
            }
        }
        ConfidenceModel model = fit(articles, queries);
        System.out.println("== fitted on all sources, evaluated on all (in-sample)");
        report(articles, queries, model);
        StringBuilder text = new StringBuilder();
        try (Writer w = new java.io.StringWriter()) {
            model.write(w, "fitted by FitConfidence on " + kbFile.getFileName() + " / " + queriesFile.getFileName()
                    + " (" + queries.size() + " queries, contradiction left out)");
            text.append(w);
        }
        System.out.print(text);
        if (dump != null) {
            dump(articles, queries, model, dump);
        }
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            System.out.println("written to " + out);
        }
    }

    /** Fits both models: match first, then answer on candidates ranked by the new match model. */
    static ConfidenceModel fit(List<Article> articles, List<LabelledQuery> queries) {
        ConfidenceModel model = ConfidenceModel.bundled();
        for (int round = 0; round < 2; round++) { // round 2 re-picks each article's best variant with the new weights
            List<double[]> x = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            forEachCandidates(articles, queries, model, (q, cands) -> {
                for (int i = 0; i < Math.min(MATCH_ROWS, cands.size()); i++) {
                    x.add(cands.get(i).signals().vector());
                    y.add(cands.get(i).article().id().equals(q.expectedId()) ? 1 : 0);
                }
            });
            double[] w = Logistic.fit(x, y, LAMBDA);
            ConfidenceModel matchOnly = new ConfidenceModel(w[0], Arrays.copyOfRange(w, 1, w.length), 0,
                    new double[ConfidenceModel.ANSWER_NAMES.size()]);
            List<double[]> ax = new ArrayList<>();
            List<Integer> ay = new ArrayList<>();
            forEachCandidates(articles, queries, matchOnly, (q, cands) -> {
                List<Ranked> ranked = Ranked.of(cands, matchOnly);
                for (int i = 0; i < Math.min(ANSWER_ROWS, ranked.size()); i++) {
                    ax.add(ranked.get(i).answerInputs());
                    ay.add(ranked.get(i).candidate().article().id().equals(q.expectedId()) ? 1 : 0);
                }
            });
            double[] a = Logistic.fit(ax, ay, LAMBDA);
            model = new ConfidenceModel(w[0], Arrays.copyOfRange(w, 1, w.length), a[0], Arrays.copyOfRange(a, 1, a.length));
            System.err.printf(Locale.ROOT, "round %d: match rows %d (log-loss %.4f), answer rows %d (log-loss %.4f)%n",
                    round + 1, x.size(), Logistic.logLoss(w, x, y), ax.size(), Logistic.logLoss(a, ax, ay));
        }
        return model;
    }

    interface Visitor {
        void visit(LabelledQuery q, List<Candidate> candidates);
    }

    static void forEachCandidates(List<Article> articles, List<LabelledQuery> queries, ConfidenceModel model, Visitor v) {
        try (Analysis analysis = Analysis.defaults(); ArticleIndex index = new ArticleIndex(analysis, model)) {
            index.upsertAll(articles);
            LocalDate today = LocalDate.now();
            for (LabelledQuery q : queries) {
                v.visit(q, index.candidates(index.form(q.lang(), q.query()), q.lang(), today));
            }
        }
    }

    /** Top-3 candidates of every query with their signals, as TSV (for looking at failures). */
    static void dump(List<Article> articles, List<LabelledQuery> queries, ConfidenceModel model, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("qid\tsource\tkind\trank\tlabel\tconfidence\tlogit\t" + String.join("\t", org.jisr.kb.index.Signals.NAMES)
                + "\t" + String.join("\t", ConfidenceModel.ANSWER_NAMES) + "\tquery\tquestion");
        forEachCandidates(articles, queries, model, (q, cands) -> {
            List<Ranked> r = Ranked.of(cands, model);
            for (int i = 0; i < Math.min(3, r.size()); i++) {
                Ranked x = r.get(i);
                StringBuilder sb = new StringBuilder(q.qid() + "\t" + q.source() + "\t" + q.kind() + "\t" + i + "\t"
                        + (x.candidate().article().id().equals(q.expectedId()) ? 1 : 0)
                        + String.format(Locale.ROOT, "\t%.4f\t%.3f", x.confidence(), x.candidate().logit()));
                for (double v : x.candidate().signals().vector()) {
                    sb.append(String.format(Locale.ROOT, "\t%.3f", v));
                }
                for (double v : x.answerInputs()) {
                    sb.append(String.format(Locale.ROOT, "\t%.3f", v));
                }
                sb.append("\t").append(q.query()).append("\t").append(x.candidate().question());
                lines.add(sb.toString());
            }
        });
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** The README metrics at the default thresholds, and the trade-off of other answer thresholds. */
    static void report(List<Article> articles, List<LabelledQuery> queries, ConfidenceModel model) {
        try (KnowledgeBase kb = new KnowledgeBase(KbSettings.defaults().withCacheSize(0), Clock.systemDefaultZone(),
                Analysis.defaults(), model)) {
            kb.upsertAll(articles);
            System.out.print(Evaluation.run(kb, queries).text());
        }
        // trade-off: answer threshold → per language correct rate / wrong share, from one ranking pass
        List<double[]> rows = new ArrayList<>(); // lang, inKb, topCorrect, confidence
        forEachCandidates(articles, queries, model, (q, cands) -> {
            List<Ranked> r = Ranked.of(cands, model);
            boolean top = !r.isEmpty() && r.getFirst().candidate().article().id().equals(q.expectedId());
            rows.add(new double[] {q.lang().ordinal(), q.inKb() ? 1 : 0, top ? 1 : 0, r.isEmpty() ? 0 : r.getFirst().confidence()});
        });
        for (Lang lang : Lang.values()) {
            Predicate<double[]> inLang = r -> r[0] == lang.ordinal();
            long inKb = rows.stream().filter(inLang).filter(r -> r[1] == 1).count();
            if (inKb == 0) {
                continue;
            }
            StringBuilder sb = new StringBuilder("  " + lang.code() + " threshold→correct/wrong-share:");
            for (double t : new double[] {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9}) {
                long answered = rows.stream().filter(inLang).filter(r -> r[3] >= t).count();
                long correct = rows.stream().filter(inLang).filter(r -> r[3] >= t && r[1] == 1 && r[2] == 1).count();
                sb.append(String.format(Locale.ROOT, " %.2f→%.1f%%/%.1f%%", t, 100.0 * correct / inKb,
                        answered == 0 ? 0 : 100.0 * (answered - correct) / answered));
            }
            System.out.println(sb);
        }
    }
}
