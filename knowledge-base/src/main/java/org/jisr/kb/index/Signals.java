package org.jisr.kb.index;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jisr.kb.analysis.Aspects;
import org.jisr.kb.analysis.QuestionWords;

/**
 * The general evidence that a question variant asks what the query asks. All values are in [0,1]; the
 * confidence model weighs them (see {@link ConfidenceModel}). Everything is IDF-weighted over the question
 * variants of the language, so rare words count and common words barely do.
 *
 * @param covQ       how much of the query the question covers: matched query words / all query words
 *                   (IDF-weighted; the query's score normalised by the best score it could reach, its self-score)
 * @param covD       how much of the question the query covers (unmatched rare words in the question mean a
 *                   more specific, different question: أين تقع البحرين vs أين تقع البرتغال)
 * @param missQ      IDF of the rarest query word the question lacks, over the largest IDF (0: none lacking)
 * @param missD      IDF of the rarest question word the query lacks, over the largest IDF
 * @param gramQ      character n-gram coverage of the query by the question (typos, unknown morphology)
 * @param gramD      character n-gram coverage of the question by the query
 * @param ansCov     coverage of the query words by the answer text (0 when the answer only repeats a question)
 * @param ansPresent 1 when the article has an answer text of its own
 * @param qwConflict 1 when both ask for different specific things (متى vs أين, when vs where)
 * @param qwAgree    1 when both ask for the same specific thing
 * @param shortQ     1 / number of query words: one-word queries are weak evidence whatever they match
 * @param nMissQ     how many query words (not question words) the question lacks, whatever their IDF, over 3
 *                   (capped): an extra "aspect" word (مدة, مؤلف, سلبيات) makes a different question even
 *                   when the rare name around it matches
 * @param nMissD     how many question words the query lacks, over 3 (capped)
 * @param headMatch  1 when the first content word of each side occurs in the other (the head of the question:
 *                   ما مدة حرب… vs ما هي حرب…)
 * @param swap       1 when each side has a word the other lacks (دهون الجسم vs دهون الوجه: a substitution)
 * @param aspectQ    the largest "aspect" score of a query word the question lacks: how often that word heads
 *                   the questions of the knowledge base (ما مناسبة قصيدة… asks another thing than ما هي قصيدة…)
 * @param aspectD    the same for question words the query lacks
 * @param aspDiff    1 when both ask for specific, different aspects, at least one named by a content word
 *                   ({@link org.jisr.kb.analysis.Aspects}: مناسبة قصيدة X vs قائل قصيدة X, مدة vs متى)
 * @param aspGeneric 1 when one asks for a specific aspect and the other what the subject is (ما مدة حرب X vs
 *                   ما هي حرب X)
 * @param aspDiffQw  1 when both ask for different aspects by question words only (متى vs أين, how vs where)
 * @param numMiss    1 when the query has a number that neither the article's questions nor its answer have (a
 *                   figure for 2019 is not the figure for 2025; فيتامين ب2 is not ب12)
 * @param numExtra   1 when the question has a number the query lacks
 * @param unkQ       IDF-weighted share of the query made of words no question of the language has and the
 *                   question does not resemble (a subject the knowledge base does not know: المتحف الوطني)
 * @param eMissQ     the effective number of distinctive query words the question lacks: each counts by its
 *                   rarity (min(1, 2 IDF / largest IDF)) and by how far it is from matching; over 3, capped
 * @param eMissD     the same for the question's words the query lacks
 * @param matched    the IDF mass of the matched query words, over 4 × the largest IDF (capped at 1): absolute
 *                   evidence, where the coverage signals are ratios
 */
