package org.jisr.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.kb.KbEditor;
import org.jisr.gateway.kb.KbService;
import org.jisr.gateway.pipeline.Render;
import org.jisr.kb.Article;
import org.jisr.kb.Hit;
import org.jisr.kb.Lang;
import org.jisr.kb.SearchResult;
import org.jisr.kb.io.ArticleJson;
import org.jisr.kb.io.ImportReport;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

/** The knowledge-base API of DESIGN.md: ask, search, import, export, and articles by id. */
@RestController
public class KbApiController {

    /** Largest import body: a large KB is tens of thousands of articles, far below this. */
    static final int MAX_IMPORT = 32 * 1024 * 1024;
    static final int MAX_QUESTION = 4096;

    private final KbService kb;
    private final KbEditor editor;

    public KbApiController(KbService kb, KbEditor editor) {
        this.kb = kb;
        this.editor = editor;
    }

    /** Request of {@code POST /api/v1/ask}. */
    public record AskRequest(String text, String lang) {
    }

    @PostMapping(path = "/api/v1/ask", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> ask(@RequestBody AskRequest req) {
        if (req == null || req.text() == null || req.text().isBlank()) {
            throw new ApiException(400, "text: missing or empty");
        }
        if (req.text().length() > MAX_QUESTION) {
            throw new ApiException(400, "text: longer than " + MAX_QUESTION + " characters");
        }
        Lang lang = lang(req.lang());
        SearchResult r = kb.search(req.text(), lang);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decision", r.decision().code());
        out.put("lang", r.lang().code());
        List<Map<String, Object>> suggestions = new ArrayList<>();
        switch (r.decision()) {
            case ANSWER -> out.put("answer", answer(r.best(), r.langFallback()));
            case SUGGEST -> r.hits().stream().limit(3).forEach(h -> suggestions.add(suggestion(h)));
            case ESCALATE -> { }
        }
        out.put("suggestions", suggestions);
        return out;
    }

    static Map<String, Object> answer(Hit h, boolean fallback) {
        Article a = h.article();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("lang", h.lang().code());
        m.put("text", h.answer());
        m.put("short", a.shortAnswer().get(h.lang()));
        m.put("source", a.source() == null ? null : sourceMap(a));
        m.put("as_of", Render.asOf(a) == null ? null : Render.asOf(a).toString());
        m.put("type", a.type().code());
        m.put("verdict", a.verdict() == null ? null : a.verdict().code());
        m.put("confidence", h.confidence());
        m.put("question", h.matchedQuestion());
        m.put("lang_fallback", fallback);
        return m;
    }

    private static Map<String, Object> sourceMap(Article a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", a.source().name());
        s.put("url", a.source().url());
        return s;
    }

    static Map<String, Object> suggestion(Hit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("question", h.matchedQuestion());
        m.put("confidence", h.confidence());
        return m;
    }

    @GetMapping("/api/v1/kb/search")
    public Map<String, Object> search(@RequestParam("q") String q, @RequestParam(name = "lang", required = false) String lang,
            @RequestParam(name = "limit", defaultValue = "5") int limit) {
        if (q.isBlank()) {
            throw new ApiException(400, "q: missing or empty");
        }
        if (limit < 1 || limit > 50) {
            throw new ApiException(400, "limit: must be between 1 and 50");
        }
        SearchResult r = kb.search(q, lang(lang), limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decision", r.decision().code());
        out.put("lang", r.lang().code());
        out.put("lang_fallback", r.langFallback());
        out.put("hits", r.hits().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("score", h.score());
            m.put("confidence", h.confidence());
            m.put("question", h.matchedQuestion());
            m.put("answer", h.answer());
            return m;
        }).toList());
        return out;
    }

    @PostMapping("/api/v1/kb/import")
    public Map<String, Object> importJsonl(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_IMPORT) {
            throw new ApiException(413, "body larger than " + MAX_IMPORT + " bytes; split the file");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_IMPORT + 1);
        }
        if (body.length > MAX_IMPORT) {
            throw new ApiException(413, "body larger than " + MAX_IMPORT + " bytes; split the file");
        }
        ImportReport r = kb.importJsonl(body);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imported", r.imported());
        out.put("errors", r.errors().stream().map(e -> Map.of("line", e.line(), "error", e.error())).toList());
        return out;
    }

    @GetMapping("/api/v1/kb/export")
    public ResponseEntity<StreamingResponseBody> export() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"jisr-kb.jsonl\"")
                .body(out -> kb.kb().exportJsonl(out));
    }

    @GetMapping("/api/v1/kb/articles/{id}")
    public ResponseEntity<String> article(@PathVariable String id) {
        Article a = kb.get(id).orElseThrow(() -> new ApiException(404, "no article '" + id + "'"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ArticleJson.toLine(a));
    }

    /** Creates or replaces an article; the body is one article in the JSONL format (its id may be omitted). */
    @PutMapping(path = "/api/v1/kb/articles/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> put(@PathVariable String id, @RequestBody JsonNode body, Authentication auth) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "body: expected one article as a JSON object");
        }
        tools.jackson.databind.node.ObjectNode o = (tools.jackson.databind.node.ObjectNode) body;
        JsonNode given = o.get("id");
        if (given == null || given.isNull()) {
            o.put("id", id);
        } else if (!given.isString() || !given.stringValue().equals(id)) {
            throw new ApiException(400, "id: the body's id must equal the path's id '" + id + "'");
        }
        ArticleJson.Parsed p = ArticleJson.parse(o);
        if (!p.ok()) {
            throw new ApiException(400, String.join("; ", p.errors().stream().map(e -> e.field() + ": " + e.message()).toList()));
        }
        boolean existed = kb.get(id).isPresent();
        editor.publish(p.article(), auth.getName(), "API");
        return ResponseEntity.status(existed ? 200 : 201).contentType(MediaType.APPLICATION_JSON).body(ArticleJson.toLine(p.article()));
    }

    @DeleteMapping("/api/v1/kb/articles/{id}")
    public ResponseEntity<Void> retire(@PathVariable String id, Authentication auth) {
        if (!editor.retire(id, auth.getName(), "API")) {
            throw new ApiException(404, "no article '" + id + "'");
        }
        return ResponseEntity.noContent().build();
    }

    static Lang lang(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return switch (code.strip()) {
            case "ar" -> Lang.AR;
            case "en" -> Lang.EN;
            default -> throw new ApiException(400, "lang: must be \"ar\" or \"en\"");
        };
    }
}
