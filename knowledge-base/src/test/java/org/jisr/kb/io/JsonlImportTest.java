package org.jisr.kb.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.jisr.kb.Article;
import org.jisr.kb.Lang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON Lines import: every problem is named by line and field, and one bad line never stops the others. */
class JsonlImportTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A valid bilingual article; each case below breaks one thing in it. */
    static final String GOOD = "{\"id\": \"t-1\", \"type\": \"faq\", "
            + "\"questions\": {\"ar\": [\"ما ساعات العمل؟\"], \"en\": [\"What are the opening hours?\"]}, "
            + "\"answer\": {\"ar\": \"من الأحد إلى الخميس.\", \"en\": \"Sunday to Thursday.\"}, "
            + "\"short\": {\"ar\": \"الأحد–الخميس\", \"en\": \"Sun–Thu\"}, "
            + "\"source\": {\"name\": \"GCC\", \"url\": \"https://gcc.example.gov/hours\"}, \"tags\": [\"hours\"], "
            + "\"valid_from\": \"2026-01-01\", \"valid_until\": \"2027-12-31\", \"verdict\": null, \"updated\": \"2026-09-01\"}";

    static Stream<Arguments> badLines() {
        return Stream.of(
                argumentSet("missing id", without("id"), "id"),
                argumentSet("blank id", with("id", "\"   \""), "id"),
                argumentSet("id with a space", with("id", "\"gcc 1\""), "id"),
                argumentSet("id is a number", with("id", "17"), "id"),
                argumentSet("missing type", without("type"), "type"),
                argumentSet("unknown type", with("type", "\"news\""), "type"),
                argumentSet("no language", with("questions", "{}"), "questions"),
                argumentSet("no questions at all", without("questions"), "questions"),
                argumentSet("questions is a list", with("questions", "[\"What?\"]"), "questions"),
                argumentSet("unknown question language", with("questions.fr", "[\"Quelles heures ?\"]"), "questions.fr"),
                argumentSet("a question is a number", with("questions.en", "[\"Open?\", 5]"), "questions.en"),
                argumentSet("only blank questions", with("questions.ar", "[\"  \"]"), "questions.ar"),
                argumentSet("question language without an answer", without("answer.en"), "answer.en"),
                argumentSet("no answer at all", without("answer"), "answer"),
                argumentSet("answer is a string", with("answer", "\"Sunday to Thursday.\""), "answer"),
                argumentSet("empty Arabic answer", with("answer.ar", "\"\""), "answer.ar"),
                argumentSet("answer is a number", with("answer.en", "42"), "answer.en"),
                argumentSet("short too long (141 characters)", with("short.en", quoted("x".repeat(141))), "short.en"),
                argumentSet("Arabic short too long", with("short.ar", quoted("ا".repeat(141))), "short.ar"),
                argumentSet("short in a language without an answer",
                        edited("questions.en", null, "answer.en", null), "short.en"),
                argumentSet("bad date (month 13)", with("valid_from", "\"2026-13-01\""), "valid_from"),
                argumentSet("impossible date (30 February)", with("valid_until", "\"2027-02-30\""), "valid_until"),
                argumentSet("date in another format", with("updated", "\"01/09/2026\""), "updated"),
                argumentSet("date is a number", with("valid_from", "20260101"), "valid_from"),
                argumentSet("valid_until before valid_from", with("valid_until", "\"2025-12-31\""), "valid_until"),
                argumentSet("verdict on a non-rumour", with("verdict", "\"false\""), "verdict"),
                argumentSet("unknown verdict", edited("type", "\"rumor\"", "verdict", "\"fake\""), "verdict"),
                argumentSet("verdict is a boolean", edited("type", "\"rumor\"", "verdict", "false"), "verdict"),
                argumentSet("unknown field (typo)", with("anwser", "{}"), "anwser"),
                argumentSet("unknown source field", with("source.link", "\"https://gcc.example.gov\""), "source.link"),
                argumentSet("source without a name", without("source.name"), "source.name"),
                argumentSet("source name is a number", with("source.name", "7"), "source.name"),
                argumentSet("source url is not http(s)", with("source.url", "\"ftp://gcc.example.gov\""), "source.url"),
                argumentSet("source is a string", with("source", "\"GCC\""), "source"),
                argumentSet("tags is a string", with("tags", "\"hours\""), "tags"),
                argumentSet("a tag is a number", with("tags", "[\"hours\", 1]"), "tags"),
                argumentSet("the same key twice", raw(GOOD.replace("\"tags\"", "\"id\": \"t-2\", \"tags\"")), "id"),
                argumentSet("the same nested key twice", raw(GOOD.replace("\"url\"", "\"name\": \"Other\", \"url\"")),
                        "source.name"),
                argumentSet("invalid UTF-8 byte", withBytesInAnswer(0xFF), "line"),
                argumentSet("truncated UTF-8 sequence", withBytesInAnswer(0xD8), "line"),
                argumentSet("UTF-16 surrogate encoded as UTF-8", withBytesInAnswer(0xED, 0xA0, 0x80), "line"),
                argumentSet("not JSON", raw("id: t-1, type: faq"), "line"),
                argumentSet("truncated JSON", raw(GOOD.substring(0, 60)), "line"),
                argumentSet("two objects on one line", raw(GOOD + GOOD), "line"),
                argumentSet("a JSON array instead of an object", raw("[" + GOOD + "]"), "line"),
                argumentSet("a JSON string", raw("\"t-1\""), "line"),
                argumentSet("JSON null", raw("null"), "line"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void badLineIsReportedByLineAndFieldAndTheOthersStillImport(byte[] bad, String field) {
        byte[] input = concat(good("ok-1"), "\n", bad, "\n", good("ok-3"), "\n");

        Jsonl.Result r = Jsonl.read(input);

        assertThat(r.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).isNotBlank();
        });
        assertThat(r.errors()).extracting(ImportError::field).contains(field);
        assertThat(r.articles()).extracting(Article::id).containsExactly("ok-1", "ok-3");
    }

    @Test
    void theGoodArticleIsValid() {
        // guards the table: every case must fail because of its own change, not because GOOD is broken
        Jsonl.Result r = Jsonl.read(raw(GOOD));
        assertThat(r.errors()).isEmpty();
        Article a = r.articles().getFirst();
        assertThat(a.questions().get(Lang.AR)).containsExactly("ما ساعات العمل؟");
        assertThat(a.shortAnswer()).containsEntry(Lang.EN, "Sun–Thu");
    }

    @Test
    void lineNumbersCountBlankCommentAndCrlfLines() {
        byte[] input = concat(
                good("a"), "\n",            // 1
                "\n",                       // 2 blank
                "# a comment\n",            // 3
                "not json\n",               // 4 bad
                good("b"), "\r\n",          // 5 Windows line ending
                without("id"), "\n",        // 6 bad
                withBytesInAnswer(0xC3), "\n", // 7 bad bytes
                "// another comment\n",     // 8
                good("c"));                 // 9, no final line break

        Jsonl.Result r = Jsonl.read(input);

        assertThat(r.articles()).extracting(Article::id).containsExactly("a", "b", "c");
        assertThat(r.errors()).extracting(ImportError::line, ImportError::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, "line"),
                        org.assertj.core.groups.Tuple.tuple(6, "id"),
                        org.assertj.core.groups.Tuple.tuple(7, "line"));
    }

    @Test
    void oneLineWithSeveralProblemsReportsEachField() {
        byte[] line = edited("id", null, "type", "\"news\"", "valid_from", "\"2026-1-1\"");

        List<ImportError> errors = Jsonl.read(line).errors();

        assertThat(errors).extracting(ImportError::field).containsExactlyInAnyOrder("id", "type", "valid_from");
        assertThat(errors).extracting(ImportError::error).contains("type: unknown type 'news' (faq, fact, rumor, statement)");
    }

    @Test
    void byteOrderMarkOnTheFirstLineIsIgnored() {
        Jsonl.Result r = Jsonl.read(concat("\uFEFF", good("bom")));
        assertThat(r.errors()).isEmpty();
        assertThat(r.articles()).extracting(Article::id).containsExactly("bom");
    }

    @Test
    void shortIsCountedInCodePointsNotUtf16Units() {
        // 140 emoji are 280 UTF-16 units but 140 characters: allowed
        String emoji = "\uD83D\uDCF0".repeat(140);
        Jsonl.Result r = Jsonl.read(with("short.en", quoted(emoji)));
        assertThat(r.errors()).isEmpty();
        assertThat(r.articles().getFirst().shortAnswer().get(Lang.EN)).isEqualTo(emoji);
    }

    @Test
    void anOverlongLineIsReportedWithoutBufferingItAndTheNextLineImports() {
        byte[] huge = new byte[Jsonl.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'x');

        Jsonl.Result r = Jsonl.read(concat(huge, "\n", good("after")));

        assertThat(r.errors()).extracting(ImportError::line, ImportError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "line"));
        assertThat(r.articles()).extracting(Article::id).containsExactly("after");
    }

    @Test
    void writeThenReadGivesEqualArticles() throws IOException {
        Article full = Jsonl.read(edited("type", "\"rumor\"", "verdict", "\"misleading\"")).articles().getFirst();
        Article minimal = Jsonl.read(raw("{\"id\": \"m\", \"type\": \"fact\", \"questions\": {\"en\": \"How many?\"}, "
                + "\"answer\": {\"en\": \"Three.\"}}")).articles().getFirst();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Jsonl.write(List.of(full, minimal), out);
        Jsonl.Result back = Jsonl.read(out.toByteArray());

        assertThat(back.errors()).isEmpty();
        assertThat(back.articles()).containsExactly(full, minimal);
    }

    @Test
    void validateAppliesTheImportRulesToArticlesMadeInCode() {
        Article ok = Jsonl.read(raw(GOOD)).articles().getFirst();
        Article tooLong = new Article("t-2", ok.type(), ok.questions(), ok.answer(),
                java.util.Map.of(Lang.EN, "y".repeat(141)), ok.source(), ok.tags(), ok.validFrom(), ok.validUntil(),
                null, ok.updated());

        assertThat(ArticleJson.validate(ok)).isEmpty();
        assertThat(ArticleJson.validate(tooLong)).extracting(ArticleJson.FieldError::field).containsExactly("short.en");
    }

    // ---- building lines ----

    /** GOOD with another id. */
    static byte[] good(String id) {
        return with("id", quoted(id));
    }

    static byte[] with(String path, String json) {
        return edited(path, json);
    }

    static byte[] without(String path) {
        return edited(path, null);
    }

    /** GOOD with (dotted path, JSON value) pairs applied; a null value removes the field. */
    static byte[] edited(String... pathsAndValues) {
        ObjectNode root = (ObjectNode) JSON.readTree(GOOD);
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            String[] parts = pathsAndValues[i].split("\\.");
            ObjectNode parent = root;
            for (int p = 0; p < parts.length - 1; p++) {
                parent = (ObjectNode) parent.get(parts[p]);
            }
            String last = parts[parts.length - 1];
            String value = pathsAndValues[i + 1];
            if (value == null) {
                parent.remove(last);
            } else {
                JsonNode node = JSON.readTree(value);
                parent.set(last, node);
            }
        }
        return JSON.writeValueAsString(root).getBytes(UTF_8);
    }

    /** GOOD with raw bytes spliced into the English answer. */
    static byte[] withBytesInAnswer(int... bytes) {
        String[] halves = GOOD.split("Sunday", 2);
        byte[] mid = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            mid[i] = (byte) bytes[i];
        }
        return concat(halves[0], mid, "Sunday" + halves[1]);
    }

    static byte[] raw(String line) {
        return line.getBytes(UTF_8);
    }

    static String quoted(String s) {
        return JSON.writeValueAsString(s);
    }

    static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof byte[] b ? b : p.toString().getBytes(UTF_8));
        }
        return out.toByteArray();
    }
}
