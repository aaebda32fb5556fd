package org.jisr.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jisr.gateway.ops.Mask;
import org.springframework.stereotype.Component;

/** Formatting for console pages: times in the centre's time zone, masked addresses, percentages. */
@Component("consoleFormat")
public class ConsoleFormat {

    private final DateTimeFormatter time;
    private final DateTimeFormatter day;
    private final ZoneId zone;

    public ConsoleFormat(org.jisr.gateway.config.ConsoleSettings settings) {
        this.zone = settings.zone();
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        this.day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
    }

    public String time(Instant t) {
        return t == null ? "" : time.format(t);
    }

    public String day(Instant t) {
        return t == null ? "" : day.format(t);
    }

    /** ISO instant for the page's scripts (countdowns). */
    public String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public String zone() {
        return zone.getId();
    }

    /** The address masked as in logs (last four kept), with a long run of stars shortened for the page. */
    public String masked(String address) {
        return Mask.address(address).replaceAll("\\*{5,}", "****");
    }

    public long percent(double confidence) {
        return Math.round(confidence * 100);
    }

    public String minutes(Duration d) {
        return d == null ? "" : Long.toString(d.toMinutes());
    }

    /** A problem to show on a page, in the page's language where it is known ({@link ProblemText}). */
    public String problem(String message, String lang) {
        return ProblemText.in(lang, message);
    }

    /** An article's first question in the page's language, else the other. */
    public String title(org.jisr.kb.Article a, String lang) {
        return a.title("en".equals(lang) ? org.jisr.kb.Lang.EN : org.jisr.kb.Lang.AR);
    }

    public String lower(Enum<?> e) {
        return e == null ? "" : e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
