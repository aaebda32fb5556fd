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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jisr.kb.analysis.Analysis;
import org.jisr.kb.analysis.TextNormalizer;
import org.jisr.kb.index.ArticleIndex;
import org.jisr.kb.index.ConfidenceModel;
import org.jisr.kb.index.Ranked;
import org.jisr.kb.index.TextForm;
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
    private final Analysis analysis;
    private final ConfidenceModel model;
    private final ArticleIndex index;
    private final AtomicLong version = new AtomicLong();
    private final Cache<CacheKey, SearchResult> cache;

    /** A cached result is only valid for the same content version, day (validity windows) and request. */
    private record CacheKey(long version, LocalDate day, String normalized, Lang lang, int limit) {
    }

    public KnowledgeBase() {
        this(KbSettings.defaults(), Clock.systemDefaultZone());
    }

    public KnowledgeBase(KbSettings settings, Clock clock) {
        this(settings, clock, Analysis.defaults(), ConfidenceModel.bundled());
    }

    /** With custom analysis (e.g. an editor's synonym files) or confidence weights. */
    public KnowledgeBase(KbSettings settings, Clock clock, Analysis analysis, ConfidenceModel model) {
        this.settings = settings;
        this.clock = clock;
        this.analysis = analysis;
        this.model = model;
        this.index = new ArticleIndex(analysis, model);
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(settings.cacheSize(), 0)).build();
    }

    public KbSettings settings() {
        return settings;
    }

    /** Searches with the caller's language, or the one detected from the text when {@code lang} is null. */
    public SearchResult search(String text, Lang lang) {
        return search(text, lang, settings.maxSuggestions());
    }

    /**
     * Searches and decides. Never throws on any input: text is analysed, never parsed as query syntax, and
     * only its first {@link TextNormalizer#MAX_CHARS} characters are looked at. Empty or meaningless text
     * gives ESCALATE.
     *
     * @param limit how many hits to return at most (SUGGEST offers at most {@code maxSuggestions} of them)
     */
    public SearchResult search(String text, Lang lang, int limit) {
        Lang queryLang = Lang.resolve(text, lang);
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isBlank()) {
            return SearchResult.escalate(queryLang);
        }
        int n = Math.max(limit, 1);
        if (settings.cacheSize() <= 0) {
            return compute(normalized, queryLang, n);
        }
        // the version is read BEFORE searching and bumped AFTER a change is visible: a stale result can only
        // be stored under a version that is already gone
        CacheKey key = new CacheKey(version.get(), LocalDate.now(clock), normalized, queryLang, n);
        return cache.get(key, k -> compute(k.normalized(), k.lang(), k.limit()));
    }

    private SearchResult compute(String text, Lang queryLang, int limit) {
        LocalDate today = LocalDate.now(clock);
        SearchResult own = decide(text, queryLang, queryLang, today, limit);
        if (own.decision() != Decision.ESCALATE || !mayMatchIn(text, queryLang.other())) {
            return own;
        }
        SearchResult other = decide(text, queryLang, queryLang.other(), today, limit);
        return other.decision() != Decision.ESCALATE ? other : own;
    }

    /** Only text with letters of a language's script can match its questions (skips a useless search). */
    private static boolean mayMatchIn(String text, Lang lang) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp) && (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) == (lang == Lang.AR)) {
                return true;
            }
        }
        return false;
    }

    /** Matches in {@code matchLang}'s questions; answers in the person's language when the article has it. */
    private SearchResult decide(String text, Lang queryLang, Lang matchLang, LocalDate today, int limit) {
        TextForm form = index.form(matchLang, text);
        List<Ranked> ranked = Ranked.of(index.candidates(form, matchLang, today), model);
        if (ranked.isEmpty()) {
            return SearchResult.escalate(queryLang);
        }
        Decision d;
        List<Ranked> shown;
        Ranked first = ranked.getFirst();
        if (first.answerable() && first.confidence() >= settings.answerThreshold(queryLang)) {
            d = Decision.ANSWER;
            shown = ranked.stream().limit(limit).toList();
        } else {
            // plausible when the best hit is; then the nearest articles are offered, best first (a runner-up's own
            // confidence is low by construction: it is measured against the best one)
            boolean plausible = first.confidence() >= settings.suggestThreshold();
            d = plausible ? Decision.SUGGEST : Decision.ESCALATE;
            shown = ranked.stream().limit(plausible ? Math.min(limit, settings.maxSuggestions()) : limit).toList();
        }
        List<Hit> hits = new ArrayList<>(shown.size());
        for (Ranked r : shown) {
            Article a = r.candidate().article();
            Lang answerLang = a.answer().containsKey(queryLang) ? queryLang : matchLang;
            hits.add(new Hit(a, answerLang, r.candidate().score(), r.confidence(), r.candidate().question()));
        }
        boolean fallback = hits.getFirst().lang() != queryLang;
        return new SearchResult(d, queryLang, hits, fallback);
    }

    public synchronized void upsert(Article article) {
        articles.put(article.id(), article);
        index.upsert(article);
        changed();
    }

    public synchronized void upsertAll(Collection<Article> batch) {
        for (Article a : batch) {
            articles.put(a.id(), a);
        }
        index.upsertAll(batch);
        changed();
    }

    /** Removes an article from search; returns false when there was none with that id. */
    public synchronized boolean retire(String id) {
        Article removed = articles.remove(id);
        if (removed == null) {
            return false;
        }
        index.delete(id);
        changed();
        return true;
    }

    private void changed() {
        version.incrementAndGet();
        cache.invalidateAll();
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
        analysis.close();
    }
}
