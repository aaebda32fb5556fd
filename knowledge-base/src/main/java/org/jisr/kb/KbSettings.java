package org.jisr.kb;

/**
 * Tunable thresholds of the decision. Confidence is in [0,1].
 *
 * @param answerThreshold  the best hit's confidence needed to ANSWER
 * @param suggestThreshold a hit's confidence needed to be offered as a suggestion
 * @param maxSuggestions   how many choices SUGGEST offers at most
 * @param cacheSize        entries in the normalised-query → result cache (0 disables it)
 */
public record KbSettings(double answerThreshold, double suggestThreshold, int maxSuggestions, int cacheSize) {

    public static KbSettings defaults() {
        return new KbSettings(0.6, 0.25, 3, 10_000);
    }
}
