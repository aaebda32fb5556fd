package org.jisr.kb;

import java.util.List;

/**
 * The outcome of one search.
 *
 * @param decision     answer / suggest / escalate
 * @param lang         the language of the question (given or detected)
 * @param hits         ranked matches, best first (for SUGGEST at most three are meant to be offered)
 * @param langFallback true when the question's language had no answer and hits are in the other language
 */
public record SearchResult(Decision decision, Lang lang, List<Hit> hits, boolean langFallback) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    public static SearchResult escalate(Lang lang) {
        return new SearchResult(Decision.ESCALATE, lang, List.of(), false);
    }

    /** The best hit, when the decision is ANSWER. */
    public Hit best() {
        return hits.isEmpty() ? null : hits.getFirst();
    }
}
