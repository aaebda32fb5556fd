package org.jisr.kb.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jisr.kb.Lang;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of a labelled query file: {@code {"qid", "query", "lang", "expected_id", "source", "kind"}}.
 * {@code expectedId} null means no article answers it.
 */
public record LabelledQuery(String qid, String query, Lang lang, String expectedId, String source, String kind) {

    /** Kind scored separately from the language rates (a claim contradicting an article). */
    public static final String CONTRADICTION = "contradiction";

    public boolean inKb() {
        return expectedId != null;
    }

    public static List<LabelledQuery> read(Path file) throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        List<LabelledQuery> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            JsonNode n = mapper.readTree(line);
            String text = n.path("query").asString("");
            String langCode = n.path("lang").asString("");
            Lang lang = Lang.fromCode(langCode).orElse(Lang.detect(text));
            JsonNode exp = n.get("expected_id");
            out.add(new LabelledQuery(n.path("qid").asString("line-" + lineNo), text, lang,
                    exp == null || exp.isNull() ? null : exp.asString(), n.path("source").asString("unknown"),
                    n.path("kind").asString("unknown")));
        }
        return out;
    }
}
