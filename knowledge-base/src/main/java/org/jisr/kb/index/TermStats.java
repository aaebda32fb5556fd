package org.jisr.kb.index;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Document frequencies of the question variants of one language, kept exactly in memory (Lucene's own
 * counts include deleted documents until a merge). IDF is BM25's: {@code ln(1 + (N - df + 0.5) / (df + 0.5))}.
 */
final class TermStats {

    private final ConcurrentHashMap<String, Integer> words = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Integer> grams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> heads = new ConcurrentHashMap<>();
    private final AtomicInteger docs = new AtomicInteger();

    void add(TextForm f, int sign) {
        docs.addAndGet(sign);
        count(words, f.words(), sign);
        count(grams, TextForm.boxed(f.grams()), sign);
        if (f.head() != null) {
            count(heads, java.util.List.of(f.head()), sign);
        }
    }

    /**
     * How often a word is the head of the questions it occurs in (the first word after the question word):
     * high for "aspect" words (مدة, مناسبة, سلبيات, types, causes), low for names and qualifiers. Smoothed.
     */
    double aspect(String term) {
        int df = words.getOrDefault(term, 0);
        return heads.getOrDefault(term, 0) / (df + 2.0);
    }

    private static <T> void count(ConcurrentHashMap<T, Integer> map, Collection<T> terms, int sign) {
        for (T t : terms) {
            map.merge(t, sign, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    int docs() {
        return Math.max(docs.get(), 0);
    }

    /** True when some question of the language has the word. */
    boolean known(String term) {
        return words.getOrDefault(term, 0) > 0;
    }

    double wordIdf(String term) {
        return idf(words.getOrDefault(term, 0));
    }

    double gramIdf(int gramHash) {
        return idf(grams.getOrDefault(gramHash, 0));
    }

    double gramIdf(String gram) {
        return gramIdf(gram.hashCode());
    }

    /** IDF of a term no question has: the most a term can weigh. */
    double maxIdf() {
        return idf(0);
    }

    private double idf(int df) {
        int n = docs();
        int d = Math.min(Math.max(df, 0), n);
        return Math.log(1 + (n - d + 0.5) / (d + 0.5));
    }
}
