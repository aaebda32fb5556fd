package org.jisr.gateway.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dashboard counters in the store, shared by every node: one hash per UTC hour (kept {@link #KEEP}) with
 * fields {@code msg:in:<channel>}, {@code msg:out:<channel>}, {@code dec:<decision>}, {@code reply:n},
 * {@code reply:ms} and {@code reply:b:<bucket>}; and the recently escalated questions (a capped list).
 * Message and decision counts are summed in memory and written every {@link #FLUSH_EVERY} in one round trip per hour
 * (a node sees its own counts at once, other nodes' within about a second). Counting never fails or blocks the
 * caller: a failed write keeps the counts for the next one, and counts that could not be written for
 * {@link #GIVE_UP} are dropped.
 */
public final class Counters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Counters.class);
    static final Duration KEEP = Duration.ofDays(8);
    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    /** A store down this long loses the counts since (memory stays bounded; the dashboard is approximate anyway). */
    static final Duration GIVE_UP = Duration.ofMinutes(10);
    static final int UNANSWERED_MAX = 5000;
    static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    /** Upper bounds (minutes) of the time-to-staff-reply buckets; the last bucket is open. */
    public static final List<Integer> REPLY_BUCKETS = List.of(15, 60, 240, 1440);

    /** One escalated question, for "most frequent unanswered questions". */
    public record Unanswered(Instant at, String channel, String lang, String text) {
    }

    private final Store store;
    private final Clock clock;
    /** Counts not yet written: hour ("yyyyMMddHH") → field → count; adders, since every worker thread counts. */
    private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    /** When writes started failing (System.nanoTime; null: the last one worked); guarded by {@code this}, as is every flush. */
    private Long failingSince;

    public Counters(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("jisr-counters").daemon().factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String hour(Instant t) {
        return HOUR.format(t);
    }

    /** Counted in memory only: the flusher writes it. */
    private void add(String field, long n) {
        pending.computeIfAbsent(hour(clock.instant()), h -> new ConcurrentHashMap<>())
                .computeIfAbsent(field, f -> new LongAdder()).add(n);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.debug("dashboard counters not written: {}", e.toString());
        }
    }

    /**
     * Writes the pending counts, one round trip per hour that has any (one, except just after the hour turns). A
     * failed write puts its counts back for the next flush, unless writes have been failing for {@link #GIVE_UP}.
     */
    synchronized void flush() {
        String now = hour(clock.instant());
        for (var hour : pending.entrySet()) {
            Map<String, Long> deltas = new HashMap<>();
            // sumThenReset takes each cell with getAndSet: a concurrent add lands in this flush or the next, never lost
            hour.getValue().forEach((field, adder) -> {
                long n = adder.sumThenReset();
                if (n != 0) {
                    deltas.put(field, n);
                }
            });
            if (deltas.isEmpty()) {
                if (!hour.getKey().equals(now)) { // a past hour, quiet for a whole flush: nobody counts into it any more
                    pending.remove(hour.getKey(), hour.getValue());
                }
                continue;
            }
            try {
                store.hashIncrementAll(store.keys().statsHour(hour.getKey()), deltas, KEEP);
                failingSince = null;
            } catch (RuntimeException e) {
                long t = System.nanoTime(); // real time, not the (possibly test) clock: it bounds memory
                if (failingSince == null) {
                    failingSince = t;
                }
                if (t - failingSince < GIVE_UP.toNanos()) {
                    deltas.forEach((field, n) -> hour.getValue().computeIfAbsent(field, f -> new LongAdder()).add(n));
                } else {
                    log.debug("dashboard counts of hour {} dropped after {} of failed writes: {}", hour.getKey(), GIVE_UP, deltas);
                }
                throw e;
            }
        }
    }

    /** Stops the flusher and writes what is left (Spring calls it when the node stops). */
    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
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
        flushQuietly(); // this node's own counts show at once
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
