package org.jisr.perf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Everything the harness observed: each message from its intended send time to its acknowledgement (HTTP 200) and
 * to the provider call that answered it (matched by recipient, the message's token), per-second series for the
 * chart, and the counts the verdicts use (lost: acknowledged and never answered; duplicates: answered twice).
 */
final class Tracker {

    static final long HIGHEST_NS = 3_600_000_000_000L;

    /** One message sent to the gateway (or put on the bulk queue). */
    static final class Msg {
        final long seq;
        final Traffic.Channel channel;
        final String token;
        final boolean bulk;
        volatile long intendedNs;
        volatile long ackNs;
        volatile long firstReplyNs;
        volatile int replies;

        Msg(long seq, Traffic.Channel channel, String token, boolean bulk, long intendedNs) {
            this.seq = seq;
            this.channel = channel;
            this.token = token;
            this.bulk = bulk;
            this.intendedNs = intendedNs;
        }

        boolean acked() {
            return ackNs != 0;
        }
    }

    /** A reply given twice: when the first and the second call reached the provider. */
    record Duplicate(String token, long firstNs, long againNs, long ackNs) {
    }

    /** One second of the run. */
    static final class Second {
        final LongAdder sent = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder refused = new LongAdder(); // non-200 answers and connection errors
        final LongAdder replies = new LongAdder();
        final ConcurrentHistogram intake = new ConcurrentHistogram(HIGHEST_NS, 2);
        final ConcurrentHistogram e2e = new ConcurrentHistogram(HIGHEST_NS, 2);
        final Map<String, Long> gauges = new ConcurrentHashMap<>();
    }

    /** Time zero of the series: when the measured load starts (set by the harness). */
    volatile long startNs;
    private final Map<String, List<Msg>> byToken = new ConcurrentHashMap<>();
    /** Messages sent to each token and not answered yet, so a watcher need only look where a reply is due. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> open = new ConcurrentHashMap<>();
    /** Messages whose replies name them (the web chat's), by that name. */
    private final Map<String, Msg> byRef = new ConcurrentHashMap<>();
    private final List<Msg> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentSkipListMap<Integer, Second> seconds = new ConcurrentSkipListMap<>();
    private final List<Duplicate> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
    final ConcurrentHistogram intake = new ConcurrentHistogram(HIGHEST_NS, 3);
    final ConcurrentHistogram e2e = new ConcurrentHistogram(HIGHEST_NS, 3);
    private final Map<Traffic.Channel, ConcurrentHistogram> e2eByChannel = new EnumMap<>(Traffic.Channel.class);
    final ConcurrentHistogram bulkDelivery = new ConcurrentHistogram(HIGHEST_NS, 3);
    final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
    final LongAdder connectionErrors = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder providerRefusals = new LongAdder();
    final AtomicLong lastReplyNs = new AtomicLong();

    Tracker(long startNs) {
        this.startNs = startNs;
        for (Traffic.Channel c : Traffic.Channel.values()) {
            e2eByChannel.put(c, new ConcurrentHistogram(HIGHEST_NS, 3));
        }
    }

    Second second(long ns) {
        int s = (int) Math.max(0, (ns - startNs) / 1_000_000_000L);
        return seconds.computeIfAbsent(s, k -> new Second());
    }

    Msg sent(long seq, Traffic.Channel channel, String token, boolean bulk, long intendedNs) {
        Msg m = register(seq, channel, token, bulk);
        dispatched(m, intendedNs);
        return m;
    }

    /** A message built ahead of the run; {@link #dispatched} gives it its due time. */
    Msg register(long seq, Traffic.Channel channel, String token, boolean bulk) {
        return register(seq, channel, token, bulk, null);
    }

    /** The same, for a message whose replies name it ({@code ref}: the web chat's message id), matched exactly. */
    Msg register(long seq, Traffic.Channel channel, String token, boolean bulk, String ref) {
        Msg m = new Msg(seq, channel, token, bulk, 0);
        byToken.computeIfAbsent(token, k -> java.util.Collections.synchronizedList(new ArrayList<>(1))).add(m);
        if (ref != null) {
            byRef.put(ref, m);
        }
        all.add(m);
        return m;
    }

    void dispatched(Msg m, long intendedNs) {
        m.intendedNs = intendedNs;
        open.computeIfAbsent(m.token, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        second(intendedNs).sent.increment();
    }

    /** One answer of the gateway to one try; {@code status} 0 is a connection error. */
    void answered(Msg m, int status, long dueNs, long nowNs) {
        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        Second s = second(nowNs);
        if (status == 200) {
            long lat = Math.min(HIGHEST_NS, Math.max(0, nowNs - dueNs));
            intake.recordValue(lat);
            s.intake.recordValue(lat);
            s.acked.increment();
            if (m.ackNs == 0) {
                m.ackNs = nowNs;
            }
        } else {
            s.refused.increment();
            if (status == 0) {
                connectionErrors.increment();
            }
        }
    }

    /** A provider call that delivered a message to {@code token}. */
    void reply(String token, long nowNs) {
        reply(token, nowNs, null);
    }

    /**
     * A reply to {@code token} naming its message ({@code ref}, as registered), or null: then it answers the oldest of
     * the token's messages without a reply (first come, first served), and a duplicate is counted against the newest.
     */
    void reply(String token, long nowNs, String ref) {
        lastReplyNs.set(nowNs);
        List<Msg> msgs = byToken.get(token);
        if (msgs == null) {
            unmatched.increment();
            return;
        }
        Msg named = ref == null ? null : byRef.get(ref);
        Msg target = null;
        Msg again;
        synchronized (msgs) {
            if (named != null) {
                target = named.firstReplyNs == 0 ? named : null;
            } else {
                for (Msg m : msgs) {
                    if (m.firstReplyNs == 0) {
                        target = m;
                        break;
                    }
                }
            }
            if (target != null) {
                target.firstReplyNs = nowNs;
                open.get(token).decrementAndGet();
            }
            again = named != null ? named : msgs.getLast();
            (target != null ? target : again).replies++;
        }
        Second s = second(nowNs);
        s.replies.increment();
        if (target == null) {
            duplicates.add(new Duplicate(token, again.firstReplyNs, nowNs, again.ackNs));
            return;
        }
        long lat = Math.min(HIGHEST_NS, Math.max(0, nowNs - target.intendedNs));
        if (target.bulk) {
            bulkDelivery.recordValue(lat);
            return;
        }
        e2e.recordValue(lat);
        e2eByChannel.get(target.channel).recordValue(lat);
        s.e2e.recordValue(lat);
    }

    /** True when a message sent to {@code token} has had no reply yet. */
    boolean awaiting(String token) {
        var n = open.get(token);
        return n != null && n.get() > 0;
    }

    void gauge(long nowNs, String name, long value) {
        second(nowNs).gauges.put(name, value);
    }

    List<Msg> messages() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    List<Duplicate> duplicates() {
        synchronized (duplicates) {
            return List.copyOf(duplicates);
        }
    }

    /** Acknowledged (or bulk) messages with no reply yet. */
    long unanswered() {
        return messages().stream().filter(m -> (m.acked() || m.bulk) && m.firstReplyNs == 0).count();
    }

    long acked() {
        return messages().stream().filter(Msg::acked).count();
    }

    Histogram e2e(Traffic.Channel c) {
        return e2eByChannel.get(c);
    }

    Map<Integer, Second> seconds() {
        return new TreeMap<>(seconds);
    }
}
