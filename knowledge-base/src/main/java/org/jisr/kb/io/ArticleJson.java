package org.jisr.kb.io;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jisr.kb.Article;
import org.jisr.kb.ArticleType;
import org.jisr.kb.Lang;
import org.jisr.kb.Source;
import org.jisr.kb.Verdict;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes one article in the JSON Lines format of DESIGN.md, with validation that names
 * the field at fault. Unknown top-level fields are rejected so that typos ("anwser") are not
 * silently dropped.
 */
public final class ArticleJson {

    /** Longest {@code short} answer, in characters (one SMS-friendly line). */
    public static final int SHORT_MAX = 140;
    /** Longest id, so ids stay usable in URLs and Redis keys. */
    public static final int ID_MAX = 128;

    private static final Set<String> FIELDS = Set.of("id", "type", "questions", "answer", "short", "source", "tags",
            "valid_from", "valid_until", "verdict", "updated");
    private static final Set<String> SOURCE_FIELDS = Set.of("name", "url");
    // without strict detection Jackson keeps the last of two equal keys: {"id":"a",…,"id":"b"} would import as "b"
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ArticleJson() {
    }

    /** Either the article or the problems found in it (field + message, without a line number). */
    public record Parsed(Article article, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** One problem in one field. */
    public record FieldError(String field, String message) {
    }

    public static Parsed parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            String duplicate = duplicateField(e);
            if (duplicate != null) {
                return failed(duplicate, "appears twice");
            }
            return failed("line", "not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return failed("line", "expected a JSON object");
        }
        return parse(root);
    }

