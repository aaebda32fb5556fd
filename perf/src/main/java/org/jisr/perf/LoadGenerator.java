package org.jisr.perf;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleUnaryOperator;

/**
 * Open-loop load: message n is due at a fixed time given by the rate profile, whether or not earlier calls were
 * answered, and its latency is measured from that due time — a slow gateway cannot hide its slowness by slowing
 * the generator down (no coordinated omission). The dispatching thread writes each due request on a free keep-alive
 * connection of a non-blocking sender loop ({@link SenderLoop}, one by default, {@code connections} connections to
 * each node, one request in flight on each), whose one thread reads every answer.
 * Like the providers, it retries a call the gateway did not acknowledge (503, other 5xx, 429, connection refused or
 * reset, no answer in 10 s), with the same message id, after the gateway's Retry-After (1 s when none), until the
 * retry deadline.
 */
final class LoadGenerator {

    static final long TIMEOUT_NS = 10_000_000_000L;

    private final Traffic traffic;
    private final Tracker tracker;
    private final List<Integer> ports;
    private final boolean retry;
    private final SenderLoop[] loops;
    private volatile long retryDeadlineNs = Long.MAX_VALUE;
    private volatile boolean stopped;
    private volatile long offered;

    /**
     * @param connections   connections to each node (each carries one request at a time), shared out over the loops
     * @param senderThreads event-loop threads (at most {@code connections})
     */
    LoadGenerator(Traffic traffic, Tracker tracker, List<Integer> ports, int connections, int senderThreads, boolean retry) {
        this(traffic, tracker, ports, connections, senderThreads, retry, TIMEOUT_NS);
    }

    LoadGenerator(Traffic traffic, Tracker tracker, List<Integer> ports, int connections, int senderThreads, boolean retry,
            long timeoutNs) {
        this.traffic = traffic;
        this.tracker = tracker;
        this.ports = ports;
        this.retry = retry;
        int threads = Math.max(1, Math.min(senderThreads, connections));
        loops = new SenderLoop[threads];
        for (int i = 0; i < threads; i++) {
            int share = connections / threads + (i < connections % threads ? 1 : 0);
            loops[i] = new SenderLoop("perf-sender-" + i, ports, share, timeoutNs, this::answered);
        }
    }

    /**
     * Offers messages at {@code rate(t)} per second (t in seconds since the start) for {@code seconds}; returns when
     * done. Every message is built and signed before the clock starts, so the generator spends its CPU share on
     * sending, not on HMACs.
     */
    void run(DoubleUnaryOperator rate, double seconds, long firstSeq) {
        List<Double> offsets = new java.util.ArrayList<>();
        for (double t = 0; t < seconds; t += 1.0 / Math.max(0.01, rate.applyAsDouble(t))) {
            offsets.add(t);
        }
        int n = offsets.size();
        byte[][] requests = new byte[n][];
        Traffic.Message[] built = new Traffic.Message[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            long seq = firstSeq + i;
            built[i] = traffic.message(seq, "127.0.0.1:" + ports.get((int) (seq % ports.size())));
        });
        Tracker.Msg[] msgs = new Tracker.Msg[n];
        for (int i = 0; i < n; i++) { // in order: a reply that names no message answers the oldest one waiting
            requests[i] = built[i].request();
            msgs[i] = tracker.register(firstSeq + i, built[i].channel(), built[i].token(), false, built[i].ref());
            built[i] = null;
        }
        connectAll();
        System.gc(); // the building's garbage is collected now, not in the first seconds of the measurement
        long start = System.nanoTime();
        for (int i = 0; i < n && !stopped; i++) {
            long due = start + (long) (offsets.get(i) * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            tracker.dispatched(msgs[i], due);
            long seq = firstSeq + i;
            loops[(int) (seq % loops.length)].submit(new Attempt(seq, msgs[i], requests[i], due, 0));
            requests[i] = null;
        }
        offered = n;
    }

    /** Every connection opened before the clock starts, as a provider's pool is already open when traffic rises. */
    private void connectAll() {
        int total = 0;
        for (SenderLoop l : loops) {
            total += l.connections();
        }
        CountDownLatch opened = new CountDownLatch(total);
        for (SenderLoop l : loops) {
            l.connectAll(opened); // a node that is down: its connections are opened on first use
        }
        try {
            opened.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long offered() {
        return offered;
    }

    /** Retries stop being scheduled after this. */
    void retryUntil(long deadlineNs) {
        retryDeadlineNs = deadlineNs;
    }

    /** Calls not yet answered: waiting for a connection or in flight (retries not yet due are not counted). */
    int queued() {
        int n = 0;
        for (SenderLoop l : loops) {
            n += l.pending();
        }
        return n;
    }

    /** Ends the sender loops; every socket is closed when this returns. */
    void stop() {
        stopped = true;
        for (SenderLoop l : loops) {
            l.stop();
        }
    }

    /** One answer (status 0: no answer) to one attempt, on a sender loop: recorded, and the retry to make, if any. */
    private Attempt answered(Attempt a, int status, String retryAfter, long now) {
        tracker.answered(a.msg(), status, a.dueNs(), now);
        if (status != 200 && (status == 0 || status >= 500 || status == 429) && retry && now < retryDeadlineNs && !stopped) {
            long delayMs = 1000;
            if (retryAfter != null && retryAfter.matches("\\d{1,4}")) {
                delayMs = Math.max(100, Long.parseLong(retryAfter) * 1000);
            }
            tracker.retries.increment();
            return new Attempt(a.seq(), a.msg(), a.request(), now + delayMs * 1_000_000L, a.attempt() + 1);
        }
        return null;
    }
}
