package org.jisr.perf;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleUnaryOperator;

/**
 * Open-loop load: message n is due at a fixed time given by the rate profile, whether or not earlier calls were
 * answered, and its latency is measured from that due time — a slow gateway cannot hide its slowness by slowing
 * the generator down (no coordinated omission). A pool of keep-alive connections sends what is due. Like the
 * providers, it retries a call the gateway did not acknowledge (503, other 5xx, connection refused or reset),
 * with the same message id, after the gateway's Retry-After (1 s when none), until the retry deadline.
 */
final class LoadGenerator {

    /** One try of one message. */
    private record Attempt(long seq, Tracker.Msg msg, byte[] request, long dueNs, int attempt) {
    }

    private final Traffic traffic;
    private final Tracker tracker;
    private final List<Integer> ports;
    private final int connections;
    private static final long CONNECT = -2;
    private volatile java.util.concurrent.CountDownLatch connecting;
    private final boolean retry;
    private final BlockingQueue<Attempt> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perf-retries");
        t.setDaemon(true);
        return t;
    });
    private volatile long retryDeadlineNs = Long.MAX_VALUE;
    private volatile boolean stopped;
    private volatile long offered;

    LoadGenerator(Traffic traffic, Tracker tracker, List<Integer> ports, int connections, boolean retry) {
        this.traffic = traffic;
        this.tracker = tracker;
        this.ports = ports;
        this.connections = connections;
        this.retry = retry;
        for (int i = 0; i < connections; i++) {
            // platform threads: a blocking read parks in the kernel, cheaper than a virtual thread's poller round
            Thread.ofPlatform().daemon().name("perf-conn-" + i).stackSize(256 * 1024).start(this::worker);
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
        for (int i = 0; i < n; i++) { // in order: web chat replies are matched to a visitor's messages first come, first served
            requests[i] = built[i].request();
            msgs[i] = tracker.register(firstSeq + i, built[i].channel(), built[i].token(), false);
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
            queue.add(new Attempt(firstSeq + i, msgs[i], requests[i], due, 0));
            requests[i] = null;
        }
        offered = n;
    }

    /** Every connection opened before the clock starts, as a provider's pool is already open when traffic rises. */
    private void connectAll() {
        connecting = new java.util.concurrent.CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            queue.add(new Attempt(CONNECT, null, null, 0, 0));
        }
        try {
            connecting.await(30, TimeUnit.SECONDS);
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

    /** Calls not yet answered (queued or scheduled for a retry are not counted). */
    int queued() {
        return queue.size();
    }

    void stop() {
        stopped = true;
        retries.shutdownNow();
        for (int i = 0; i < connections; i++) {
            queue.add(new Attempt(-1, null, null, 0, 0));
        }
    }

    private void worker() {
        HttpConn[] conns = new HttpConn[ports.size()];
        try {
            while (!stopped) {
                Attempt a = queue.take();
                if (a.seq() == CONNECT) {
                    for (int t = 0; t < conns.length; t++) {
                        try {
                            if (conns[t] == null || !conns[t].isOpen()) {
                                conns[t] = new HttpConn("127.0.0.1", ports.get(t), 10_000);
                            }
                        } catch (IOException e) {
                            conns[t] = null; // a node that is down: opened on first use, as before
                        }
                    }
                    connecting.countDown();
                    continue;
                }
                if (a.seq() < 0) {
                    return;
                }
                int target = (int) ((a.seq() + a.attempt()) % ports.size()); // a retry may reach another node, as behind a balancer
                String hostPort = "127.0.0.1:" + ports.get(target);
                Tracker.Msg msg = a.msg();
                byte[] request = a.request();
                if (msg == null) {
                    Traffic.Message m = traffic.message(a.seq(), hostPort);
                    request = m.request();
                    msg = tracker.sent(a.seq(), m.channel(), m.token(), false, a.dueNs());
                }
                int status;
                String retryAfter = null;
                try {
                    if (conns[target] == null || !conns[target].isOpen()) {
                        conns[target] = new HttpConn("127.0.0.1", ports.get(target), 10_000);
                    }
                    HttpConn.Response r = conns[target].exchange(request);
                    status = r.status();
                    retryAfter = r.retryAfter();
                } catch (IOException | RuntimeException e) {
                    status = 0;
                    if (conns[target] != null) {
                        conns[target].close();
                        conns[target] = null;
                    }
                }
                long now = System.nanoTime();
                tracker.answered(msg, status, a.dueNs(), now);
                if (status != 200 && (status == 0 || status >= 500 || status == 429) && retry && now < retryDeadlineNs) {
                    long delayMs = 1000;
                    if (retryAfter != null && retryAfter.matches("\\d{1,4}")) {
                        delayMs = Math.max(100, Long.parseLong(retryAfter) * 1000);
                    }
                    tracker.retries.increment();
                    Attempt again = new Attempt(a.seq(), msg, request, now + delayMs * 1_000_000L, a.attempt() + 1);
                    try {
                        retries.schedule(() -> queue.add(again), delayMs, TimeUnit.MILLISECONDS);
                    } catch (RuntimeException stoppedAlready) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (HttpConn c : conns) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
