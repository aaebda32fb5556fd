package org.jisr.kb.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a question asks about its subject — its <em>aspect</em>: the occasion of a poem, the duration of a war,
 * the ruling on a fast, the symptoms of a disease, the time, the place, the way. Two questions about the same
 * subject that ask for different aspects are different questions (ما مناسبة قصيدة X ≠ ما هي قصيدة X), however
 * many words they share. A "what" question naming no aspect asks what the subject is (ما هو / ما معنى /
 * ما تعريف / what is: {@link Aspect#GENERIC}); a text that is not a question, or a yes/no question naming no
 * aspect, says nothing either way ({@link Aspect#NONE}).
 *
 * <p>Rules come from {@code aspects-ar.txt} / {@code aspects-en.txt}: {@code aspect: phrase, phrase, …}. Every
 * phrase goes through the word analysis (normalisation, synonyms, stop words, stemming), so it matches every
 * spelling and inflection the analysis merges (المساحة / مساحة, طريقة / كيفية / كيف). Only the head of a
 * question is looked at — its leading question words and first {@value #HEAD_WORDS} other words — because an
 * aspect word later on belongs to the subject. A phrase with a content word at the head (مساحة, كم عدد, كيف تضر,
 * how long) wins over a bare question word (كم, كيف, how); one at the second word only when no question word
 * names an aspect (ما أهم فوائد → benefit, but كيف أحسب مساحة → way); among bare question words the rule listed
 * first wins.
 */
public final class Aspects {

    /** Content words after the leading question words in which an aspect phrase may start. */
    public static final int HEAD_WORDS = 2;

    /**
     * An aspect.
     *
     * @param name  the aspect's name in the rules file
     * @param named true when a content word names it (مدة, مساحة, how long), false for a bare question word (متى, كيف)
     */
    public record Aspect(String name, boolean named) {
        /** A "what is" question: it asks what the subject is. */
        public static final Aspect GENERIC = new Aspect("generic", false);
        /** Not a question, or a yes/no question naming no aspect: no evidence. */
        public static final Aspect NONE = new Aspect("none", false);
    }

    /** How the aspects of two questions relate. */
    public enum Relation {
        /** Same aspect, or no evidence (one is {@link Aspect#NONE}). */
        SAME,
        /** One asks a specific aspect, the other what the subject is (ما مدة حرب X / ما هي حرب X). */
        SPECIFIC_VS_GENERIC,
        /** Both ask specific, different aspects, at least one named by a content word (مناسبة / قائل, مدة / متى). */
        DIFFERENT,
        /** Both ask specific, different aspects, by question words only (متى / أين, who / when); a bare "how"
         *  is compatible with a bare where or when. */
        DIFFERENT_QUESTION_WORDS
    }

    /** A phrase: terms at the head, then (after "…") terms that may come anywhere later. */
    private record Rule(String aspect, List<String> terms, List<String> later, boolean content, int order) {
    }

    private final List<Rule> rules;
    private final Set<String> skip;
    private final Set<String> what;

    private Aspects(List<Rule> rules, Set<String> skip, Set<String> what) {
        this.rules = List.copyOf(rules);
        this.skip = Set.copyOf(skip);
        this.what = Set.copyOf(what);
    }

    /**
     * Reads rules: one {@code aspect: phrase, phrase} per line, {@code #} comments; a phrase may have a gap
     * ({@code لماذا … مهم}: the rest may come anywhere later). The line {@code skip: word, word} lists words
     * that never count as the head (تبلغ in كم تبلغ مساحة, أهم in ما أهم فوائد); {@code generic: word, word} the
     * "what" words that make a question without an aspect ask what its subject is. Each phrase is turned into terms
     * by {@code analyse} (the word analysis of the language).
     *
     * @throws IllegalArgumentException naming the line of a malformed rule
     */
    static Aspects parse(String text, Function<String, List<String>> analyse, String name) {
        List<Rule> rules = new ArrayList<>();
        Set<String> skip = new HashSet<>();
        Set<String> what = new HashSet<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("aspect file " + name + " line " + (i + 1) + ": expected 'aspect: phrase, phrase'");
            }
            String aspect = line.substring(0, colon).strip();
            for (String phrase : line.substring(colon + 1).split(",")) {
                if (phrase.isBlank()) {
                    continue;
                }
                String[] parts = phrase.split("…|\\.\\.\\.", 2);
                List<String> terms = analyse.apply(parts[0].strip());
                List<String> later = parts.length > 1 ? analyse.apply(parts[1].strip()) : List.of();
                if (terms.isEmpty() || parts.length > 1 && later.isEmpty()) {
                    throw new IllegalArgumentException("aspect file " + name + " line " + (i + 1) + ": '" + phrase.strip()
                            + "' has no words after analysis (a stop word?)");
                }
                if (aspect.equals("skip")) {
                    skip.addAll(terms);
                    continue;
                }
                if (aspect.equals(Aspect.GENERIC.name())) {
                    what.addAll(terms);
                    continue;
                }
                boolean content = !later.isEmpty() || terms.stream().anyMatch(t -> !QuestionWords.isQuestionWord(t));
                rules.add(new Rule(aspect, List.copyOf(terms), List.copyOf(later), content, rules.size()));
            }
        }
        // longest phrase first, so "كم عدد" is tried before "كم"
        rules.sort(Comparator.comparingInt((Rule r) -> -r.terms().size() - r.later().size()).thenComparingInt(Rule::order));
        return new Aspects(rules, skip, what);
    }

    static Aspects bundled(String resource, Function<String, List<String>> analyse) {
        try (InputStream in = Aspects.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), analyse, resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /**
     * The aspect asked for by a text, from its word-field terms (in order, as analysed).
     *
     * @param questionMark whether the text has a question mark (a question without a question word)
     */
    public Aspect of(List<String> terms, boolean questionMark) {
        boolean question = questionMark;
        // the head: the first HEAD_WORDS words that are neither question words nor skipped
        int head = -1;
        int end = 0;
        int seen = 0;
        for (int i = 0; i < terms.size(); i++) {
            String t = terms.get(i);
            question |= QuestionWords.isQuestionWord(t);
            if (seen < HEAD_WORDS) {
                end = i + 1;
                if (!QuestionWords.isQuestionWord(t) && !skip.contains(t) && seen++ == 0) {
                    head = i;
                }
            }
        }
        if (!question) {
            return Aspect.NONE; // a headline or a bare phrase: its first words are not an aspect
        }
        Rule content = null;
        int contentAt = Integer.MAX_VALUE;
        Rule bare = null;
        for (Rule r : rules) {
            for (int at = 0; at < end && at < contentAt; at++) {
                if (!matches(terms, at, r)) {
                    continue;
                }
                if (r.content()) {
                    content = r;
                    contentAt = at;
                } else if (bare == null || r.order() < bare.order()) {
                    bare = r;
                }
                break;
            }
        }
        // the head word decides (كم مساحة → size, كيف تضر → harm); a later word only when no question word
        // names the aspect (ما أهم فوائد → benefit, but كيف أحسب مساحة → way)
        if (content != null && (contentAt <= head || bare == null)) {
            return new Aspect(content.aspect(), true);
        }
        if (bare != null) {
            return new Aspect(bare.aspect(), false);
        }
        for (String t : terms) {
            if (what.contains(t)) {
                return Aspect.GENERIC;
            }
        }
        return Aspect.NONE;
    }

    private static boolean matches(List<String> terms, int at, Rule r) {
        List<String> phrase = r.terms();
        if (at + phrase.size() > terms.size()) {
            return false;
        }
        for (int i = 0; i < phrase.size(); i++) {
            if (!terms.get(at + i).equals(phrase.get(i))) {
                return false;
            }
        }
        return r.later().isEmpty() || terms.subList(at + phrase.size(), terms.size()).containsAll(r.later());
    }

    /** How two questions' aspects relate. */
    public static Relation relation(Aspect a, Aspect b) {
        if (a.equals(Aspect.NONE) || b.equals(Aspect.NONE) || a.name().equals(b.name())) {
            return Relation.SAME;
        }
        if (a.equals(Aspect.GENERIC) || b.equals(Aspect.GENERIC)) {
            return Relation.SPECIFIC_VS_GENERIC;
        }
        if (a.named() || b.named()) {
            return Relation.DIFFERENT;
        }
        // "how / where / when can I do X" ask the same in practice (كيف أنزل / من أين أنزل): the way is compatible
        // with a bare where or when; when vs where, who vs when… are not
        return a.name().equals(METHOD) || b.name().equals(METHOD) ? Relation.SAME : Relation.DIFFERENT_QUESTION_WORDS;
    }

    /** The aspect of كيف / how. */
    static final String METHOD = "method";
}
