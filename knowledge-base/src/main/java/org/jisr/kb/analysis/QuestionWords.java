package org.jisr.kb.analysis;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.CharArraySet;
import org.jisr.kb.Lang;

/**
 * What a question asks for, from its word-field terms (after synonyms, so وين → اين). Two questions that ask
 * for different specific things (when vs where vs how many) are different questions, however many words they
 * share. "What", "which" and yes/no questions are interchangeable in practice (ما أهمية… / لماذا…), so they
 * count as {@link Kind#GENERAL}.
 */
public final class QuestionWords {

    /** The thing asked for. */
    public enum Kind { WHEN, WHERE, HOW_MANY, WHO, WHY, HOW, GENERAL, NONE }

    private static final Map<String, Kind> AR = Map.of(
            "متي", Kind.WHEN, "اين", Kind.WHERE, "كم", Kind.HOW_MANY, "لماذا", Kind.WHY, "كيف", Kind.HOW,
            "ماذا", Kind.GENERAL, "ما", Kind.GENERAL, "هل", Kind.GENERAL, "من", Kind.GENERAL, "من_هو", Kind.WHO);
    private static final Map<String, Kind> EN = Map.of(
            "when", Kind.WHEN, "where", Kind.WHERE, "who", Kind.WHO, "whom", Kind.WHO, "why", Kind.WHY,
            "how", Kind.HOW, "what", Kind.GENERAL, "which", Kind.GENERAL);

    private QuestionWords() {
    }

    /** Words the stemmer must leave alone: question words, negations, quantity words. */
    static CharArraySet protectedWords(Lang lang) {
        List<String> extra = lang == Lang.AR
                ? List.of("لا", "لم", "لن", "ليس", "غير", "اي")
                : List.of("many", "much", "not", "no", "never");
        CharArraySet set = new CharArraySet(32, false);
        set.addAll((lang == Lang.AR ? AR : EN).keySet());
        set.addAll(extra);
        return CharArraySet.unmodifiableSet(set);
    }

    /** The most specific kind asked for in these word-field terms (in order), or NONE. */
    public static Kind of(Lang lang, List<String> terms) {
        Map<String, Kind> table = lang == Lang.AR ? AR : EN;
        Kind found = Kind.NONE;
        for (int i = 0; i < terms.size(); i++) {
            Kind k = table.get(terms.get(i));
            if (k == null) {
                continue;
            }
            if (k == Kind.HOW && i + 1 < terms.size() && (terms.get(i + 1).equals("many") || terms.get(i + 1).equals("much"))) {
                k = Kind.HOW_MANY;
            }
            if (k == Kind.GENERAL) {
                if (found == Kind.NONE) {
                    found = k;
                }
            } else if (found == Kind.NONE || found == Kind.GENERAL) {
                found = k; // the first specific question word decides
            }
        }
        return found;
    }

    /** True for a question word of either language (after normalisation and synonyms). */
    public static boolean isQuestionWord(String term) {
        return AR.containsKey(term) || EN.containsKey(term);
    }

    /** True for a question word that does not say what is asked (ما, ماذا, هل, من, what, which). */
    public static boolean isGeneral(String term) {
        return AR.get(term) == Kind.GENERAL || EN.get(term) == Kind.GENERAL;
    }

    /** True when both ask for a specific thing and the things differ (متى vs أين). */
    public static boolean conflict(Kind a, Kind b) {
        return specific(a) && specific(b) && a != b;
    }

    /** True when both ask for the same specific thing. */
    public static boolean agree(Kind a, Kind b) {
        return specific(a) && a == b;
    }

    static boolean specific(Kind k) {
        return k != Kind.NONE && k != Kind.GENERAL;
    }
}
