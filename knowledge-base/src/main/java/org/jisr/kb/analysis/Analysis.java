package org.jisr.kb.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.jisr.kb.Lang;
import org.jisr.kb.analysis.KbAnalyzer.Chain;
import org.jisr.kb.analysis.KbAnalyzer.EnglishStemmer;

/**
 * The analyzers of both languages: bundled stop-word and synonym lists, or synonym files an editor gives.
 * Thread-safe (Lucene analyzers keep per-thread state).
 */
public final class Analysis implements AutoCloseable {

    private static final String RES = "/org/jisr/kb/analysis/";
    /**
     * Default English stemmer (see docs/quality.md for the measurement); the system property
     * {@code jisr.kb.englishStemmer} (PORTER, KSTEM, MINIMAL, NONE) overrides it for measuring.
     */
    public static final EnglishStemmer DEFAULT_ENGLISH_STEMMER =
            EnglishStemmer.valueOf(System.getProperty("jisr.kb.englishStemmer", "KSTEM"));

    private final Map<Lang, KbAnalyzer> words = new EnumMap<>(Lang.class);
    private final Map<Lang, KbAnalyzer> grams = new EnumMap<>(Lang.class);
    private final Map<Lang, Aspects> aspects = new EnumMap<>(Lang.class);

    private Analysis(Map<Lang, SynonymMap> synonyms, EnglishStemmer englishStemmer) {
        for (Lang lang : Lang.values()) {
            CharArraySet stop = words(lang == Lang.AR ? "stopwords-ar.txt" : "stopwords-en.txt");
            CharArraySet keep = QuestionWords.protectedWords(lang);
            words.put(lang, new KbAnalyzer(lang, Chain.WORDS, synonyms.get(lang), stop, keep, englishStemmer));
            grams.put(lang, new KbAnalyzer(lang, Chain.GRAMS, null, stop, keep, englishStemmer));
            aspects.put(lang, Aspects.bundled(RES + "aspects-" + lang.code() + ".txt", t -> wordTerms(lang, t)));
        }
    }

    /** The bundled lists. */
    public static Analysis defaults() {
        return with(null, null, DEFAULT_ENGLISH_STEMMER);
    }

    /**
     * Bundled stop words, with synonym files from disk (null: the bundled one for that language).
     *
     * @throws IllegalArgumentException when a synonym file cannot be read or parsed (names file and line)
     */
    public static Analysis with(Path arabicSynonyms, Path englishSynonyms, EnglishStemmer englishStemmer) {
        Map<Lang, SynonymMap> syn = new EnumMap<>(Lang.class);
        syn.put(Lang.AR, arabicSynonyms == null ? bundledSynonyms(Lang.AR) : synonyms(Lang.AR, arabicSynonyms));
        syn.put(Lang.EN, englishSynonyms == null ? bundledSynonyms(Lang.EN) : synonyms(Lang.EN, englishSynonyms));
        return new Analysis(syn, englishStemmer);
    }

    public Analyzer words(Lang lang) {
        return words.get(lang);
    }

    public Analyzer grams(Lang lang) {
        return grams.get(lang);
    }

    /** The word-field terms of a text, in order (may repeat). */
    public List<String> wordTerms(Lang lang, String text) {
        return terms(words.get(lang), text);
    }

    /** The aspect a text asks about (see {@link Aspects}) from its word terms in order. */
    public Aspects.Aspect aspect(Lang lang, List<String> wordTerms, boolean questionMark) {
        return aspects.get(lang).of(wordTerms, questionMark);
    }

    /** The character n-gram terms of a text, in order (may repeat). */
    public List<String> gramTerms(Lang lang, String text) {
        return terms(grams.get(lang), text);
    }

    /** Tokens of any analyzer (for tests and tools). */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
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

    /** Parses a synonym list (format: see synonyms-ar.txt) with the same normalisation as text. */
    public static SynonymMap synonyms(Lang lang, Reader reader, String name) {
        try (Analyzer base = KbAnalyzer.base(lang)) {
            SolrSynonymParser parser = new SolrSynonymParser(true, false, base);
            parser.parse(reader);
            return parser.build();
        } catch (ParseException e) {
            throw new IllegalArgumentException("synonym file " + name + " line " + e.getErrorOffset() + ": "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("synonym file " + name + ": " + e.getMessage(), e);
        }
    }

    private static SynonymMap synonyms(Lang lang, Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return synonyms(lang, r, path.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("synonym file " + path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static SynonymMap bundledSynonyms(Lang lang) {
        String name = "synonyms-" + lang.code() + ".txt";
        try (InputStream in = Analysis.class.getResourceAsStream(RES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RES + name);
            }
            return synonyms(lang, new InputStreamReader(in, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bundled word list: one word per line, # comments, normalised like text. */
    static CharArraySet words(String name) {
        CharArraySet set = new CharArraySet(256, false);
        try (InputStream in = Analysis.class.getResourceAsStream(RES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RES + name);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    set.add(TextNormalizer.normalize(w));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CharArraySet.unmodifiableSet(set);
    }

    @Override
    public void close() {
        words.values().forEach(Analyzer::close);
        grams.values().forEach(Analyzer::close);
    }
}
