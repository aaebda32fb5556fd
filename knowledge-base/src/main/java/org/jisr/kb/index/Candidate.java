package org.jisr.kb.index;

import org.jisr.kb.Article;
import org.jisr.kb.Lang;

/**
 * One article that may answer a query, with the evidence for it.
 *
 * @param article  the article
 * @param lang     the language it was matched in
 * @param question the question variant that matched best
 * @param score    Lucene's retrieval score (BM25 over words, n-grams and answer text)
 * @param signals  the evidence for the best variant
 * @param logit    the match model's log-odds that this article answers the query
 */
public record Candidate(Article article, Lang lang, String question, double score, Signals signals, double logit) {
}
