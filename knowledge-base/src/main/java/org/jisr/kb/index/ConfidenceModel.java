package org.jisr.kb.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The calibrated confidence, in two small linear models whose weights are fitted offline
 * ({@code org.jisr.kb.eval.FitConfidence}) and shipped as {@code confidence.properties} (keys by name; a
 * missing key weighs 0, an unknown one is an error):
 * <ol>
 *   <li><b>match</b>: a score over one candidate's {@link Signals} (a conditional logit: fitted so that the
 *       right article of each query scores highest among its candidates); it ranks the candidates and picks
 *       each article's best question variant;</li>
 *   <li><b>answer</b>: a logistic model over the best candidate — its match score, its margin over the best
 *       other article, whether the word and n-gram fields agree on it, its signals again, and a few
 *       {@link #DERIVED} shapes — the probability that it is the right article. This is {@code Hit.confidence}
 *       (for a runner-up the margin is negative, so its confidence is low by construction).</li>
 * </ol>
 */
public final class ConfidenceModel {

    /**
     * Shapes the answer model needs that a weighted sum of the signals cannot make: nothing distinctive missing
     * on a side (a rephrasing that keeps every content word is safe however short), and where coverage, missing
     * rarity and margin stop mattering (hinges).
     */
    static final List<String> DERIVED = List.of("d.noMissQ", "d.fewMissQ", "d.noMissD", "d.fewMissD", "d.covDHigh",
            "d.covQxDHigh", "d.missDHigh", "d.margin2", "d.margin5");

    /** Names of the answer model's inputs, in order: match score, margin, agreement, the signals, the derived shapes. */
    public static final List<String> ANSWER_NAMES = answerNames();
    private static final String RESOURCE = "/org/jisr/kb/index/confidence.properties";

    private final double matchBias;
    private final double[] match;
    private final double answerBias;
    private final double[] answer;

    public ConfidenceModel(double matchBias, double[] match, double answerBias, double[] answer) {
        if (match.length != Signals.NAMES.size() || answer.length != ANSWER_NAMES.size()) {
            throw new IllegalArgumentException("weights do not fit the signals");
        }
        this.matchBias = matchBias;
        this.match = match.clone();
        this.answerBias = answerBias;
        this.answer = answer.clone();
    }

    private static List<String> answerNames() {
        List<String> names = new ArrayList<>(List.of("logit", "margin", "bestWord", "bestGram"));
        Signals.NAMES.forEach(n -> names.add("s." + n));
        names.addAll(DERIVED);
        return List.copyOf(names);
    }

    /** The bundled, fitted weights. */
    public static ConfidenceModel bundled() {
        try (InputStream in = ConfidenceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Properties p = new Properties();
            p.load(in);
            return from(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConfidenceModel read(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        return from(p);
    }

    /** Reads weights: the two biases are required; a signal without a weight weighs 0; unknown keys are errors. */
    private static ConfidenceModel from(Properties p) {
        for (String key : p.stringPropertyNames()) {
            boolean known = key.equals("match.bias") || key.equals("answer.bias")
                    || key.startsWith("match.") && Signals.NAMES.contains(key.substring(6))
                    || key.startsWith("answer.") && ANSWER_NAMES.contains(key.substring(7));
            if (!known) {
                throw new IllegalArgumentException("confidence weights: unknown key " + key);
            }
        }
        double[] m = new double[Signals.NAMES.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = number(p, "match." + Signals.NAMES.get(i), 0);
        }
        double[] a = new double[ANSWER_NAMES.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = number(p, "answer." + ANSWER_NAMES.get(i), 0);
        }
        return new ConfidenceModel(number(p, "match.bias", Double.NaN), m, number(p, "answer.bias", Double.NaN), a);
    }

    private static double number(Properties p, String key, double absent) {
        String v = p.getProperty(key);
        if (v == null) {
            if (Double.isNaN(absent)) {
                throw new IllegalArgumentException("confidence weights: missing " + key);
            }
            return absent;
        }
        return Double.parseDouble(v.strip());
    }

    public void write(Writer out, String comment) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# " + comment);
        lines.add(String.format(Locale.ROOT, "match.bias=%.6f", matchBias));
        for (int i = 0; i < match.length; i++) {
            if (match[i] != 0) {
                lines.add(String.format(Locale.ROOT, "match.%s=%.6f", Signals.NAMES.get(i), match[i]));
            }
        }
        lines.add(String.format(Locale.ROOT, "answer.bias=%.6f", answerBias));
        for (int i = 0; i < answer.length; i++) {
            if (answer[i] != 0) {
                lines.add(String.format(Locale.ROOT, "answer.%s=%.6f", ANSWER_NAMES.get(i), answer[i]));
            }
        }
        out.write(String.join("\n", lines) + "\n");
    }

    /**
     * The match score of an article that shares nothing with the query: the runner-up assumed when there is
     * none, so a lone candidate's margin is its own score (a lone weak n-gram match has a small one).
     */
    public double emptyLogit() {
        return matchBias;
    }

    public double matchLogit(Signals s) {
        return dot(matchBias, match, s.vector());
    }

    /** The answer model's inputs for a candidate. */
    public static double[] answerInputs(Candidate c, double runnerUpLogit, boolean bestWord, boolean bestGram) {
        double margin = Math.max(-10, Math.min(10, c.logit() - runnerUpLogit));
        Signals s = c.signals();
        double[] sig = s.vector();
        double[] in = new double[4 + sig.length + DERIVED.size()];
        in[0] = Math.max(-10, Math.min(10, c.logit()));
        in[1] = margin;
        in[2] = bestWord ? 1 : 0;
        in[3] = bestGram ? 1 : 0;
        System.arraycopy(sig, 0, in, 4, sig.length);
        int k = 4 + sig.length;
        in[k++] = s.eMissQ() <= 0.02 ? 1 : 0;
        in[k++] = s.eMissQ() <= 0.2 ? 1 : 0;
        in[k++] = s.eMissD() <= 0.02 ? 1 : 0;
        in[k++] = s.eMissD() <= 0.2 ? 1 : 0;
        in[k++] = Math.max(0, s.covD() - 0.8);
        in[k++] = Math.max(0, s.covQ() * s.covD() - 0.6);
        in[k++] = Math.max(0, s.missD() - 0.5);
        in[k++] = Math.max(0, margin - 2);
        in[k] = Math.max(0, margin - 5);
        return in;
    }

    public double confidence(double[] answerInputs) {
        return sigmoid(dot(answerBias, answer, answerInputs));
    }

    static double dot(double bias, double[] w, double[] x) {
        double z = bias;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        return z;
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
