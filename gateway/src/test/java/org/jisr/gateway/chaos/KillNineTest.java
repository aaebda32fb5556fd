package org.jisr.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.store.RedisStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * (a) in small: the gateway as a real process on the test Redis, killed with SIGKILL in the middle of a stream of
 * webhooks and started again. Every acknowledged message is answered; a message is answered twice only when its
 * reply was already sent when the process died (the outbound entry was not yet acknowledged). perf/ has the full run.
 */
class KillNineTest {

    static final String prefix = TestRedis.uniquePrefix();
    static final TelegramLoad load = new TelegramLoad();
    static Process gateway;

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        load.close();
        try (RedisStore redis = TestRedis.store(prefix)) {
            redis.deleteAllWithPrefix();
        }
    }

    static Process start(int port, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.jisr.gateway.JisrApplication")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(load.env());
        pb.environment().putAll(Map.of("PORT", Integer.toString(port), "REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix,
                "KB_IMPORT", TestKb.FILE, "JISR_CLAIM_IDLE_MS", "1000", "JISR_PACING", "false"));
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(p.isAlive()).as("the gateway exited; see " + log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("UP");
            } catch (Exception notYet) {
                return false;
            }
        });
        return p;
    }

    @Test
    void everyAcknowledgedMessageIsAnsweredAfterAKillAndRestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("jisr-kill-test", ".log");
        gateway = start(port, log);
        int n = 300;
        List<Long> chats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chats.add(load.newChat());
        }
        Map<Long, Boolean> delivered = new ConcurrentHashMap<>();
        // a provider's stream: 300 updates over about 3 s on 8 connections, each retried until acknowledged
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t;
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < n; i += 8) {
                    delivered.put(chats.get(i), load.deliver(port, chats.get(i), "What is the Government Communication Center?",
                            Duration.ofSeconds(120)));
                    try {
                        Thread.sleep(80);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        // killed at the first reply, not after a fixed time: on a loaded machine nothing may be answered after 1.2 s
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> !load.replies().isEmpty());
        long killedAt = System.currentTimeMillis();
        gateway.destroyForcibly().waitFor(); // SIGKILL: no shutdown, in-flight work left pending in Redis
        java.util.Set<Long> answeredAtKill = new java.util.HashSet<>(load.replies().keySet());
        gateway = start(port, log);
        for (Thread s : senders) {
            s.join();
        }
        assertThat(delivered.values()).as("every update was acknowledged in the end").containsOnly(true);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> load.unanswered().isEmpty());
        Thread.sleep(1500); // late duplicates
        assertThat(load.unanswered()).isEmpty();
        assertThat(load.acked).hasSize(n);
        // a duplicate is a reply already sent at the kill whose outbound entry was not yet acknowledged: sent again after the restart
        assertThat(answeredAtKill).as("duplicates were all answered before the kill at %d", killedAt).containsAll(load.duplicates());
        assertThat(answeredAtKill.size()).as("the kill happened in mid-load").isBetween(1, n - 1);
        new File(log.toString()).delete();
    }
}
