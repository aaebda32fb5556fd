package org.jisr.kb.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jisr.kb.KbSettings;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.Lang;
import org.jisr.kb.analysis.Analysis;
import org.jisr.kb.index.ArticleIndex;
import org.jisr.kb.index.Candidate;
import org.jisr.kb.index.ConfidenceModel;
import org.jisr.kb.index.Ranked;
import org.jisr.kb.index.Signals;

/**
 * Fits the confidence model's weights on labelled sets (offline; the result ships as
 * {@code confidence.properties}) and checks that they generalise by fitting without one source and
 * evaluating on it.
 *
 * <pre>
 * ./mvnw -q -pl knowledge-base exec:java -Dexec.mainClass=org.jisr.kb.eval.FitConfidence \
 *   -Dexec.args="--set KB.jsonl Q.jsonl [--set KB2.jsonl Q2.jsonl] [--today YYYY-MM-DD] [--out FILE] [--crossval] [--dump FILE]"
 * </pre>
 *
 * Contradiction queries are left out (they are scored separately and look like different claims on purpose).
 */
public final class FitConfidence {

    static final int MATCH_ROWS = 8;
    /** The answer model learns from the best candidate of each query: the only one it decides on. */
    static final int ANSWER_ROWS = 1;
    static final int DUMP_ROWS = 5;
    static final double LAMBDA = 1.0;

    private FitConfidence() {
    }

