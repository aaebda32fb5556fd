package org.jisr.gateway.kb;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jisr.gateway.Json;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.ActionException;
import org.jisr.gateway.store.Store;
import org.jisr.kb.Article;
import org.jisr.kb.ArticleType;
import org.jisr.kb.Lang;
import org.jisr.kb.Source;
import org.jisr.kb.io.ArticleJson;

/**
 * Changes to the knowledge base made by people, versioned: every publish, draft, approval, rejection and
 * retirement is a numbered version in the article's history (kept in the store, newest first). Drafts wait for
 * an EDITOR; approving one publishes it through {@link KbService}, whose change feed makes it searchable on
 * every node at once. The knowledge loop: a staff reply becomes a new article draft, or the person's question
 * a new phrasing of an existing article.
 */
public final class KbEditor {

    static final int VERSIONS_KEPT = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One entry of an article's history; {@code article} is its JSON line (null for a retirement). */
    public record Version(long n, Instant at, String by, String action, String note, String article) {

        public Optional<Article> parsed() {
            return article == null ? Optional.empty() : Optional.ofNullable(ArticleJson.parse(article).article());
        }
    }

    public enum Kind { NEW_ARTICLE, NEW_PHRASING, EDIT }

    public enum DraftStatus { PENDING, APPROVED, REJECTED }

    /**
     * A proposed change waiting for an editor.
     *
     * @param article  the proposed article as a JSON line (for a phrasing: the article with the question added)
     * @param lang     for a phrasing: the language of {@code question}
     * @param question for a phrasing: the question to add
     * @param caseId   the case it came from, or null
     */
    public record Draft(String id, String articleId, Kind kind, String article, String lang, String question, String caseId,
            String createdBy, Instant createdAt, DraftStatus status, String decidedBy, Instant decidedAt, String note) {

        public Article parsed() {
            return ArticleJson.parse(article).article();
        }
    }

    private final KbService kb;
    private final Store store;
    private final AuditLog audit;
    private final Clock clock;

    public KbEditor(KbService kb, Store store, AuditLog audit, Clock clock) {
        this.kb = kb;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public KbService kb() {
        return kb;
    }

    /** Throws a 400 naming the fields when the article would not survive an import. */
    public static void requireValid(Article a) {
        List<ArticleJson.FieldError> errors = ArticleJson.validate(a);
        if (!errors.isEmpty()) {
            throw new ActionException(400, String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()));
        }
    }

    private void version(String articleId, String by, String action, String note, Article a) {
        long n = store.hashIncrement(store.keys().articleVersionCounts(), articleId, 1, null);
        Version v = new Version(n, clock.instant(), by, action, note, a == null ? null : ArticleJson.toLine(a));
        store.pushCapped(store.keys().articleVersions(articleId), Json.write(v), VERSIONS_KEPT, null);
    }

    /** Newest first. */
    public List<Version> versions(String articleId) {
        return store.latest(store.keys().articleVersions(articleId), VERSIONS_KEPT).stream().map(s -> Json.read(s, Version.class)).toList();
    }

    /** Publishes directly (an EDITOR's change): searchable on every node at once. */
    public Article publish(Article a, String by, String note) {
        requireValid(a);
        kb.upsert(a);
        version(a.id(), by, "publish", note, a);
        audit.record(by, AuditLog.Action.PUBLISH, a.id(), note);
        return a;
    }

    /** Retires (an EDITOR's change); false when there is no such article. */
    public boolean retire(String id, String by, String note) {
        Optional<Article> before = kb.get(id);
        if (!kb.retire(id)) {
            return false;
        }
        version(id, by, "retire", note, before.orElse(null));
        audit.record(by, AuditLog.Action.RETIRE, id, note);
        return true;
    }

    /** Files a draft for an editor to approve. */
    public Draft propose(Kind kind, Article a, String lang, String question, String caseId, String by, String note) {
        requireValid(a);
        if (kind == Kind.NEW_ARTICLE && kb.get(a.id()).isPresent()) {
            throw new ActionException(409, "id: an article '" + a.id() + "' already exists; choose another id");
        }
        String id = "d-" + Long.toString(clock.millis(), 36) + "-" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
        Draft d = new Draft(id, a.id(), kind, ArticleJson.toLine(a), lang, question, caseId, by, clock.instant(),
                DraftStatus.PENDING, null, null, note);
        store.put(store.keys().draft(id), Json.write(d), null);
        store.indexAdd(store.keys().draftIndex("pending"), id, d.createdAt().toEpochMilli());
        version(a.id(), by, "draft", kindNote(d), a);
        audit.record(by, AuditLog.Action.DRAFT, a.id(), kindNote(d));
        return d;
    }

    private static String kindNote(Draft d) {
        String k = switch (d.kind()) {
            case NEW_ARTICLE -> "new article";
            case NEW_PHRASING -> "new phrasing";
            case EDIT -> "edit";
        };
        return k + " (draft " + d.id() + (d.caseId() != null ? ", case " + d.caseId() : "") + ")";
    }

    public Optional<Draft> draft(String id) {
        if (id == null || !id.matches("[a-z0-9-]{1,40}")) {
            return Optional.empty();
        }
        return store.get(store.keys().draft(id)).map(s -> Json.read(s, Draft.class));
    }

