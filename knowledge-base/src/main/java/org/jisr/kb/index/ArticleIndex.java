package org.jisr.kb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jisr.kb.Article;
import org.jisr.kb.Lang;
import org.jisr.kb.analysis.Analysis;

/**
 * The Lucene index (in memory) and the matcher. Each question variant is its own document, so a match is
 * always against one whole question; each article's answer text is one more document, searched with a lower
 * weight. Retrieval takes the union of word, n-gram and answer matches; then every candidate's variants
 * are compared with the query ({@link Signals}) and scored by the match model.
 *
 * <p>Changes are applied under one lock and made visible before the call returns (near-real-time reader
 * reopen, no rebuild). Searches run concurrently on the latest reader.
 */
public final class ArticleIndex implements AutoCloseable {

    private static final String ID = "id";
    private static final String VALID_FROM = "vf";
    private static final String VALID_UNTIL = "vu";
    /** Documents looked at per search, and distinct articles kept as candidates. */
    private static final int TOP_DOCS = 48;
    private static final int MAX_CANDIDATES = 12;
    /** Rarest n-grams of the query used for retrieval (all of them are used for the signals). */
    private static final int RETRIEVAL_GRAMS = 40;
    private static final float GRAM_BOOST = 0.2f;
    private static final float ANSWER_BOOST = 0.3f;

    private final Analysis analysis;
    private final ConfidenceModel model;
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Lang, TermStats> stats = new EnumMap<>(Lang.class);

    /** An article with its analysed questions (per language) and answer words (null: nothing of its own). */
    private record Entry(Article article, Map<Lang, List<TextForm>> questions, Map<Lang, Set<String>> answerWords,
            Map<Lang, Set<String>> numbers) {
    }

