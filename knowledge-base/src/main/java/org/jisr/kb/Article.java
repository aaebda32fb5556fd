package org.jisr.kb;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One official answer, exactly as the JSON Lines article format of DESIGN.md describes it.
 * Immutable; maps and lists are defensive copies. Validation lives in {@code kb.io}, not here,
 * so that a bad line can be reported with its line number and field.
 *
 * @param questions   phrasings per language (at least one language)
 * @param answer      the official answer per language (every question language has one)
 * @param shortAnswer at most 140 characters per language, for SMS; may be empty
 * @param validFrom   first day the answer may be given (inclusive), or null
 * @param validUntil  last day the answer may be given (inclusive), or null
 * @param verdict     only for {@link ArticleType#RUMOR}, else null
 * @param updated     the "as of" date shown with the answer, or null
 */
public record Article(
        String id,
        ArticleType type,
        Map<Lang, List<String>> questions,
        Map<Lang, String> answer,
        Map<Lang, String> shortAnswer,
        Source source,
        List<String> tags,
        LocalDate validFrom,
        LocalDate validUntil,
        Verdict verdict,
        LocalDate updated) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        questions = copyQuestions(questions);
        answer = copy(answer);
        shortAnswer = copy(shortAnswer);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Languages this article can answer in. */
    public Set<Lang> languages() {
        return answer.keySet();
    }

    /** True when the article may be given as an answer on that day. */
    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validUntil == null || !day.isAfter(validUntil));
    }

    /** The first question phrasing in a language, or in the other language, or the id. */
    public String title(Lang lang) {
        List<String> q = questions.getOrDefault(lang, List.of());
        if (!q.isEmpty()) {
            return q.getFirst();
        }
        List<String> other = questions.getOrDefault(lang.other(), List.of());
        return other.isEmpty() ? id : other.getFirst();
    }

    public Article withQuestions(Map<Lang, List<String>> newQuestions) {
        return new Article(id, type, newQuestions, answer, shortAnswer, source, tags, validFrom, validUntil, verdict, updated);
    }

    private static Map<Lang, List<String>> copyQuestions(Map<Lang, List<String>> in) {
        Map<Lang, List<String>> out = new EnumMap<>(Lang.class);
        if (in != null) {
            in.forEach((k, v) -> out.put(k, List.copyOf(v)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<Lang, String> copy(Map<Lang, String> in) {
        Map<Lang, String> out = new EnumMap<>(Lang.class);
        if (in != null) {
            out.putAll(in);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
