package org.jisr.kb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jisr.kb.Article;
import org.jisr.kb.Hit;
import org.jisr.kb.Lang;

/**
 * A first, simple Lucene index: one document per article and language, stock analyzers, and a
 * confidence from query-term coverage. To be replaced by the tuned analysis and decision.
 */
public final class ArticleIndex implements AutoCloseable {

    private static final String ID = "id";
    private static final String LANG = "lang";
    private static final String QUESTIONS = "q";
    private static final String ANSWER = "a";

    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final Map<Lang, Analyzer> analyzers = Map.of(Lang.AR, new ArabicAnalyzer(), Lang.EN, new EnglishAnalyzer());
    private final IndexWriter writer;
    private final SearcherManager searchers;

    public ArticleIndex() {
        try {
            writer = new IndexWriter(dir, new IndexWriterConfig(new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(analyzers.get(Lang.EN))));
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void upsert(Article a) {
        upsertAll(List.of(a));
    }

    public synchronized void upsertAll(Collection<Article> batch) {
        try {
            for (Article a : batch) {
                writer.deleteDocuments(new Term(ID, a.id()));
                for (Lang lang : a.languages()) {
                    Document d = new Document();
                    d.add(new StringField(ID, a.id(), Field.Store.YES));
                    d.add(new StringField(LANG, lang.code(), Field.Store.YES));
                    for (String t : terms(lang, String.join(" ", a.questions().getOrDefault(lang, List.of())))) {
                        d.add(new StringField(QUESTIONS, t, Field.Store.NO));
                    }
                    for (String t : terms(lang, a.answer().get(lang))) {
                        d.add(new StringField(ANSWER, t, Field.Store.NO));
                    }
                    writer.addDocument(d);
                }
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void delete(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hits in one language; {@code lookup} returns the live, valid article for an id or null. */
    public List<Hit> search(String text, Lang lang, int limit, Function<String, Article> lookup) {
        List<String> qTerms = new ArrayList<>(new java.util.LinkedHashSet<>(terms(lang, text)));
        if (qTerms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(LANG, lang.code())), BooleanClause.Occur.FILTER);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String t : qTerms) {
            any.add(new BoostQuery(new TermQuery(new Term(QUESTIONS, t)), 3f), BooleanClause.Occur.SHOULD);
            any.add(new TermQuery(new Term(ANSWER, t)), BooleanClause.Occur.SHOULD);
        }
        b.add(any.build(), BooleanClause.Occur.MUST);
        IndexSearcher s = null;
        try {
            s = searchers.acquire();
            ScoreDoc[] docs = s.search(b.build(), limit).scoreDocs;
            Map<String, Hit> out = new LinkedHashMap<>();
            for (ScoreDoc sd : docs) {
                String id = s.storedFields().document(sd.doc).get(ID);
                Article a = lookup.apply(id);
                if (a == null || out.containsKey(id)) {
                    continue;
                }
                Set<String> questionTerms = new HashSet<>();
                for (String q : a.questions().getOrDefault(lang, List.of())) {
                    questionTerms.addAll(terms(lang, q));
                }
                long covered = qTerms.stream().filter(questionTerms::contains).count();
                double coverage = (double) covered / qTerms.size();
                double precision = questionTerms.isEmpty() ? 0 : (double) covered / questionTerms.size();
                double confidence = Math.min(1.0, 0.7 * coverage + 0.3 * Math.min(1.0, precision));
                out.put(id, new Hit(a, lang, sd.score, confidence, a.title(lang)));
            }
            return new ArrayList<>(out.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (s != null) {
                try {
                    searchers.release(s);
                } catch (IOException ignored) {
                    // releasing an in-memory searcher cannot meaningfully fail
                }
            }
        }
    }

    private List<String> terms(Lang lang, String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        try (TokenStream ts = analyzers.get(lang).tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
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
