package org.jisr.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.kb.KbService;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.RedisStore;
import org.jisr.kb.Decision;
import org.jisr.kb.io.ArticleJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two gateway nodes (two application contexts in one JVM) on one real Redis, under a unique key prefix. */
class TwoNodesOnRedisTest {

    static final String prefix = TestRedis.uniquePrefix();
    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static final HttpClient http = HttpClient.newHttpClient();
    static RedisStore redis;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    static ConfigurableApplicationContext node() {
        return TestGateway.start(channel, Map.of(
                "REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE,
                "JISR_CLAIM_IDLE_MS", "1000", "JISR_WORKERS", "2", "JISR_OUTBOUND_WORKERS", "2"));
    }

    @BeforeAll
    static void start() {
        redis = TestRedis.store(prefix);
        // a worker of a node that died: it read a message and never acknowledged it
        Intake intake = new Intake(redis, Duration.ofHours(24), java.time.Clock.systemUTC());
        intake.accept(WebhookResult.Accepted.of(new InboundMessage("test", "orphan-1", "orphan", InboundMessage.Kind.TEXT,
                "What is the Government Communication Center?", null, Instant.now(), Map.of())));
        assertThat(redis.queue(Intake.QUEUE).read("dead-node-in-0", 10, Duration.ZERO)).hasSize(1);
        a = node();
        b = node();
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        provider.close();
        redis.deleteAllWithPrefix();
        redis.close();
    }

    static int port(ConfigurableApplicationContext c) {
        return TestGateway.port(c);
    }

    @Test
    void aMessageLeftPendingByADeadWorkerIsAnsweredOnceAfterRestart() {
        await().atMost(Duration.ofSeconds(15)).until(() -> channel.textsTo("orphan").size() == 1);
        assertThat(channel.textsTo("orphan").getFirst()).contains("coordinates official messages");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> channel.textsTo("orphan").size() == 1);
        assertThat(redis.queue(Intake.QUEUE).depth()).isZero();
    }

    @Test
    void eachMessageIsHandledByExactlyOneNode() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        int n = 20;
        for (int i = 0; i < n; i++) {
            ConfigurableApplicationContext node = i % 2 == 0 ? a : b;
            String body = "{\"id\":\"x" + u + i + "\",\"from\":\"p" + u + i + "\",\"text\":\"HELP\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + "/webhooks/test"))
                    .header("X-Test-Signature", "ok").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> countTo(u) == n);
        Thread.sleep(1000);
        for (int i = 0; i < n; i++) {
            assertThat(channel.textsTo("p" + u + i)).as("person %d", i).hasSize(1);
        }
    }

    private static long countTo(String u) {
        return channel.delivered().stream().filter(d -> d.to().startsWith("p" + u)).count();
    }

    @Test
    void aKbChangeOnOneNodeIsSearchableOnTheOtherWithinTwoSeconds() {
        KbService onA = a.getBean(KbService.class);
        KbService onB = b.getBean(KbService.class);
        String id = "new-" + UUID.randomUUID().toString().substring(0, 8);
        String json = "{\"id\":\"" + id + "\",\"type\":\"faq\",\"questions\":{\"en\":[\"Where is the pearl diving museum located?\"]},"
                + "\"answer\":{\"en\":\"On the corniche.\"},\"source\":{\"name\":\"Tourism Office\"}}";
        onA.upsert(ArticleJson.parse(json).article());
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                onB.search("Where is the pearl diving museum located?", null).decision() == Decision.ANSWER);
        onB.retire(id);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> onA.get(id).isEmpty());
    }

    @Test
    void articlesAreStoredInRedisAndTheStartupImportIsASeed() {
        assertThat(redis.articleAll()).containsKeys("gcc-001", "visa-002");
        List<DurableQueue.DeadLetter> dead = redis.queue(Intake.QUEUE).deadLetters(10);
        assertThat(dead).isEmpty();
    }
}
