package org.jisr.gateway.pipeline;

import java.time.LocalDate;
import org.jisr.kb.Article;
import org.jisr.kb.ArticleType;
import org.jisr.kb.Lang;

/** Renders an official answer as plain text: the answer, the verdict of a rumour, the source and "as of". */
public final class Render {

    private Render() {
    }

    /**
     * @param answerLang the language of the article text
     * @param uiLang     the person's language, for labels
     * @param fallback   the answer is in the other language than the question: say so first
     */
    public static String answer(Article a, Lang answerLang, Lang uiLang, boolean fallback) {
        StringBuilder sb = new StringBuilder();
        if (fallback) {
            sb.append(Phrase.FALLBACK_NOTICE.in(uiLang)).append("\n\n");
        }
        if (a.type() == ArticleType.RUMOR && a.verdict() != null) {
            sb.append(Phrase.VERDICT.in(uiLang)).append(": ").append(Phrase.verdict(a.verdict(), uiLang)).append("\n");
        }
        sb.append(text(a, answerLang));
        String source = sourceLine(a, uiLang);
        if (!source.isEmpty()) {
            sb.append("\n\n").append(source);
        }
        return sb.toString();
    }

    /** "Source: name (url) · as of 2026-01-01", or less when the article lacks them. */
    static String sourceLine(Article a, Lang uiLang) {
        return sourceLine(a, uiLang, true);
    }

    private static String sourceLine(Article a, Lang uiLang, boolean withUrl) {
        StringBuilder sb = new StringBuilder();
        if (a.source() != null) {
            sb.append(Phrase.SOURCE.in(uiLang)).append(": ").append(a.source().name());
            if (withUrl && a.source().url() != null) {
                sb.append(" (").append(a.source().url()).append(')');
            }
        }
        LocalDate asOf = asOf(a);
        if (asOf != null) {
            if (!sb.isEmpty()) {
                sb.append(" · ");
            }
            sb.append(Phrase.AS_OF.in(uiLang)).append(' ').append(asOf);
        }
        return sb.toString();
    }

    /** The date an answer is "as of": its update date, else the start of its validity. */
    public static LocalDate asOf(Article a) {
        return a.updated() != null ? a.updated() : a.validFrom();
    }

    static String text(Article a, Lang lang) {
        String t = a.answer().get(lang);
        return t != null ? t : a.answer().get(lang.other());
    }

    /**
     * The compact form for channels where space is scarce (SMS): the verdict of a rumour, the article's {@code short}
     * answer (the whole answer when it has none: the adapter then cuts it, marked with an ellipsis), and the source
     * and "as of" line without the URL — a citable fact in a few segments.
     */
    static String shortAnswer(Article a, Lang answerLang, Lang uiLang) {
        StringBuilder sb = new StringBuilder();
        if (a.type() == ArticleType.RUMOR && a.verdict() != null) {
            sb.append(Phrase.VERDICT.in(uiLang)).append(": ").append(Phrase.verdict(a.verdict(), uiLang)).append("\n");
        }
        String s = a.shortAnswer().get(answerLang);
        sb.append(s != null ? s : text(a, answerLang));
        String source = sourceLine(a, uiLang, false);
        if (!source.isEmpty()) {
            sb.append("\n").append(source);
        }
        return sb.toString();
    }
}