    public ArticleIndex(Analysis analysis, ConfidenceModel model) {
        this.analysis = analysis;
        this.model = model;
        Map<String, Analyzer> fields = new HashMap<>();
        for (Lang lang : Lang.values()) {
            stats.put(lang, new TermStats());
            fields.put(words(lang), analysis.words(lang));
            fields.put(grams(lang), analysis.grams(lang));
            fields.put(answer(lang), analysis.words(lang));
        }
        try {
            IndexWriterConfig cfg = new IndexWriterConfig(new PerFieldAnalyzerWrapper(analysis.words(Lang.EN), fields));
            writer = new IndexWriter(dir, cfg);
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String words(Lang l) {
        return "qw_" + l.code();
    }

    private static String grams(Lang l) {
        return "qg_" + l.code();
    }

    private static String answer(Lang l) {
        return "aw_" + l.code();
    }

    public void upsert(Article a) {
        upsertAll(List.of(a));
    }

    public synchronized void upsertAll(Collection<Article> batch) {
        try {
            for (Article a : batch) {
                Entry e = analyse(a);
                writer.deleteDocuments(new Term(ID, a.id()));
                for (Document d : documents(e)) {
                    writer.addDocument(d);
                }
                Entry old = entries.put(a.id(), e);
                count(old, -1);
                count(e, +1);
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public synchronized void delete(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
            count(entries.remove(id), -1);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(Entry e, int sign) {
        if (e != null) {
            e.questions().forEach((lang, forms) -> forms.forEach(f -> stats.get(lang).add(f, sign)));
        }
    }

    private Entry analyse(Article a) {
        Map<Lang, List<TextForm>> qs = new EnumMap<>(Lang.class);
        Map<Lang, Set<String>> ans = new EnumMap<>(Lang.class);
        Map<Lang, Set<String>> numbers = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            List<TextForm> forms = new ArrayList<>();
            Set<String> questionWords = new HashSet<>();
            Set<String> nums = new HashSet<>();
            for (String q : a.questions().getOrDefault(lang, List.of())) {
                TextForm f = TextForm.of(analysis, lang, q).compact();
                forms.add(f);
                questionWords.addAll(f.words());
                nums.addAll(f.numbers());
            }
            qs.put(lang, List.copyOf(forms));
            String answerText = a.answer().get(lang);
            nums.addAll(TextForm.numbers(answerText));
            String shortText = a.shortAnswer().get(lang);
            nums.addAll(TextForm.numbers(shortText));
            numbers.put(lang, Set.copyOf(nums));
            if (answerText != null) {
                Set<String> aw = new HashSet<>(analysis.wordTerms(lang, answerText));
                // some sources repeat the question as the answer: that is no extra evidence
                ans.put(lang, questionWords.containsAll(aw) ? Set.of() : Set.copyOf(aw));
            }
        }
        return new Entry(a, qs, ans, numbers);
    }

    private static List<Document> documents(Entry e) {
        Article a = e.article();
        long from = a.validFrom() == null ? Long.MIN_VALUE : a.validFrom().toEpochDay();
        long until = a.validUntil() == null ? Long.MAX_VALUE : a.validUntil().toEpochDay();
        List<Document> docs = new ArrayList<>();
        for (Lang lang : Lang.values()) {
            for (String q : a.questions().getOrDefault(lang, List.of())) {
                Document d = base(a.id(), from, until);
                d.add(new TextField(words(lang), q, Field.Store.NO));
                d.add(new TextField(grams(lang), q, Field.Store.NO));
                docs.add(d);
            }
            Set<String> aw = e.answerWords().get(lang);
            if (aw != null && !aw.isEmpty()) {
                Document d = base(a.id(), from, until);
                d.add(new TextField(answer(lang), a.answer().get(lang), Field.Store.NO));
                docs.add(d);
            }
        }
        return docs;
    }

    private static Document base(String id, long from, long until) {
        Document d = new Document();
        d.add(new StringField(ID, id, Field.Store.NO));
        d.add(new SortedDocValuesField(ID, new BytesRef(id)));
        d.add(new LongPoint(VALID_FROM, from));
        d.add(new LongPoint(VALID_UNTIL, until));
        return d;
    }

    /** The analysed form of a query in a language. */
    public TextForm form(Lang lang, String text) {
        return TextForm.of(analysis, lang, text);
    }

    /**
     * Articles valid on {@code today} that may answer the query in {@code lang}, best first by the match
     * model; each with its best question variant and signals.
     */
    public List<Candidate> candidates(TextForm query, Lang lang, LocalDate today) {
        if (query.isEmpty()) {
            return List.of();
        }
        TermStats st = stats.get(lang);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String w : query.words()) {
            any.add(new TermQuery(new Term(words(lang), w)), Occur.SHOULD);
            any.add(new BoostQuery(new TermQuery(new Term(answer(lang), w)), ANSWER_BOOST), Occur.SHOULD);
        }
        query.gramTerms().stream().sorted(Comparator.comparingDouble((String g) -> st.gramIdf(g)).reversed()).limit(RETRIEVAL_GRAMS)
                .forEach(g -> any.add(new BoostQuery(new TermQuery(new Term(grams(lang), g)), GRAM_BOOST), Occur.SHOULD));
        long day = today.toEpochDay();
        BooleanQuery q = new BooleanQuery.Builder()
                .add(any.build(), Occur.MUST)
                .add(LongPoint.newRangeQuery(VALID_FROM, Long.MIN_VALUE, day), Occur.FILTER)
                .add(LongPoint.newRangeQuery(VALID_UNTIL, day, Long.MAX_VALUE), Occur.FILTER)
                .build();
        Map<String, Double> scores = new java.util.LinkedHashMap<>();
        IndexSearcher s = null;
        try {
            s = searchers.acquire();
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            for (ScoreDoc sd : s.search(q, TOP_DOCS).scoreDocs) {
                String id = id(leaves, sd.doc);
                scores.putIfAbsent(id, (double) sd.score);
                if (scores.size() >= MAX_CANDIDATES) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(s);
        }
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, Double> hit : scores.entrySet()) {
            Entry e = entries.get(hit.getKey());
            if (e == null || !e.article().validOn(today)) {
                continue; // retired or changed since the reader opened
            }
            Candidate best = null;
            Set<String> answerWords = e.answerWords().get(lang);
            for (TextForm f : e.questions().getOrDefault(lang, List.of())) {
                Signals sig = Signals.of(query, f, answerWords, e.numbers().get(lang), st);
                double logit = model.matchLogit(sig);
                if (best == null || logit > best.logit()) {
                    best = new Candidate(e.article(), lang, f.text(), hit.getValue(), sig, logit);
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::logit).reversed());
        return out;
    }

    /** The article id of a hit, from doc values (much cheaper than stored fields). */
    private static String id(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues ids = DocValues.getSorted(leaf.reader(), ID);
        if (!ids.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("document without id");
        }
        return ids.lookupOrd(ids.ordValue()).utf8ToString();
    }

    private void release(IndexSearcher s) {
        if (s != null) {
            try {
                searchers.release(s);
            } catch (IOException ignored) {
                // releasing an in-memory reader cannot meaningfully fail
            }
        }
    }

    /** Ids of every indexed article (for tests). */
    Set<String> ids() {
        return new LinkedHashSet<>(entries.keySet());
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
