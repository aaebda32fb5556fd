package org.jisr.gateway.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jisr.kb.Article;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.Lang;
import org.jisr.kb.SearchResult;
import org.jisr.kb.io.ArticleJson;
import org.jisr.kb.io.ImportError;
import org.jisr.kb.io.ImportReport;
import org.jisr.kb.io.Jsonl;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link KnowledgeBase}, kept in step with the articles in the store. Every change is written to
 * the store together with a change event (one atomic step); every node tails the change feed and applies
 * it to its local index, so a change made on one node is searchable on all of them within about a second.
 * <p>At start a node loads all stored articles, then <em>seeds</em> the start-up import (KB_IMPORT or the
 * bundled sample): an article is added only when its id is neither stored nor retired, so restarts never
 * undo an editor's change or bring back a retired article. Imports through the API always update.
 */
public final class KbService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KbService.class);
    static final String SAMPLE_RESOURCE = "org/jisr/kb/sample/articles.jsonl";

    private final KnowledgeBase kb;
    private final Store store;
    private volatile String position = "0";
    private volatile boolean running;
    private Thread tailer;

    public KbService(KnowledgeBase kb, Store store) {
        this.kb = kb;
        this.store = store;
    }

    public KnowledgeBase kb() {
        return kb;
    }

    public SearchResult search(String text, Lang lang) {
        return kb.search(text, lang);
    }

    public SearchResult search(String text, Lang lang, int limit) {
        return kb.search(text, lang, limit);
    }

    public Optional<Article> get(String id) {
        return kb.get(id);
    }

    public List<Article> all() {
        return kb.all();
    }

    public void upsert(Article a) {
        store.articlePut(a.id(), ArticleJson.toLine(a));
        kb.upsert(a);
    }

    /** False when there is no such article. */
    public boolean retire(String id) {
        boolean had = store.articleRetire(id) != null;
        kb.retire(id);
        return had;
    }

    /** Imports JSON Lines through the API: valid lines are stored (idempotent by id), bad lines reported. */
    public ImportReport importJsonl(byte[] body) {
        Jsonl.Result r = Jsonl.read(body);
        for (Article a : r.articles()) {
            store.articlePut(a.id(), ArticleJson.toLine(a));
        }
        kb.upsertAll(r.articles());
        return new ImportReport(r.articles().size(), r.errors());
    }

    /** Loads the stored articles, seeds the start-up import, and starts following the change feed. */
    public void start(List<Path> imports, boolean sampleWhenNone) {
        position = store.lastId(store.keys().kbChanges()); // first, so no change made meanwhile is missed
        List<Article> stored = new ArrayList<>();
        store.articleAll().forEach((id, json) -> parse(json).ifPresent(stored::add));
        kb.upsertAll(stored);
        int seeded = 0;
        List<ImportError> errors = new ArrayList<>();
        for (Jsonl.Result r : startupImports(imports, sampleWhenNone)) {
            errors.addAll(r.errors());
            List<Article> fresh = new ArrayList<>();
            for (Article a : r.articles()) {
                if (store.articleSeed(a.id(), ArticleJson.toLine(a)) != null) {
                    fresh.add(a);
                }
            }
            kb.upsertAll(fresh);
            seeded += fresh.size();
        }
        errors.stream().limit(20).forEach(e -> log.warn("KB import line {}: {}", e.line(), e.error()));
        log.info("knowledge base: {} stored articles loaded, {} new from the start-up import, {} import errors",
                stored.size(), seeded, errors.size());
        running = true;
        tailer = Thread.ofPlatform().name("jisr-kb-changes").daemon().start(this::tail);
    }

    private List<Jsonl.Result> startupImports(List<Path> imports, boolean sampleWhenNone) {
        List<Jsonl.Result> out = new ArrayList<>();
        if (imports.isEmpty()) {
            if (sampleWhenNone) {
                try (InputStream in = sample()) {
                    if (in == null) {
                        log.warn("no bundled sample knowledge base on the class path ({}); starting empty", SAMPLE_RESOURCE);
                    } else {
                        out.add(Jsonl.read(in));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }
        for (Path p : imports) {
            for (Path f : files(p)) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(Jsonl.read(in));
                } catch (IOException e) {
                    throw new UncheckedIOException("KB_IMPORT: cannot read " + f, e);
                }
            }
        }
        return out;
    }

    static InputStream sample() {
        return KbService.class.getClassLoader().getResourceAsStream(SAMPLE_RESOURCE);
    }

    private static List<Path> files(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("KB_IMPORT: cannot list " + p, e);
        }
    }

    private static Optional<Article> parse(String json) {
        ArticleJson.Parsed p = ArticleJson.parse(json);
        if (!p.ok()) {
            log.error("stored article is unreadable, skipped: {}", p.errors());
            return Optional.empty();
        }
        return Optional.of(p.article());
    }

    private void tail() {
        while (running) {
            try {
                for (Store.FeedEntry e : store.readAfter(store.keys().kbChanges(), position, 500, Duration.ofSeconds(1))) {
                    apply(e.fields().get("op"), e.fields().get("id"));
                    position = e.id();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("KB change feed: {}", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Applies one change event; idempotent, so a node's own changes may come back through the feed. */
    private void apply(String op, String id) {
        if ("retire".equals(op)) {
            kb.retire(id);
            return;
        }
        store.hashGet(store.keys().articles(), id).flatMap(KbService::parse).ifPresentOrElse(a -> {
            if (!kb.get(id).equals(Optional.of(a))) { // skip re-indexing what this node already applied
                kb.upsert(a);
            }
        }, () -> kb.retire(id));
    }

    /** The change-feed position this node has applied, for tests and diagnostics. */
    public String position() {
        return position;
    }

    @Override
    public void close() {
        running = false;
        if (tailer != null) {
            tailer.interrupt();
            try {
                tailer.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