    /** Pending drafts, oldest first. */
    public List<Draft> pending() {
        return store.indexRange(store.keys().draftIndex("pending"), 0, 500).stream().map(this::draft)
                .flatMap(Optional::stream).filter(d -> d.status() == DraftStatus.PENDING).toList();
    }

    /** Decides a draft once (compare-and-set: two editors approving at once publish it once). */
    private Draft decide(String id, String editor, DraftStatus status, String note) {
        String key = store.keys().draft(id);
        String cur = store.get(key).orElseThrow(() -> new ActionException(404, "no draft '" + id + "'"));
        Draft d = Json.read(cur, Draft.class);
        if (d.status() != DraftStatus.PENDING) {
            throw new ActionException(409, "draft already " + d.status().name().toLowerCase(Locale.ROOT) + " by " + d.decidedBy());
        }
        Draft next = new Draft(d.id(), d.articleId(), d.kind(), d.article(), d.lang(), d.question(), d.caseId(), d.createdBy(),
                d.createdAt(), status, editor, clock.instant(), note);
        if (!store.compareAndSet(key, cur, Json.write(next), null)) {
            throw new ActionException(409, "the draft was decided a moment ago: reload");
        }
        store.indexRemove(store.keys().draftIndex("pending"), id);
        return next;
    }

    /**
     * Approves and publishes a draft. A phrasing is added to the article as it is now (it may have changed
     * since the draft was filed); a new article must not have been taken meanwhile.
     */
    public Article approve(String id, String editor) {
        Draft d = draft(id).orElseThrow(() -> new ActionException(404, "no draft '" + id + "'"));
        Article a = d.parsed();
        if (d.kind() == Kind.NEW_PHRASING) {
            Article current = kb.get(d.articleId()).orElseThrow(() -> new ActionException(409, "article '" + d.articleId() + "' was retired meanwhile"));
            a = withPhrasing(current, Lang.fromCode(d.lang()).orElse(Lang.AR), d.question());
        } else if (d.kind() == Kind.NEW_ARTICLE && kb.get(a.id()).isPresent()) {
            throw new ActionException(409, "an article '" + a.id() + "' was published meanwhile: reject this draft or file it under another id");
        }
        requireValid(a);
        decide(id, editor, DraftStatus.APPROVED, null);
        kb.upsert(a);
        version(a.id(), editor, "approve", "draft " + id + " by " + d.createdBy(), a);
        audit.record(editor, AuditLog.Action.APPROVE, a.id(), "draft " + id);
        return a;
    }

    public Draft reject(String id, String editor, String note) {
        Draft d = decide(id, editor, DraftStatus.REJECTED, note);
        version(d.articleId(), editor, "reject", "draft " + id + (note == null || note.isBlank() ? "" : ": " + note), null);
        audit.record(editor, AuditLog.Action.REJECT, d.articleId(), "draft " + id);
        return d;
    }

    // --- the knowledge loop

    static String normal(String q) {
        return Normalizer.normalize(q, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The article with one more phrasing of its question (unchanged when it already has that phrasing). */
    public static Article withPhrasing(Article a, Lang lang, String question) {
        String q = question.strip().replaceAll("\\s+", " ");
        List<String> current = a.questions().getOrDefault(lang, List.of());
        if (current.stream().anyMatch(x -> normal(x).equals(normal(q)))) {
            return a;
        }
        if (!a.answer().containsKey(lang)) {
            throw new ActionException(400, "lang: the article has no " + lang.code() + " answer, so it cannot take a " + lang.code() + " question");
        }
        Map<Lang, List<String>> qs = new EnumMap<>(Lang.class);
        qs.putAll(a.questions());
        List<String> more = new ArrayList<>(current);
        more.add(q);
        qs.put(lang, more);
        return a.withQuestions(qs);
    }

    /** Adds the question as a phrasing: published at once by an editor, else filed as a draft. */
    public Object addPhrasing(String articleId, Lang lang, String question, String caseId, String by, boolean editor) {
        Article a = kb.get(articleId).orElseThrow(() -> new ActionException(404, "no article '" + articleId + "'"));
        Article next = withPhrasing(a, lang, question);
        if (next == a) {
            throw new ActionException(409, "the article already has this question");
        }
        if (editor) {
            return publish(next, by, "new phrasing from case " + caseId);
        }
        return propose(Kind.NEW_PHRASING, next, lang.code(), question, caseId, by, null);
    }

    /** A new FAQ article made of a question and a staff answer (valid from today), to be filed as a draft. */
    public static Article fromReply(String id, Lang lang, String question, String answer, Source source, LocalDate today) {
        return new Article(id, ArticleType.FAQ, Map.of(lang, List.of(question.strip())), Map.of(lang, answer.strip()), Map.of(),
                source, List.of("from-staff"), today, null, null, today);
    }

    /** A suggested id for an article drafted from a case. */
    public String suggestId(LocalDate today) {
        return "staff-" + today.toString().replace("-", "") + "-" + Integer.toString(RANDOM.nextInt(36 * 36 * 36), 36);
    }
}
