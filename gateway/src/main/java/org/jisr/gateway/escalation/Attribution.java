package org.jisr.gateway.escalation;

import java.time.LocalDate;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.kb.Article;
import org.jisr.kb.Lang;

/** The line a verified journalist can quote: who says it and as of when. */
public final class Attribution {

    private Attribution() {
    }

    /** For a staff answer: the centre (configurable name) and the day of the answer. */
    public static String staff(ConsoleSettings s, Lang lang, LocalDate day) {
        return lang == Lang.AR
                ? "للاقتباس: " + s.attributionAr() + " (فريق التواصل)، بتاريخ " + day
                : "Attribution: " + s.attributionEn() + " (liaison team), as of " + day;
    }

    /** For an official answer from the KB: its source and "as of" date, with the article reference. */
    public static String article(Article a, Lang lang, LocalDate asOf, ConsoleSettings s) {
        String source = a.source() != null ? a.source().name() : lang == Lang.AR ? s.attributionAr() : s.attributionEn();
        StringBuilder sb = new StringBuilder(lang == Lang.AR ? "للاقتباس: " : "Attribution: ").append(source);
        if (asOf != null) {
            sb.append(lang == Lang.AR ? "، بتاريخ " : ", as of ").append(asOf);
        }
        return sb.append(lang == Lang.AR ? " (المرجع: " : " (ref. ").append(a.id()).append(')').toString();
    }
}