public record Signals(double covQ, double covD, double missQ, double missD, double gramQ, double gramD,
        double ansCov, double ansPresent, double qwConflict, double qwAgree, double shortQ, double nMissQ,
        double nMissD, double headMatch, double swap, double aspectQ, double aspectD, double aspDiff, double aspGeneric,
        double aspDiffQw, double numMiss, double numExtra, double unkQ, double matched, double eMissQ, double eMissD) {

    /** Names of {@link #vector()} entries, in order (also the keys of the weights file). */
    public static final List<String> NAMES = List.of("covQ", "covD", "covQxD", "missQ", "missD", "gramQ", "gramD",
            "gramQxD", "ansCov", "ansPresent", "qwConflict", "qwAgree", "shortQ", "nMissQ", "nMissD", "headMatch", "swap", "aspectQ", "aspectD",
            "aspDiff", "aspGeneric", "aspDiffQw", "numMiss", "numExtra", "unkQ", "matched", "eMissQ", "eMissD");


    /** A query word that only resembles a question word counts when their trigram Dice reaches this. */
    static final double SOFT_MATCH = 0.6;

    public double[] vector() {
        return new double[] {covQ, covD, covQ * covD, missQ, missD, gramQ, gramD, gramQ * gramD, ansCov, ansPresent,
                qwConflict, qwAgree, shortQ, nMissQ, nMissD, headMatch, swap, aspectQ, aspectD, aspDiff, aspGeneric, aspDiffQw, numMiss,
                numExtra, unkQ, matched, eMissQ, eMissD};
    }

    /** A single number for "which variant / which candidate is closest" before the model is applied. */
    public double wordDice() {
        return covQ + covD == 0 ? 0 : 2 * covQ * covD / (covQ + covD);
    }

    public double gramDice() {
        return gramQ + gramD == 0 ? 0 : 2 * gramQ * gramD / (gramQ + gramD);
    }

    /**
     * @param articleNumbers the numbers written anywhere in the article (its questions and answer, this language)
     */
    static Signals of(TextForm query, TextForm question, Set<String> answerWords, Set<String> articleNumbers, TermStats stats) {
        double max = stats.maxIdf();
        Set<String> qWords = new HashSet<>(question.words());
        Set<String> queryWords = new HashSet<>(query.words());
        double[] q = coverage(query.words(), qWords, stats, max);
        double[] d = coverage(question.words(), queryWords, stats, max);
        double gramQ = gramCoverage(query, question, stats);
        double gramD = gramCoverage(question, query, stats);
        double ansCov = 0;
        if (answerWords != null && !answerWords.isEmpty()) {
            double all = 0;
            double hit = 0;
            for (String t : query.words()) {
                double idf = stats.wordIdf(t);
                all += idf;
                if (answerWords.contains(t)) {
                    hit += idf;
                }
            }
            ansCov = all == 0 ? 0 : hit / all;
        }
        QuestionWords.Kind a = query.kind();
        QuestionWords.Kind b = question.kind();
        String headQ = query.head();
        String headD = question.head();
        double head = headQ == null || headD == null ? 0.5
                : (qWords.contains(headQ) || soft(headQ, qWords) > 0) && (queryWords.contains(headD) || soft(headD, queryWords) > 0) ? 1 : 0;
        Aspects.Relation rel = Aspects.relation(query.aspect(), question.aspect());
        boolean numMiss = false;
        for (String n : query.numbers()) {
            numMiss |= !articleNumbers.contains(n);
        }
        boolean numExtra = false;
        for (String n : question.numbers()) {
            numExtra |= !query.numbers().contains(n);
        }
        return new Signals(q[0], d[0], q[1], d[1], gramQ, gramD, ansCov,
                answerWords != null && !answerWords.isEmpty() ? 1 : 0,
                QuestionWords.conflict(a, b) ? 1 : 0, QuestionWords.agree(a, b) ? 1 : 0,
                query.words().isEmpty() ? 1 : 1.0 / query.words().size(),
                Math.min(3, q[2]) / 3.0, Math.min(3, d[2]) / 3.0, head, q[2] > 0 && d[2] > 0 ? 1 : 0, q[3], d[3],
                rel == Aspects.Relation.DIFFERENT ? 1 : 0, rel == Aspects.Relation.SPECIFIC_VS_GENERIC ? 1 : 0,
                rel == Aspects.Relation.DIFFERENT_QUESTION_WORDS ? 1 : 0,
                numMiss ? 1 : 0, numExtra ? 1 : 0, q[4], max == 0 ? 0 : Math.min(1, q[5] / (4 * max)),
                Math.min(3, q[6]) / 3, Math.min(3, d[6]) / 3);
    }

    /**
     * {IDF-weighted share of {@code terms} found in {@code other}, largest unmatched IDF / max, number of
     * unmatched words that are not question words}.
     */
    private static double[] coverage(List<String> terms, Set<String> other, TermStats stats, double maxIdf) {
        double all = 0;
        double hit = 0;
        double miss = 0;
        int missing = 0;
        double aspect = 0;
        double unknown = 0;
        double effective = 0;
        for (String t : terms) {
            if (QuestionWords.isGeneral(t)) {
                continue; // ما / ماذا / هل / what say that something is asked, not what: the aspects weigh that
            }
            double idf = stats.wordIdf(t);
            all += idf;
            double m = other.contains(t) ? 1 : soft(t, other);
            hit += idf * m;
            miss = Math.max(miss, idf * (1 - m));
            if (!QuestionWords.isQuestionWord(t) && maxIdf > 0) {
                effective += (1 - m) * Math.min(1, 2 * idf / maxIdf);
            }
            if (m == 0 && !QuestionWords.isQuestionWord(t)) {
                missing++;
                aspect = Math.max(aspect, stats.aspect(t));
                if (!stats.known(t)) {
                    unknown += idf;
                }
            }
        }
        return new double[] {all == 0 ? 0 : hit / all, maxIdf == 0 ? 0 : miss / maxIdf, missing, aspect,
                all == 0 ? 0 : unknown / all, hit, effective};
    }

    static double soft(String t, Set<String> other) {
        if (t.length() < 3) {
            return 0;
        }
        double best = 0;
        String sk = skeleton(t);
        String core = sk == null ? null : core(sk);
        for (String u : other) {
            if (clitic(t, u) || clitic(u, t)) {
                return CLITIC_MATCH;
            }
            if (t.length() >= 4 && u.length() >= 4) {
                best = Math.max(best, dice(t, u));
                if (best < TYPO_MATCH && oneEdit(t, u)) {
                    best = TYPO_MATCH;
                }
            }
            if (sk != null && best < SKELETON_MATCH && sk.length() >= 2 && sameRoot(sk, core, u)) {
                best = SKELETON_MATCH;
            }
        }
        return best >= SOFT_MATCH ? best : 0;
    }

    /** What a word sharing only the consonant skeleton with a question word counts (صوم / صيام, حاكم / حكم). */
    static final double SKELETON_MATCH = 0.7;

    /** What a word counts that is one typo (a letter added, dropped, changed, or two swapped) from a question word. */
    static final double TYPO_MATCH = 0.75;

    /** True when one edit (insert, delete, substitute, or swap two neighbours) turns {@code a} into {@code b}. */
    static boolean oneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // substitution
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2); // transposition
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }

    /** What a word counts that differs from a question word only by a one-letter proclitic (بجوجل / جوجل). */
    static final double CLITIC_MATCH = 0.9;

    /** True when {@code a} is {@code b} with a proclitic ب ل ك ف و written onto it (three letters stay). */
    private static boolean clitic(String a, String b) {
        return a.length() == b.length() + 1 && b.length() >= 3 && "بلكفو".indexOf(a.charAt(0)) >= 0 && a.endsWith(b);
    }

    /**
     * Same skeleton as {@code sk} (a query word's, with its {@code core}), also once a verb's person prefix
     * (ي ت ن ا) or a final ت is set aside (اكتشفت / اكتشاف). Skeletons of very different lengths are not built.
     */
    private static boolean sameRoot(String sk, String core, String u) {
        int n = skeletonLength(u);
        if (n < 0 || Math.abs(n - sk.length()) > 2) {
            return false;
        }
        String su = skeleton(u);
        return sk.equals(su) || core.length() >= 3 && core.equals(core(su));
    }

    /** The length of {@link #skeleton}, without building it; -1 for a word that is not Arabic. */
    private static int skeletonLength(String w) {
        if (w.isEmpty() || Character.UnicodeScript.of(w.codePointAt(0)) != Character.UnicodeScript.ARABIC) {
            return -1;
        }
        int n = 1;
        for (int i = 1; i < w.length(); i++) {
            n += weak(w.charAt(i)) ? 0 : 1;
        }
        return n;
    }

    private static boolean weak(char c) {
        return c == 'ا' || c == 'و' || c == 'ي' || c == 'ء' || c == 'ه';
    }

    /** A skeleton without a leading ي ت ن ا and a final ت (when three letters stay). */
    private static String core(String sk) {
        int from = 0;
        int to = sk.length();
        if (to - from > 3 && "يتنا".indexOf(sk.charAt(0)) >= 0) {
            from++;
        }
        if (to - from > 3 && sk.charAt(to - 1) == 'ت') {
            to--;
        }
        return sk.substring(from, to);
    }

    /**
     * The consonants of an Arabic stem: the weak letters ا و ي ء and ه (from ة) dropped after the first letter,
     * so words built on the same root with long vowels inserted meet (صيام → صم = صوم; حاكم → حكم). Null for a
     * word that is not Arabic (Latin words have the trigram match).
     */
    static String skeleton(String w) {
        if (w.isEmpty() || Character.UnicodeScript.of(w.codePointAt(0)) != Character.UnicodeScript.ARABIC) {
            return null;
        }
        StringBuilder sb = new StringBuilder(w.length());
        sb.append(w.charAt(0));
        for (int i = 1; i < w.length(); i++) {
            if (!weak(w.charAt(i))) {
                sb.append(w.charAt(i));
            }
        }
        return sb.toString();
    }

    /** Dice coefficient of the boundary-marked character trigrams of two words (no allocation but two arrays). */
    static double dice(String a, String b) {
        int[] ga = trigrams(a);
        int[] gb = trigrams(b);
        int common = 0;
        boolean[] used = new boolean[gb.length];
        for (int x : ga) {
            for (int j = 0; j < gb.length; j++) {
                if (!used[j] && gb[j] == x) {
                    used[j] = true;
                    common++;
                    break;
                }
            }
        }
        return 2.0 * common / (ga.length + gb.length);
    }

    /** Trigrams of {@code _w_} packed into ints (three 10-bit-folded chars; collisions only cost precision). */
    private static int[] trigrams(String w) {
        int n = w.length() + 2;
        int[] out = new int[Math.max(n - 2, 0)];
        for (int i = 0; i + 3 <= n; i++) {
            out[i] = (charAt(w, i - 1) * 31 + charAt(w, i)) * 31 + charAt(w, i + 1);
        }
        return out;
    }

    private static int charAt(String w, int i) {
        return i < 0 || i >= w.length() ? '_' : w.charAt(i);
    }

    private static double gramCoverage(TextForm side, TextForm other, TermStats stats) {
        double all = 0;
        double hit = 0;
        for (int g : side.grams()) {
            double idf = stats.gramIdf(g);
            all += idf;
            if (other.hasGram(g)) {
                hit += idf;
            }
        }
        return all == 0 ? 0 : hit / all;
    }
}
