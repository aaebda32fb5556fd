package org.jisr.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jisr.kb.index.ArticleIndex;
import org.jisr.kb.io.ImportReport;
import org.jisr.kb.io.Jsonl;

/**
 * The facade of the knowledge base: articles in memory, a Lucene index over them, and the
 * answer / suggest / escalate decision. Thread-safe; changes are visible to the next search.
 * Purely local: sharing changes between nodes is the gateway's job.
 */
public final class KnowledgeBase implements AutoCloseable {

    private final KbSettings settings;
    private final Clock clock;
    private final ConcurrentMap<String, Article> articles = new ConcurrentHashMap<>();
    private final ArticleIndex index;
    private final AtomicLong version = new AtomicLong();

    public KnowledgeBase() {
        this(KbSettings.defaults(), Clock.systemDefaultZone());
    }

    public KnowledgeBase(KbSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.index = new ArticleIndex();
    }

    public KbSettings settings() {
        return settings;
    }

    /** Searches with the caller's language, or the one detected from the text when {@code lang} is null. */
    public SearchResult search(String text, Lang lang) {
        return search(text, lang, settings.maxSuggestions());
    }

    public SearchResult search(String text, Lang lang, int limit) {
        Lang queryLang = Lang.resolve(text, lang);
        if (text == null || text.isBlank()) {
            return SearchResult.escalate(queryLang);
        }
        LocalDate today = LocalDate.now(clock);
        List<Hit> hits = index.search(text, queryLang, Math.max(limit, 1) * 4, id -> {
            Article a = articles.get(id);
            return a != null && a.validOn(today) ? a : null;
        });
        boolean fallback = false;
        if (hits.isEmpty()) {
            hits = index.search(text, queryLang.other(), Math.max(limit, 1) * 4, id -> {
                Article a = articles.get(id);
                return a != null && a.validOn(today) ? a : null;
            });
            fallback = !hits.isEmpty();
        }
        if (hits.isEmpty()) {
            return SearchResult.escalate(queryLang);
        }
        hits = hits.stream().sorted(Comparator.comparingDouble(Hit::confidence).reversed()).limit(Math.max(limit, 1)).toList();
        Hit best = hits.getFirst();
        Decision d;
        if (best.confidence() >= settings.answerThreshold()) {
            d = Decision.ANSWER;
        } else if (best.confidence() >= settings.suggestThreshold()) {
            d = Decision.SUGGEST;
            hits = hits.stream().filter(h -> h.confidence() >= settings.suggestThreshold()).toList();
        } else {
            d = Decision.ESCALATE;
        }
        return new SearchResult(d, queryLang, hits, fallback);
    }

    public void upsert(Article article) {
        articles.put(article.id(), article);
        index.upsert(article);
        version.incrementAndGet();
    }

    public void upsertAll(Collection<Article> batch) {
        for (Article a : batch) {
            articles.put(a.id(), a);
        }
        index.upsertAll(batch);
        version.incrementAndGet();
    }

    /** Removes an article from search; returns false when there was none with that id. */
    public boolean retire(String id) {
        Article removed = articles.remove(id);
        if (removed == null) {
            return false;
        }
        index.delete(id);
        version.incrementAndGet();
        return true;
    }

    public Optional<Article> get(String id) {
        return Optional.ofNullable(articles.get(id));
    }

    /** All articles, ordered by id. */
    public List<Article> all() {
        List<Article> list = new ArrayList<>(articles.values());
        list.sort(Comparator.comparing(Article::id));
        return list;
    }

    public int size() {
        return articles.size();
    }

    /** A counter that changes whenever the content changes. */
    public long version() {
        return version.get();
    }

    /** Imports JSON Lines: valid lines are upserted (idempotent by id), bad lines reported. */
    public ImportReport importJsonl(InputStream in) throws IOException {
        Jsonl.Result r = Jsonl.read(in);
        upsertAll(r.articles());
        return new ImportReport(r.articles().size(), r.errors());
    }

    public void exportJsonl(OutputStream out) {
        try {
            Jsonl.write(all(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        index.close();
    }
}
