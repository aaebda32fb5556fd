package org.jisr.gateway.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dashboard counters in the store, shared by every node: one hash per UTC hour (kept {@link #KEEP}) with
 * fields {@code msg:in:<channel>}, {@code msg:out:<channel>}, {@code dec:<decision>}, {@code reply:n},
 * {@code reply:ms} and {@code reply:b:<bucket>}; and the recently escalated questions (a capped list).
 * Counting never fails the caller: a store error loses one count, not a message.
 */
public final class Counters {

    private static final Logger log = LoggerFactory.getLogger(Counters.class);
    static final Duration KEEP = Duration.ofDays(8);
    static final int UNANSWERED_MAX = 5000;
    static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    /** Upper bounds (minutes) of the time-to-staff-reply buckets; the last bucket is open. */
    public static final List<Integer> REPLY_BUCKETS = List.of(15, 60, 240, 1440);

    /** One escalated question, for "most frequent unanswered questions". */
    public record Unanswered(Instant at, String channel, String lang, String text) {
    }

    private final Store store;
    private final Clock clock;

    public Counters(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    static String hour(Instant t) {
        return HOUR.format(t);
    }

    private void add(String field, long n) {
        try {
            store.hashIncrement(store.keys().statsHour(hour(clock.instant())), field, n, KEEP);
        } catch (RuntimeException e) {
            log.debug("dashboard counter {} not counted: {}", field, e.toString());
        }
    }

    /** direction: "in" or "out". */
    public void message(String channel, String direction) {
        add("msg:" + direction + ":" + channel, 1);
    }

    public void decision(String decision) {
        add("dec:" + decision, 1);
    }

    public void staffReply(Duration sinceCaseOpened) {
        long minutes = sinceCaseOpened.toMinutes();
        int bucket = REPLY_BUCKETS.size();
        for (int i = 0; i < REPLY_BUCKETS.size(); i++) {
            if (minutes < REPLY_BUCKETS.get(i)) {
                bucket = i;
                break;
            }
        }
        add("reply:n", 1);
        add("reply:ms", Math.max(0, sinceCaseOpened.toMillis()));
        add("reply:b:" + bucket, 1);
    }

    public void unanswered(String channel, String lang, String text) {
        try {
            store.pushCapped(store.keys().unanswered(), Json.write(new Unanswered(clock.instant(), channel, lang, text)),
                    UNANSWERED_MAX, KEEP);
        } catch (RuntimeException e) {
            log.debug("unanswered question not recorded: {}", e.toString());
        }
    }

    /** One hour's counters. */
    public record Hour(Instant start, Map<String, Long> fields) {

        public long get(String field) {
            return fields.getOrDefault(field, 0L);
        }
    }

    /** The last {@code hours} hours, oldest first (the current hour last). */
    public List<Hour> lastHours(int hours) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<Hour> out = new ArrayList<>();
        for (int i = hours - 1; i >= 0; i--) {
            Instant h = now.minus(Duration.ofHours(i));
            Map<String, Long> fields = new java.util.TreeMap<>();
            store.hashAll(store.keys().statsHour(hour(h))).forEach((k, v) -> fields.put(k, Long.parseLong(v)));
            out.add(new Hour(h, fields));
        }
        return out;
    }

    /** Escalated questions since {@code since}, newest first. */
    public List<Unanswered> unansweredSince(Instant since) {
        List<Unanswered> out = new ArrayList<>();
        for (String s : store.latest(store.keys().unanswered(), UNANSWERED_MAX)) {
            Unanswered u = Json.read(s, Unanswered.class);
            if (u.at().isBefore(since)) {
                break;
            }
            out.add(u);
        }
        return out;
    }
}
