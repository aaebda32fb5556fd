package org.jisr.kb.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jisr.kb.Lang;
import org.jisr.kb.analysis.Analysis;
import org.jisr.kb.analysis.QuestionWords;

/**
 * A text as the matcher sees it: its distinct word-field terms (in order), its distinct character n-grams,
 * and what kind of question it asks.
 */
public record TextForm(String text, List<String> words, Set<String> grams, QuestionWords.Kind kind) {

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
        return new TextForm(text, words, Set.copyOf(grams), kind);
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
        return words.isEmpty() && grams.isEmpty();
    }
}
