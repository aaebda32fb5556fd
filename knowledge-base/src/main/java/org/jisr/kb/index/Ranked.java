package org.jisr.kb.index;

import java.util.ArrayList;
import java.util.List;

/**
 * A candidate with its answer-model inputs and calibrated confidence.
 *
 * @param candidate    the candidate
 * @param answerInputs the answer model's inputs ({@link ConfidenceModel#ANSWER_NAMES})
 * @param confidence   probability in [0,1] that this article answers the query
 * @param answerable   false when this article must not be given as the answer whatever the confidence: the
 *                     query names a number (a year, a figure, ب12) the article does not have, so it asks for a
 *                     fact the article does not state (the 2019 figure is not the 2025 one); or the two ask
 *                     different things by their question words alone (متى vs أين, who vs when)
 */
public record Ranked(Candidate candidate, double[] answerInputs, double confidence, boolean answerable) {

    /**
     * Scores candidates (best first by match score): each one's margin is over the best OTHER article (at
     * least an article that shares nothing with the query), and the word / n-gram fields "agree" on it when it
     * is the closest by both.
     */
    public static List<Ranked> of(List<Candidate> candidates, ConfidenceModel model) {
        List<Ranked> out = new ArrayList<>(candidates.size());
        if (candidates.isEmpty()) {
            return out;
        }
        int bestWord = 0;
        int bestGram = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (candidates.get(i).signals().wordDice() > candidates.get(bestWord).signals().wordDice()) {
                bestWord = i;
            }
            if (candidates.get(i).signals().gramDice() > candidates.get(bestGram).signals().gramDice()) {
                bestGram = i;
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            // the best other article; any article not retrieved shares nothing, so none scores below that
            double other = Math.max(model.emptyLogit(), i == 0
                    ? (candidates.size() > 1 ? candidates.get(1).logit() : model.emptyLogit())
                    : candidates.get(0).logit());
            double[] in = ConfidenceModel.answerInputs(c, other, i == bestWord, i == bestGram);
            Signals sig = c.signals();
            out.add(new Ranked(c, in, model.confidence(in), sig.numMiss() == 0 && sig.aspDiffQw() == 0));
        }
        return out;
    }
}
