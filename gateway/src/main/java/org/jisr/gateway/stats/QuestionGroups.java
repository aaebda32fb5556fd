package org.jisr.gateway.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.jisr.kb.Lang;

/**
 * Groups questions that ask the same thing, for "most frequent unanswered questions". Two questions are similar
 * when their normalised word tokens (the same Lucene Arabic / English analyzers as the knowledge base: Arabic
 * normalisation and light stemming, English stemming, stop words dropped) overlap, or — for typos and dialect
 * spellings — when their character trigrams do: similarity = max(token Jaccard, 0.8 × trigram Jaccard).
 * Greedy single pass: each question joins the most similar group (compared with the group's first question)
 * at or above the threshold, else starts its own.
 */
public final class QuestionGroups {

    public static final double THRESHOLD = 0.5;

    private static final Analyzer AR = new ArabicAnalyzer();
    private static final Analyzer EN = new EnglishAnalyzer();

    /** A group: the first question seen as its label, how many asked, a few other phrasings. */
    public record Group(String label, String lang, int count, List<String> examples) {
    }

    /** One question prepared for comparison. */
    record Shape(String text, Lang lang, Set<String> tokens, Set<String> trigrams) {
    }

    private QuestionGroups() {
    }

    static List<String> tokens(String text, Lang lang) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = (lang == Lang.AR ? AR : EN).tokenStream("q", text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Shape shape(String text) {
        Lang lang = Lang.detect(text);
        Set<String> toks = new LinkedHashSet<>(tokens(text, lang));
        String joined = " " + String.join(" ", toks.isEmpty() ? List.of(basic(text)) : toks) + " ";
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + 3 <= joined.length(); i++) {
            grams.add(joined.substring(i, i + 3));
        }
        return new Shape(text, lang, toks, grams);
    }

    private static String basic(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String x : a) {
            if (b.contains(x)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    /** Similarity of two questions in [0, 1]. */
    public static double similarity(String a, String b) {
        return similarity(shape(a), shape(b));
    }

    static double similarity(Shape a, Shape b) {
        if (a.lang() != b.lang()) {
            return 0;
        }
        return Math.max(jaccard(a.tokens(), b.tokens()), 0.8 * jaccard(a.trigrams(), b.trigrams()));
    }

    /** Groups the questions, largest group first (ties: the group seen first). */
    public static List<Group> group(List<String> questions, int maxGroups) {
        List<Shape> heads = new ArrayList<>();
        List<List<String>> members = new ArrayList<>();
        for (String q : questions) {
            if (q == null || q.isBlank()) {
                continue;
            }
            Shape s = shape(q);
            int best = -1;
            double bestSim = THRESHOLD;
            for (int i = 0; i < heads.size(); i++) {
                double sim = similarity(s, heads.get(i));
                if (sim >= bestSim) {
                    best = i;
                    bestSim = sim;
                }
            }
            if (best < 0) {
                heads.add(s);
                members.add(new ArrayList<>(List.of(q)));
            } else {
                members.get(best).add(q);
            }
        }
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            List<String> m = members.get(i);
            List<String> examples = m.stream().skip(1).distinct().limit(3).toList();
            out.add(new Group(heads.get(i).text(), heads.get(i).lang().code(), m.size(), examples));
        }
        out.sort(Comparator.comparingInt(Group::count).reversed());
        return out.stream().limit(maxGroups).toList();
    }
}
