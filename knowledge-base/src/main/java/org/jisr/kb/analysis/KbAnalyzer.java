package org.jisr.kb.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.jisr.kb.Lang;

/**
 * One analysis chain of the knowledge base. Every chain starts with {@link TextNormalizer} (as the reader)
 * and the Unicode word tokenizer, then:
 * <ul>
 *   <li>{@link Chain#BASE}: nothing more (used to read synonym files);</li>
 *   <li>{@link Chain#WORDS}: English possessives, synonyms (dialect → MSA), stop words (question words
 *       kept), light stemming (Arabic light-10 prefixes/suffixes; English {@link EnglishStemmer});
 *       question words and negations are protected from the stemmer;</li>
 *   <li>{@link Chain#GRAMS}: stop words, then character 3- and 4-grams of each word with its boundaries
 *       ({@code _word_}), for typos and morphology the stemmer does not know.</li>
 * </ul>
 */
public final class KbAnalyzer extends Analyzer {

    /** Which chain. */
    public enum Chain { BASE, WORDS, GRAMS }

    /** English stemmers (measured on the dev set; see docs/quality.md). */
    public enum EnglishStemmer { PORTER, KSTEM, MINIMAL, NONE }

    private final Lang lang;
    private final Chain chain;
    private final SynonymMap synonyms;
    private final CharArraySet stopWords;
    private final CharArraySet keepUnstemmed;
    private final EnglishStemmer englishStemmer;

    KbAnalyzer(Lang lang, Chain chain, SynonymMap synonyms, CharArraySet stopWords, CharArraySet keepUnstemmed,
            EnglishStemmer englishStemmer) {
        this.lang = lang;
        this.chain = chain;
        this.synonyms = synonyms;
        this.stopWords = stopWords;
        this.keepUnstemmed = keepUnstemmed;
        this.englishStemmer = englishStemmer;
    }

    static KbAnalyzer base(Lang lang) {
        return new KbAnalyzer(lang, Chain.BASE, null, CharArraySet.EMPTY_SET, CharArraySet.EMPTY_SET, EnglishStemmer.NONE);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new StringReader(TextNormalizer.normalize(readAll(reader)));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream ts = source;
        if (lang == Lang.EN) {
            ts = new EnglishPossessiveFilter(ts);
        }
        if (lang == Lang.AR && chain != Chain.GRAMS) {
            ts = new ArabicArticleFilter(ts, stopWords);
        }
        switch (chain) {
            case BASE -> {
            }
            case WORDS -> {
                if (synonyms != null && synonyms.fst != null) {
                    ts = new FlattenGraphFilter(new SynonymGraphFilter(ts, synonyms, true));
                }
                ts = new StopFilter(ts, stopWords);
                ts = new SetKeywordMarkerFilter(ts, keepUnstemmed);
                ts = stemmer(ts);
            }
            case GRAMS -> {
                ts = new StopFilter(ts, stopWords);
                ts = new NGramTokenFilter(new WordBoundaryFilter(ts), 3, 4, false);
            }
        }
        return new TokenStreamComponents(source, ts);
    }

    private TokenStream stemmer(TokenStream ts) {
        if (lang == Lang.AR) {
            return new ArabicStemFilter(ts);
        }
        return switch (englishStemmer) {
            case PORTER -> new PorterStemFilter(ts);
            case KSTEM -> new KStemFilter(ts);
            case MINIMAL -> new EnglishMinimalStemFilter(ts);
            case NONE -> ts;
        };
    }

    /** Reads at most a little more than {@link TextNormalizer#MAX_CHARS}; the normaliser cuts the rest. */
    private static String readAll(Reader reader) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[512];
        try {
            int n;
            while (sb.length() <= TextNormalizer.MAX_CHARS && (n = reader.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