    public static Parsed parse(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown field"));
            }
        }
        String id = text(root, "id", errors, true);
        if (id != null) {
            id = id.strip();
            if (id.isEmpty()) {
                errors.add(new FieldError("id", "must not be empty"));
            } else if (id.length() > ID_MAX) {
                errors.add(new FieldError("id", "longer than " + ID_MAX + " characters"));
            } else if (!id.matches("[\\p{L}\\p{N}._:-]+")) {
                errors.add(new FieldError("id", "may hold only letters, digits, '.', '_', ':' and '-'"));
            }
        }
        ArticleType type = null;
        String typeText = text(root, "type", errors, true);
        if (typeText != null) {
            type = ArticleType.fromCode(typeText).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "unknown type '" + typeText + "' (faq, fact, rumor, statement)"));
            }
        }
        Map<Lang, List<String>> questions = questions(root, errors);
        Map<Lang, String> answer = perLang(root, "answer", errors, true);
        Map<Lang, String> shortAnswer = perLang(root, "short", errors, false);
        if (questions != null && questions.isEmpty()) {
            errors.add(new FieldError("questions", "needs at least one language (ar or en)"));
        }
        if (questions != null && answer != null) {
            for (Lang lang : questions.keySet()) {
                if (!answer.containsKey(lang)) {
                    errors.add(new FieldError("answer." + lang.code(), "missing: questions in " + lang.code() + " need an answer in " + lang.code()));
                }
            }
        }
        if (shortAnswer != null) {
            shortAnswer.forEach((lang, s) -> {
                if (s.codePointCount(0, s.length()) > SHORT_MAX) {
                    errors.add(new FieldError("short." + lang.code(), "longer than " + SHORT_MAX + " characters"));
                }
                if (answer != null && !answer.containsKey(lang)) {
                    errors.add(new FieldError("short." + lang.code(), "no answer in " + lang.code()));
                }
            });
        }
        Source source = source(root, errors);
        List<String> tags = tags(root, errors);
        LocalDate from = date(root, "valid_from", errors);
        LocalDate until = date(root, "valid_until", errors);
        LocalDate updated = date(root, "updated", errors);
        if (from != null && until != null && until.isBefore(from)) {
            errors.add(new FieldError("valid_until", "is before valid_from"));
        }
        Verdict verdict = null;
        JsonNode v = root.get("verdict");
        if (v != null && !v.isNull()) {
            if (!v.isString()) {
                errors.add(new FieldError("verdict", "must be a string or null"));
            } else {
                verdict = Verdict.fromCode(v.stringValue()).orElse(null);
                if (verdict == null) {
                    errors.add(new FieldError("verdict", "unknown verdict '" + v.stringValue() + "' (false, misleading, true, unverified)"));
                }
            }
        }
        if (verdict != null && type != null && type != ArticleType.RUMOR) {
            errors.add(new FieldError("verdict", "only a rumor has a verdict"));
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        return new Parsed(new Article(id, type, questions, answer, shortAnswer == null ? Map.of() : shortAnswer,
                source, tags, from, until, verdict, updated), List.of());
    }

    /**
     * The problems an article would meet on import (an empty list when it is valid), so that articles made in
     * code (a staff reply turned into an article, an editor's change) obey the same rules as imported ones and
     * always survive export → import.
     */
    public static List<FieldError> validate(Article a) {
        return parse(toJson(a)).errors();
    }

    /** The article as one JSON object, fields in the documented order; absent optionals are left out. */
    public static ObjectNode toJson(Article a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", a.id());
        o.put("type", a.type().code());
        ObjectNode q = o.putObject("questions");
        a.questions().forEach((lang, list) -> {
            ArrayNode arr = q.putArray(lang.code());
            list.forEach(arr::add);
        });
        ObjectNode ans = o.putObject("answer");
        a.answer().forEach((lang, text) -> ans.put(lang.code(), text));
        if (!a.shortAnswer().isEmpty()) {
            ObjectNode s = o.putObject("short");
            a.shortAnswer().forEach((lang, text) -> s.put(lang.code(), text));
        }
        if (a.source() != null) {
            ObjectNode s = o.putObject("source");
            s.put("name", a.source().name());
            if (a.source().url() != null) {
                s.put("url", a.source().url());
            }
        }
        ArrayNode tags = o.putArray("tags");
        a.tags().forEach(tags::add);
        if (a.validFrom() != null) {
            o.put("valid_from", a.validFrom().toString());
        }
        if (a.validUntil() != null) {
            o.put("valid_until", a.validUntil().toString());
        }
        if (a.verdict() != null) {
            o.put("verdict", a.verdict().code());
        } else {
            o.putNull("verdict");
        }
        if (a.updated() != null) {
            o.put("updated", a.updated().toString());
        }
        return o;
    }

    /** The article as one line of JSON (no line break). */
    public static String toLine(Article a) {
        return MAPPER.writeValueAsString(toJson(a));
    }

    private static Parsed failed(String field, String message) {
        return new Parsed(null, List.of(new FieldError(field, message)));
    }

    /** The dotted path of a key that appears twice in one object ("id", "source.name"), else null. */
    private static String duplicateField(JacksonException e) {
        if (e instanceof StreamReadException sre && sre.processor() instanceof JsonParser p
                && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate")) {
            String pointer = p.streamReadContext().pathAsPointer().toString();
            return pointer.length() > 1 ? pointer.substring(1).replace('/', '.') : "line";
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String text(JsonNode root, String field, List<FieldError> errors, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "missing"));
            }
            return null;
        }
        if (!n.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return n.stringValue();
    }

    private static Map<Lang, List<String>> questions(JsonNode root, List<FieldError> errors) {
        JsonNode n = root.get("questions");
        if (n == null || n.isNull()) {
            errors.add(new FieldError("questions", "missing"));
            return null;
        }
        if (!n.isObject()) {
            errors.add(new FieldError("questions", "must be an object of language → list of questions"));
            return null;
        }
        Map<Lang, List<String>> out = new EnumMap<>(Lang.class);
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String field = "questions." + e.getKey();
            Optional<Lang> lang = exactLang(e.getKey());
            if (lang.isEmpty()) {
                errors.add(new FieldError(field, "unknown language (ar, en)"));
                continue;
            }
            JsonNode list = e.getValue();
            List<String> qs = new ArrayList<>();
            if (list.isString()) {
                qs.add(list.stringValue());
            } else if (list.isArray()) {
                for (JsonNode q : list) {
                    if (!q.isString()) {
                        errors.add(new FieldError(field, "every question must be a string"));
                        return null;
                    }
                    qs.add(q.stringValue());
                }
            } else {
                errors.add(new FieldError(field, "must be a list of strings"));
                continue;
            }
            qs.replaceAll(String::strip);
            qs.removeIf(String::isEmpty);
            if (qs.isEmpty()) {
                errors.add(new FieldError(field, "has no non-empty question"));
                continue;
            }
            out.put(lang.get(), List.copyOf(qs));
        }
        return out;
    }

    private static Map<Lang, String> perLang(JsonNode root, String name, List<FieldError> errors, boolean required) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(name, "missing"));
                return null;
            }
            return Map.of();
        }
        if (!n.isObject()) {
            errors.add(new FieldError(name, "must be an object of language → text"));
            return null;
        }
        Map<Lang, String> out = new EnumMap<>(Lang.class);
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String field = name + "." + e.getKey();
            Optional<Lang> lang = exactLang(e.getKey());
            if (lang.isEmpty()) {
                errors.add(new FieldError(field, "unknown language (ar, en)"));
            } else if (!e.getValue().isString()) {
                errors.add(new FieldError(field, "must be a string"));
            } else if (e.getValue().stringValue().isBlank()) {
                errors.add(new FieldError(field, "must not be empty"));
            } else {
                out.put(lang.get(), e.getValue().stringValue().strip());
            }
        }
        return out;
    }

    private static Optional<Lang> exactLang(String key) {
        return switch (key) {
            case "ar" -> Optional.of(Lang.AR);
            case "en" -> Optional.of(Lang.EN);
            default -> Optional.empty();
        };
    }

    private static Source source(JsonNode root, List<FieldError> errors) {
        JsonNode n = root.get("source");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            errors.add(new FieldError("source", "must be an object with name and url"));
            return null;
        }
        boolean unknown = false;
        for (String field : n.propertyNames()) {
            if (!SOURCE_FIELDS.contains(field)) {
                errors.add(new FieldError("source." + field, "unknown field (name, url)"));
                unknown = true;
            }
        }
        JsonNode name = n.get("name");
        if (name == null || name.isNull()) {
            errors.add(new FieldError("source.name", "missing"));
            return null;
        }
        if (!name.isString() || name.stringValue().isBlank()) {
            errors.add(new FieldError("source.name", "must be a non-empty string"));
            return null;
        }
        JsonNode url = n.get("url");
        String u = null;
        if (url != null && !url.isNull()) {
            if (!url.isString() || !url.stringValue().matches("(?i)https?://\\S+")) {
                errors.add(new FieldError("source.url", "must be an http(s) URL"));
                return null;
            }
            u = url.stringValue();
        }
        return unknown ? null : new Source(name.stringValue().strip(), u);
    }

    private static List<String> tags(JsonNode root, List<FieldError> errors) {
        JsonNode n = root.get("tags");
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            errors.add(new FieldError("tags", "must be a list of strings"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : n) {
            if (!t.isString()) {
                errors.add(new FieldError("tags", "every tag must be a string"));
                return List.of();
            }
            out.add(t.stringValue());
        }
        return out;
    }

    private static LocalDate date(JsonNode root, String field, List<FieldError> errors) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            errors.add(new FieldError(field, "must be a date string YYYY-MM-DD"));
            return null;
        }
        try {
            return LocalDate.parse(n.stringValue().strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "not a date YYYY-MM-DD: '" + n.stringValue() + "'"));
            return null;
        }
    }
}
