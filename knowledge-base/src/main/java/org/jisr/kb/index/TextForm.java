package org.jisr.kb.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jisr.kb.Lang;
import org.jisr.kb.analysis.Analysis;
import org.jisr.kb.analysis.Aspects;
import org.jisr.kb.analysis.QuestionWords;
import org.jisr.kb.analysis.TextNormalizer;

/**
 * A text as the matcher sees it: its distinct word-field terms (in order), its distinct character n-grams
 * (as sorted hashes, compact enough to keep for every question variant in memory), and what kind of
 * question it asks. Query forms also keep the n-gram strings, to look them up in the index.
 */
public record TextForm(String text, List<String> words, int[] grams, List<String> gramTerms, QuestionWords.Kind kind,
        Aspects.Aspect aspect, List<String> numbers) {

    /** At most this many distinct word terms of a query are used (longer input is not a question). */
    public static final int MAX_WORDS = 40;
    /** At most this many distinct n-grams. */
    public static final int MAX_GRAMS = 160;

    public static TextForm of(Analysis analysis, Lang lang, String text) {
        List<String> all = analysis.wordTerms(lang, text);
        QuestionWords.Kind kind = QuestionWords.of(lang, all);
        List<String> words = all.stream().distinct().limit(MAX_WORDS).toList();
        Set<String> grams = new LinkedHashSet<>();
        for (String g : analysis.gramTerms(lang, text)) {
            if (grams.size() >= MAX_GRAMS) {
                break;
            }
            grams.add(g);
        }
        int[] hashes = grams.stream().mapToInt(String::hashCode).distinct().sorted().toArray();
        return new TextForm(text, words, hashes, List.copyOf(grams), kind, analysis.aspect(lang, all, text.indexOf('?') >= 0 || text.indexOf('؟') >= 0),
                numbers(text));
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    /** The numbers written in a text (any digits; ب12 → 12, ٢٠٢٥ → 2025), distinct, in order. */
    static List<String> numbers(String text) {
        if (text == null) {
            return List.of();
        }
        Matcher m = NUMBER.matcher(TextNormalizer.normalize(text));
        Set<String> out = new LinkedHashSet<>();
        while (m.find()) {
            out.add(m.group());
        }
        return List.copyOf(out);
    }

    /** The same form without the n-gram strings (for the in-memory copy of indexed questions). */
    TextForm compact() {
        return new TextForm(text, words, grams, List.of(), kind, aspect, numbers);
    }

    boolean hasGram(int hash) {
        return Arrays.binarySearch(grams, hash) >= 0;
    }

    /** The first word that is not a question word (the head of the question), or null. */
    public String head() {
        for (String w : words) {
            if (!QuestionWords.isQuestionWord(w)) {
                return w;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return words.isEmpty() && grams.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextForm f && text.equals(f.text) && words.equals(f.words) && Arrays.equals(grams, f.grams)
                && kind == f.kind && java.util.Objects.equals(aspect, f.aspect) && numbers.equals(f.numbers);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + Arrays.hashCode(grams);
    }

    @Override
    public String toString() {
        return "TextForm[" + text + " → " + words + ", " + grams.length + " grams, " + kind + ", aspect " + aspect
                + ", numbers " + numbers + "]";
    }

    static List<Integer> boxed(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add(v);
        }
        return out;
    }
}
