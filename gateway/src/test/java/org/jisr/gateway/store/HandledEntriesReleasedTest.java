package org.jisr.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

/**
 * An inbound worker sends a handled entry's lock release and acknowledgement with the next entry's lock; when no
 * next entry comes, before it waits to read again. Neither may be left behind: a lock left held makes the person's
 * next message wait for the lease, an entry left pending is handled again by another worker.
 */
class HandledEntriesReleasedTest {

    static final String prefix = TestRedis.uniquePrefix();
    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static final HttpClient http = HttpClient.newHttpClient();
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        app = TestGateway.start(channel, Map.of("REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        provider.close();
        try (RedisStore redis = TestRedis.store(prefix)) {
            redis.deleteAllWithPrefix();
        }
    }

    static void send(String from, String text) throws Exception {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"from\":\"" + from + "\",\"text\":\"" + text + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestGateway.port(app) + "/webhooks/test"))
                .header("X-Test-Signature", "ok").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void aQuietWorkerLeavesNoLockHeldAndNothingPending() throws Exception {
        String from = "p-" + UUID.randomUUID();
        send(from, "What is the Government Communication Center?");
        send(from, "ما هو مركز التواصل الحكومي؟"); // the same person at once: the second waits for the first's lock
        await().atMost(Duration.ofSeconds(4)).until(() -> channel.textsTo(from).size() == 2);
        Keys keys = new Keys(prefix);
        try (Jedis redis = new Jedis(URI.create(TestRedis.url()))) {
            // well within the lock's 15 s lease and the 5 s before a pending entry is claimed
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(redis.exists(keys.personLock("test:" + from))).as("lock released").isFalse();
                assertThat(redis.xpending(keys.stream("in"), RedisQueue.GROUP).getTotal()).as("nothing pending").isZero();
                assertThat(redis.xlen(keys.stream("in"))).as("handled entries removed").isZero();
            });
        }
    }
}
