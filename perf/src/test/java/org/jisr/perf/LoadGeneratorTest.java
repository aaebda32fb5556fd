package org.jisr.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's non-blocking sender against a tiny local HTTP server: every message answered at the offered
 * rate, 503 + Retry-After retried after it, connections the server closes reopened, a node that is down retried on
 * the other, a call without answer timed out, and nothing left open after stop.
 */
class LoadGeneratorTest {

    static final String OK = "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    static final String OK_CHUNKED = "HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    static final String BUSY = "HTTP/1.1 503 \r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n";
    static final String OK_CLOSE = "HTTP/1.1 200 \r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";

    final Tracker tracker = new Tracker(System.nanoTime());
    final Traffic traffic = new Traffic(7, List.of(Traffic.Channel.TELEGRAM), null);
    LoadGenerator load;
    TinyServer server;

    @AfterEach
    void stop() throws IOException {
        if (load != null) {
            load.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyMessageAtTheRateIsAcknowledgedOverConnectionsOpenedAhead() throws Exception {
        server = new TinyServer(n -> n % 2 == 0 ? OK : OK_CHUNKED);
        load = new LoadGenerator(traffic, tracker, List.of(server.port()), 8, 1, true);
        long start = System.nanoTime();
        load.run(t -> 500, 0.6, 0);
        assertThat(System.nanoTime() - start).as("open loop: the offer takes its time").isGreaterThan(550_000_000L);
        long n = load.offered();
        assertThat(n).isBetween(300L, 301L);
        await(() -> tracker.acked() == n && load.queued() == 0);
        assertThat(statuses()).isEqualTo(Map.of(200, n));
        assertThat(tracker.intake.getTotalCount()).isEqualTo(n);
        assertThat(tracker.retries.sum()).isZero();
        assertThat(server.accepted.get()).as("the 8 connections opened before the clock, none again").isEqualTo(8);
    }

    @Test
    void a503WithRetryAfterIsRetriedAfterItWithTheSameMessage() throws Exception {
        server = new TinyServer(n -> n < 20 ? BUSY : OK);
        load = new LoadGenerator(traffic, tracker, List.of(server.port()), 4, 1, true);
        load.run(t -> 200, 0.25, 0);
        long n = load.offered();
        await(() -> tracker.acked() == n && load.queued() == 0);
        assertThat(statuses()).isEqualTo(Map.of(200, n, 503, 20L));
        assertThat(tracker.retries.sum()).isEqualTo(20);
        assertThat(tracker.messages()).hasSize((int) n).allMatch(Tracker.Msg::acked);
        assertThat(tracker.intake.getMaxValue()).as("a retry's latency counts from its own due time, 1 s later")
                .isLessThan(1_000_000_000L);
        assertThat(tracker.messages().stream().filter(m -> m.ackNs - m.intendedNs >= 1_000_000_000L).count())
                .as("acknowledged at least Retry-After after the first try").isEqualTo(20);
    }

    @Test
    void aServerClosingTheConnectionAfterEachResponseStillGetsEveryRequest() throws Exception {
        server = new TinyServer(n -> OK_CLOSE);
        load = new LoadGenerator(traffic, tracker, List.of(server.port()), 4, 2, true);
        load.run(t -> 400, 0.25, 0);
        long n = load.offered();
        await(() -> tracker.acked() == n && load.queued() == 0);
        assertThat(statuses()).isEqualTo(Map.of(200, n));
        assertThat(tracker.connectionErrors.sum()).isZero();
        assertThat(server.accepted.get()).as("a new connection for every request").isGreaterThanOrEqualTo((int) n);
    }

    @Test
    void callsToANodeThatIsDownAreRetriedOnTheOther() throws Exception {
        server = new TinyServer(n -> OK);
        int down;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = s.getLocalPort(); // free again once closed: connections are refused
        }
        load = new LoadGenerator(traffic, tracker, List.of(server.port(), down), 4, 1, true);
        load.run(t -> 200, 0.3, 0);
        long n = load.offered();
        await(() -> tracker.acked() == n && load.queued() == 0);
        assertThat(statuses()).as("odd messages refused by node 1, then answered by node 0").isEqualTo(Map.of(0, n / 2, 200, n));
        assertThat(tracker.connectionErrors.sum()).isEqualTo(n / 2);
        assertThat(server.requests.get()).isEqualTo((int) n);
    }

    @Test
    void aCallWithoutAnswerTimesOutAsStatusZeroAndItsConnectionIsClosed() throws Exception {
        server = new TinyServer(n -> n == 0 ? null : OK); // the first request is never answered
        load = new LoadGenerator(traffic, tracker, List.of(server.port()), 2, 1, true, 300_000_000L);
        load.run(t -> 100, 0.1, 0);
        long n = load.offered();
        await(() -> tracker.acked() == n && load.queued() == 0);
        assertThat(statuses()).isEqualTo(Map.of(0, 1L, 200, n));
        assertThat(tracker.retries.sum()).isEqualTo(1);
        await(() -> server.open.get() == 1); // the silent connection was closed by the sender
    }

    @Test
    void stopEndsTheLoopsAndClosesEverySocket() throws Exception {
        server = new TinyServer(n -> OK);
        load = new LoadGenerator(traffic, tracker, List.of(server.port()), 6, 3, true);
        load.run(t -> 200, 0.1, 0);
        long n = load.offered();
        await(() -> tracker.acked() == n);
        assertThat(server.open.get()).isEqualTo(6);
        load.stop();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("perf-sender") && t.isAlive());
        await(() -> server.open.get() == 0);
        load = null;
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> m = new TreeMap<>();
        tracker.statuses.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(end);
            Thread.sleep(10);
        }
    }

    /** A raw HTTP/1.1 server: answers request n with {@code answer(n)} (null: never), closes 1 s after "Connection: close". */
    static final class TinyServer implements AutoCloseable {
        final ServerSocket socket;
        final IntFunction<String> answer;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();

        TinyServer(IntFunction<String> answer) throws IOException {
            this.answer = answer;
            socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().name("tiny-server").start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.incrementAndGet();
                    open.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
                while (readRequest(in)) {
                    String a = answer.apply(requests.getAndIncrement());
                    if (a == null) {
                        continue; // silent: the client gives up
                    }
                    out.write(a.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (a.contains("Connection: close")) {
                        Thread.sleep(1000); // closed a while later: a sender that reused it would wait in vain
                        return;
                    }
                }
            } catch (IOException gone) {
                // the client closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.decrementAndGet();
            }
        }

        /** Reads one request (head, Content-Length body); false at the end of the stream. */
        private static boolean readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return false;
                }
                head.append((char) c);
            }
            int len = Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            return in.readNBytes(len).length == len;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
