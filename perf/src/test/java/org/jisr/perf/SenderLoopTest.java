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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sender loop's writes that do not fit a socket's buffer at once: finished by the loop, and a connection that
 * was answered before its request was fully written is not used again (its rest would be read as a new request).
 */
class SenderLoopTest {

    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    ServerSocket server;
    SenderLoop loop;

    @AfterEach
    void stop() throws IOException {
        if (loop != null) {
            loop.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    /** label, whether the server answers 400 right after the head, the status both requests get, connections used. */
    static Stream<Arguments> largeRequests() {
        return Stream.of(
                Arguments.of(Named.of("a request larger than the socket buffers is finished by the loop", false), 200, 1),
                Arguments.of(Named.of("an answer before the whole request is written closes the connection", true), 400, 2));
    }

    @ParameterizedTest
    @MethodSource("largeRequests")
    void aSixteenMebibyteRequestThenASmallOne(boolean answerEarly, int status, int connections) throws Exception {
        serve(answerEarly);
        loop = new SenderLoop("perf-sender-test", List.of(server.getLocalPort()), 1, LoadGenerator.TIMEOUT_NS, this::answered);
        connect();
        loop.submit(attempt(0, 16 * 1024 * 1024));
        await(1);
        loop.submit(attempt(1, 10));
        await(2);
        assertThat(statuses).containsExactly(status, status);
        assertThat(accepted.get()).as("connections accepted").isEqualTo(connections);
        assertThat(loop.pending()).isZero();
    }

    Attempt answered(Attempt a, int status, String retryAfter, long nowNs) {
        statuses.add(status);
        return null;
    }

    void connect() throws InterruptedException {
        CountDownLatch opened = new CountDownLatch(1);
        loop.connectAll(opened);
        assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    }

    static Attempt attempt(long seq, int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        java.util.Arrays.fill(body, (byte) 'x');
        return new Attempt(seq, null, Traffic.request("/x", "h", new String[0], body), System.nanoTime(), 0);
    }

    void await(int answers) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (statuses.size() < answers) {
            assertThat(System.nanoTime()).as("answered in time").isLessThan(end);
            Thread.sleep(5);
        }
    }

    /** One connection at a time: 200 after each whole request, or 400 as soon as the head is read ({@code early}). */
    void serve(boolean early) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
                    accepted.incrementAndGet();
                    for (int len = head(in); len >= 0; len = head(in)) {
                        if (early) {
                            out.write("HTTP/1.1 400 \r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                        in.readNBytes(len);
                        if (!early) {
                            out.write("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                } catch (IOException closed) {
                    // next connection, or the end
                }
            }
        });
    }

    /** Reads a request head; its Content-Length, or -1 at the end of the stream. */
    static int head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            head.append((char) c);
        }
        return Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
    }
}
