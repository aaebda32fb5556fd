package org.jisr.kb;

/**
 * One ranked match.
 *
 * @param article         the matched article
 * @param lang            the language the answer will be given in (may differ from the query's)
 * @param score           the raw ranking score (not comparable across queries)
 * @param confidence      calibrated confidence in [0,1] that this article answers the question
 * @param matchedQuestion the question phrasing that matched best
 */
public record Hit(Article article, Lang lang, double score, double confidence, String matchedQuestion) {

    public String id() {
        return article.id();
    }

    public String answer() {
        String a = article.answer().get(lang);
        return a != null ? a : article.answer().get(lang.other());
    }
}