    public static void main(String[] args) throws IOException {
        List<Path[]> files = new ArrayList<>();
        Path out = null;
        boolean crossval = false;
        boolean bundled = false;
        Path dump = null;
        LocalDate today = LocalDate.now();
        double target = 0.045;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> files.add(new Path[] {Path.of(args[++i]), Path.of(args[++i])});
                case "--out" -> out = Path.of(args[++i]);
                case "--crossval" -> crossval = true;
                case "--bundled" -> bundled = true;
                case "--dump" -> dump = Path.of(args[++i]);
                case "--today" -> today = LocalDate.parse(args[++i]);
                case "--target" -> target = Double.parseDouble(args[++i]);
                case "--weight" -> {
                    String[] kv = args[++i].split("=", 2);
                    WEIGHTS.put(kv[0], Double.parseDouble(kv[1]));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("usage: FitConfidence --set KB.jsonl Q.jsonl [--set …] [--today YYYY-MM-DD] "
                    + "[--weight SOURCE=W] [--target 0.045] [--out FILE] [--crossval] [--dump FILE] [--bundled]");
        }
        List<LabelledSet> sets = new ArrayList<>();
        for (Path[] f : files) {
            LabelledSet s = LabelledSet.read(f[0], f[1], today);
            sets.add(s.with(s.queries().stream().filter(q -> !q.kind().equals(LabelledQuery.CONTRADICTION)).toList()));
        }
        Set<String> sources = new TreeSet<>();
        sets.forEach(s -> s.queries().forEach(q -> sources.add(q.source())));
        if (crossval) {
            for (String held : sources) {
                List<LabelledSet> train = only(sets, q -> !q.source().equals(held));
                ConfidenceModel m = fit(train);
                System.out.println("== fitted without " + held + ", evaluated on " + held + " (thresholds from the others)");
                report(only(sets, q -> q.source().equals(held)), m, thresholds(train, m, target));
            }
        }
        if (bundled) { // only look at the shipped weights, at the default thresholds
            if (dump != null) {
                dump(sets, ConfidenceModel.bundled(), dump);
            }
            report(sets, ConfidenceModel.bundled(), KbSettings.defaults().answerThresholdByLang());
            return;
        }
        ConfidenceModel model = fit(sets);
        java.util.Map<Lang, Double> chosen = thresholds(sets, model, target);
        System.out.println("== fitted on all sources, evaluated on all (in-sample)");
        report(sets, model, chosen);
        System.out.println("answer thresholds at a wrong share of at most " + target + ": " + chosen);
        StringBuilder text = new StringBuilder();
        try (Writer w = new java.io.StringWriter()) {
            int n = sets.stream().mapToInt(s -> s.queries().size()).sum();
            model.write(w, "fitted by: FitConfidence " + String.join(" ", args) + " (" + n
                    + " queries, contradiction left out). Answer thresholds at a wrong share of at most " + target
                    + " on each set: " + chosen);
            text.append(w);
        }
        System.out.print(text);
        if (dump != null) {
            dump(sets, model, dump);
        }
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            System.out.println("written to " + out);
        }
    }

    static List<LabelledSet> only(List<LabelledSet> sets, Predicate<LabelledQuery> keep) {
        List<LabelledSet> out = new ArrayList<>();
        for (LabelledSet s : sets) {
            List<LabelledQuery> qs = s.queries().stream().filter(keep).toList();
            if (!qs.isEmpty()) {
                out.add(s.with(qs));
            }
        }
        return out;
    }

    /**
     * Signals the models do not use: whether an article has an answer text of its own says nothing about whether
     * it answers the query, only about the knowledge base (the dev set's have none, the sample's all have one).
     */
    static final Set<String> MATCH_OFF = Set.of("ansPresent");
    static final Set<String> ANSWER_OFF = Set.of("s.ansPresent");

    /**
     * Fits both models: match first (on the first {@value #MATCH_ROWS} candidates of every query: is it the
     * expected article), then answer (on the best candidate of every query, ranked by the new match model: is it
     * right), each query weighted by its source's {@code --weight} (default 1).
     */
    static ConfidenceModel fit(List<LabelledSet> sets) {
        ConfidenceModel model = prior();
        for (int round = 0; round < 3; round++) { // later rounds re-pick candidates and variants with the new weights
            List<double[][]> groups = new ArrayList<>();
            List<Integer> right = new ArrayList<>();
            forEachCandidates(sets, model, (q, cands) -> {
                int n = Math.min(MATCH_ROWS, cands.size());
                int r = -1;
                double[][] g = new double[n][];
                for (int i = 0; i < n; i++) {
                    g[i] = without(cands.get(i).signals().vector(), Signals.NAMES, MATCH_OFF);
                    if (cands.get(i).article().id().equals(q.expectedId())) {
                        r = i;
                    }
                }
                if (r >= 0 && n > 1) {
                    groups.add(g);
                    right.add(r);
                }
            });
            double[] m = Logistic.fitConditional(groups, right, LAMBDA);
            double[] w = new double[m.length + 1]; // no bias: it cancels between the candidates of one query
            System.arraycopy(m, 0, w, 1, m.length);
            ConfidenceModel matchOnly = new ConfidenceModel(w[0], Arrays.copyOfRange(w, 1, w.length), 0,
                    new double[ConfidenceModel.ANSWER_NAMES.size()]);
            List<double[]> ax = new ArrayList<>();
            List<Integer> ay = new ArrayList<>();
            List<String> src = new ArrayList<>();
            forEachCandidates(sets, matchOnly, (q, cands) -> {
                List<Ranked> ranked = Ranked.of(cands, matchOnly);
                for (int i = 0; i < Math.min(ANSWER_ROWS, ranked.size()); i++) {
                    ax.add(without(ranked.get(i).answerInputs(), ConfidenceModel.ANSWER_NAMES, ANSWER_OFF));
                    ay.add(ranked.get(i).candidate().article().id().equals(q.expectedId()) ? 1 : 0);
                    src.add(q.source());
                }
            });
            double[] a = Logistic.fit(ax, ay, sourceWeights(src), LAMBDA);
            model = new ConfidenceModel(w[0], Arrays.copyOfRange(w, 1, w.length), a[0], Arrays.copyOfRange(a, 1, a.length));
            System.err.printf(Locale.ROOT, "round %d: match groups %d, answer rows %d (log-loss %.4f)%n",
                    round + 1, groups.size(), ax.size(), Logistic.logLoss(a, ax, ay));
        }
        return model;
    }

    /**
     * The ranking the first round starts from (so that a fit does not depend on the weights shipped before it):
     * word and n-gram coverage both ways.
     */
    static ConfidenceModel prior() {
        double[] m = new double[Signals.NAMES.size()];
        m[Signals.NAMES.indexOf("covQxD")] = 4;
        m[Signals.NAMES.indexOf("gramQxD")] = 2;
        return new ConfidenceModel(0, m, 0, new double[ConfidenceModel.ANSWER_NAMES.size()]);
    }

    /** Weight of each source's queries in the answer model (--weight SOURCE=W; others weigh 1). */
    static final java.util.Map<String, Double> WEIGHTS = new java.util.HashMap<>();

    static double[] sourceWeights(List<String> sources) {
        double[] w = new double[sources.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = WEIGHTS.getOrDefault(sources.get(i), 1.0);
        }
        return w;
    }

    private static double[] without(double[] v, List<String> names, Set<String> off) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (off.contains(names.get(i))) {
                out[i] = 0;
            }
        }
        return out;
    }

    interface Visitor {
        void visit(LabelledQuery q, List<Candidate> candidates);
    }

    static void forEachCandidates(List<LabelledSet> sets, ConfidenceModel model, Visitor v) {
        for (LabelledSet s : sets) {
            try (Analysis analysis = Analysis.defaults(); ArticleIndex index = new ArticleIndex(analysis, model)) {
                index.upsertAll(s.articles());
                for (LabelledQuery q : s.queries()) {
                    v.visit(q, index.candidates(index.form(q.lang(), q.query()), q.lang(), s.today()));
                }
            }
        }
    }

    /** The first candidates of every query with their signals, as TSV (for looking at failures). */
    static void dump(List<LabelledSet> sets, ConfidenceModel model, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("qid\tlang\tsource\tkind\texpected\trank\tid\tlabel\tconfidence\tlogit\tmargin\tbestWord\tbestGram\t"
                + String.join("\t", Signals.NAMES) + "\tquery\tquestion\tqwords\tdwords");
        try (Analysis analysis = Analysis.defaults()) {
            forEachCandidates(sets, model, (q, cands) -> {
                List<Ranked> r = Ranked.of(cands, model);
                if (r.isEmpty()) {
                    lines.add(q.qid() + "\t" + q.lang().code() + "\t" + q.source() + "\t" + q.kind() + "\t" + q.expectedId()
                            + "\t-1\t\t0\t0\t-10\t0\t0\t0" + "\t0".repeat(Signals.NAMES.size()) + "\t" + clean(q.query()) + "\t\t\t");
                }
                for (int i = 0; i < Math.min(DUMP_ROWS, r.size()); i++) {
                    Ranked x = r.get(i);
                    Candidate c = x.candidate();
                    double[] in = x.answerInputs();
                    StringBuilder sb = new StringBuilder(q.qid() + "\t" + q.lang().code() + "\t" + q.source() + "\t" + q.kind()
                            + "\t" + q.expectedId() + "\t" + i + "\t" + c.article().id() + "\t"
                            + (c.article().id().equals(q.expectedId()) ? 1 : 0)
                            + String.format(Locale.ROOT, "\t%.4f\t%.4f\t%.4f\t%.0f\t%.0f", x.confidence(), c.logit(), in[1], in[2], in[3]));
                    for (double v : c.signals().vector()) {
                        sb.append(String.format(Locale.ROOT, "\t%.4f", v));
                    }
                    sb.append("\t").append(clean(q.query())).append("\t").append(clean(c.question()))
                            .append("\t").append(String.join(" ", analysis.wordTerms(q.lang(), q.query())))
                            .append("\t").append(String.join(" ", analysis.wordTerms(c.lang(), c.question())));
                    lines.add(sb.toString());
                }
            });
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Per language, the answer threshold that gives the most correct answers while wrong answers stay at most
     * {@code target} of the answers given on each set (the highest of the sets' own thresholds).
     */
    static java.util.Map<Lang, Double> thresholds(List<LabelledSet> sets, ConfidenceModel model, double target) {
        java.util.Map<Lang, Double> out = new java.util.EnumMap<>(Lang.class);
        for (LabelledSet s : sets) {
            bestThresholds(List.of(s), model, target).forEach((lang, t) -> out.merge(lang, t, Math::max));
        }
        return out;
    }

    /** Per language, the best answer threshold over these sets together (from one ranking pass). */
    static java.util.Map<Lang, Double> bestThresholds(List<LabelledSet> sets, ConfidenceModel model, double target) {
        List<double[]> rows = rows(sets, model);
        java.util.Map<Lang, Double> out = new java.util.EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            List<double[]> l = rows.stream().filter(r -> r[0] == lang.ordinal()).sorted((a, b) -> Double.compare(b[3], a[3])).toList();
            int correct = 0;
            int wrong = 0;
            int best = 0;
            double threshold = 1.0;
            for (int i = 0; i < l.size(); i++) {
                double[] r = l.get(i);
                if (r[1] == 1 && r[2] == 1) {
                    correct++;
                } else {
                    wrong++;
                }
                boolean tie = i + 1 < l.size() && l.get(i + 1)[3] == r[3];
                if (!tie && wrong <= target * (correct + wrong) && correct > best) {
                    best = correct;
                    threshold = r[3];
                }
            }
            if (!l.isEmpty()) {
                out.put(lang, threshold);
            }
        }
        return out;
    }

    /** One row per query: language, in KB, best candidate right, its confidence. */
    private static List<double[]> rows(List<LabelledSet> sets, ConfidenceModel model) {
        List<double[]> rows = new ArrayList<>();
        forEachCandidates(sets, model, (q, cands) -> {
            List<Ranked> r = Ranked.of(cands, model);
            boolean top = !r.isEmpty() && r.getFirst().candidate().article().id().equals(q.expectedId());
            double c = r.isEmpty() || !r.getFirst().answerable() ? 0 : r.getFirst().confidence();
            rows.add(new double[] {q.lang().ordinal(), q.inKb() ? 1 : 0, top ? 1 : 0, c});
        });
        return rows;
    }

    /** The README metrics at the given answer thresholds, and the trade-off of other answer thresholds. */
    static void report(List<LabelledSet> sets, ConfidenceModel model, java.util.Map<Lang, Double> thresholds) {
        KbSettings settings = new KbSettings(0.9, KbSettings.defaults().suggestThreshold(), KbSettings.defaults().maxSuggestions(), 0,
                thresholds);
        for (LabelledSet s : sets) {
            Clock clock = Clock.fixed(s.today().atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            try (KnowledgeBase kb = new KnowledgeBase(settings, clock, Analysis.defaults(), model)) {
                kb.upsertAll(s.articles());
                System.out.println("-- " + s.name() + " (answer thresholds " + thresholds + ")");
                System.out.print(Evaluation.run(kb, s.queries()).text());
            }
        }
        List<double[]> rows = rows(sets, model);
        for (Lang lang : Lang.values()) {
            Predicate<double[]> inLang = r -> r[0] == lang.ordinal();
            long inKb = rows.stream().filter(inLang).filter(r -> r[1] == 1).count();
            if (inKb == 0) {
                continue;
            }
            StringBuilder sb = new StringBuilder("  " + lang.code() + " threshold→correct/wrong-share:");
            for (double t : new double[] {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95}) {
                long answered = rows.stream().filter(inLang).filter(r -> r[3] >= t).count();
                long correct = rows.stream().filter(inLang).filter(r -> r[3] >= t && r[1] == 1 && r[2] == 1).count();
                sb.append(String.format(Locale.ROOT, " %.2f→%.1f%%/%.1f%%", t, 100.0 * correct / inKb,
                        answered == 0 ? 0 : 100.0 * (answered - correct) / answered));
            }
            System.out.println(sb);
        }
    }
}
