package org.jisr.gateway.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.CaseDesk;
import org.jisr.gateway.kb.KbEditor;
import org.jisr.gateway.security.StaffAccount;
import org.jisr.kb.Article;
import org.jisr.kb.Lang;
import org.jisr.kb.Source;
import org.jisr.kb.io.ArticleJson;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge loop and KB history: a case's question as a new phrasing of a near-miss article, a staff reply
 * as a new article draft, EDITOR approval or rejection of drafts, and each article's version history.
 */
@RestController
public class KnowledgeLoopApiController {

    private final KbEditor editor;
    private final CaseDesk desk;
    private final Clock clock;

    public KnowledgeLoopApiController(KbEditor editor, CaseDesk desk, Clock clock) {
        this.editor = editor;
        this.desk = desk;
        this.clock = clock;
    }

    static Map<String, Object> draft(KbEditor.Draft d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("article_id", d.articleId());
        m.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("case_id", d.caseId());
        m.put("created_by", d.createdBy());
        m.put("created_at", d.createdAt().toString());
        m.put("decided_by", d.decidedBy());
        m.put("question", d.question());
        m.put("article", tree(d.article()));
        return m;
    }

    /** Request of POST /api/v1/escalations/{id}/phrasing. */
    public record PhrasingRequest(String article_id) {
    }

    /**
     * Adds the case's question as a new phrasing of an article (one of its near-misses): published at once for
     * an EDITOR, a draft waiting for approval for a LIAISON.
     */
    @PostMapping("/api/v1/escalations/{id}/phrasing")
    public ResponseEntity<Map<String, Object>> phrasing(@PathVariable String id, @RequestBody PhrasingRequest req, Authentication auth) {
        Case c = desk.get(id);
        if (req == null || req.article_id() == null || req.article_id().isBlank()) {
            throw new ApiException(400, "article_id: missing (one of the case's near-misses)");
        }
        if (c.nearMisses().stream().noneMatch(n -> n.articleId().equals(req.article_id()))) {
            throw new ApiException(400, "article_id: '" + req.article_id() + "' is not one of this case's near-misses");
        }
        Object r = editor.addPhrasing(req.article_id(), Lang.fromCode(c.lang()).orElse(Lang.AR), c.question(), id,
                auth.getName(), StaffAccount.Role.EDITOR.heldBy(auth));
        if (r instanceof KbEditor.Draft d) {
            return ResponseEntity.status(202).body(draft(d));
        }
        return ResponseEntity.ok(Map.of("published", ((Article) r).id()));
    }

    /**
     * Drafts a new article from the case: the person's question and (unless given) the last staff reply.
     * Body (all optional): {"id", "question", "answer", "source": {"name", "url"}}. Always a draft.
     */
    @PostMapping("/api/v1/escalations/{id}/draft")
    public ResponseEntity<Map<String, Object>> draftFromCase(@PathVariable String id, @RequestBody(required = false) JsonNode body,
            Authentication auth) {
        Case c = desk.get(id);
        LocalDate today = LocalDate.now(clock.withZone(desk.cases().settings().zone()));
        String articleId = text(body, "id", editor.suggestId(today));
        String question = text(body, "question", c.question());
        String answer = text(body, "answer", c.lastStaffReply());
        if (answer == null || answer.isBlank()) {
            throw new ApiException(400, "answer: missing, and the case has no staff reply yet");
        }
        Lang lang = Lang.fromCode(c.lang()).orElse(Lang.AR);
        Source source = new Source(lang == Lang.AR ? desk.cases().settings().attributionAr() : desk.cases().settings().attributionEn(), null);
        JsonNode s = body == null ? null : body.get("source");
        if (s != null && s.isObject() && s.hasNonNull("name")) {
            source = new Source(s.get("name").asString(), s.hasNonNull("url") ? s.get("url").asString() : null);
        }
        Article a = KbEditor.fromReply(articleId, lang, question, answer, source, today);
        return ResponseEntity.status(201).body(draft(editor.propose(KbEditor.Kind.NEW_ARTICLE, a, null, null, id, auth.getName(), null)));
    }

    private static String text(JsonNode body, String field, String dflt) {
        if (body == null || !body.hasNonNull(field)) {
            return dflt;
        }
        if (!body.get(field).isString()) {
            throw new ApiException(400, field + ": must be a string");
        }
        return body.get(field).stringValue();
    }

    @GetMapping("/api/v1/kb/drafts")
    public List<Map<String, Object>> drafts() {
        return editor.pending().stream().map(KnowledgeLoopApiController::draft).toList();
    }

    @PostMapping("/api/v1/kb/drafts/{id}/approve")
    public Map<String, Object> approve(@PathVariable String id, Authentication auth) {
        Article a = editor.approve(id, auth.getName());
        return Map.of("published", a.id(), "article", ArticleJson.toJson(a));
    }

    /** Request of reject. */
    public record RejectRequest(String note) {
    }

    @PostMapping("/api/v1/kb/drafts/{id}/reject")
    public Map<String, Object> reject(@PathVariable String id, @RequestBody(required = false) RejectRequest req, Authentication auth) {
        return draft(editor.reject(id, auth.getName(), req == null ? null : req.note()));
    }

    @GetMapping("/api/v1/kb/articles/{id}/versions")
    public List<Map<String, Object>> versions(@PathVariable String id) {
        List<KbEditor.Version> vs = editor.versions(id);
        if (vs.isEmpty() && editor.kb().get(id).isEmpty()) {
            throw new ApiException(404, "no article '" + id + "' and no history");
        }
        return vs.stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.n());
            m.put("at", v.at().toString());
            m.put("by", v.by());
            m.put("action", v.action());
            m.put("note", v.note());
            m.put("article", v.article() == null ? null : tree(v.article()));
            return m;
        }).toList();
    }

    private static JsonNode tree(String jsonLine) {
        return org.jisr.gateway.Json.MAPPER.readTree(jsonLine);
    }
}
