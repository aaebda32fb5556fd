package org.jisr.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.JisrApplication;
import org.jisr.gateway.StaffHttp;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.store.DurableQueue.QueueEntry;
import org.jisr.gateway.store.RedisStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A person's first message is stuck with a worker that died; their second is taken by a live worker at once. The
 * second waits for the first (taken over after the claim-idle time) instead of being answered before it.
 */
class InboundOrderTest {

    static final String prefix = TestRedis.uniquePrefix();
    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static ConfigurableApplicationContext app;

    @Configuration(proxyBeanMethods = false)
    static class Adapters {
        @Bean
        TestChannel testChannel() {
            return channel;
        }
    }

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(JisrApplication.class, Adapters.class).properties(Map.of("PORT", "0",
                "REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE, "JISR_WORKERS", "2",
                "JISR_CLAIM_IDLE_MS", "1000", "JISR_PACING", "false")).run();
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

    @Test
    void aLaterMessageWaitsForAnEarlierOneStuckWithADeadWorker() throws Exception {
        String person = "order-" + UUID.randomUUID();
        InboundWorker workers = app.getBean(InboundWorker.class);
        StaffHttp http = new StaffHttp(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        workers.close(); // the node's workers stop; a "dead" consumer takes the first message and never finishes it
        assertThat(http.webhook("m1-" + person, person, "help").statusCode()).isEqualTo(200);
        try (RedisStore redis = TestRedis.store(prefix)) {
            List<QueueEntry> taken = redis.queue(Intake.QUEUE).read("dead-worker", 1, Duration.ofMillis(200));
            assertThat(taken).hasSize(1);
            assertThat(taken.get(0).seq()).as("numbered per person at intake").isEqualTo(1);
        }
        assertThat(http.webhook("m2-" + person, person, "human").statusCode()).isEqualTo(200);
        Thread.sleep(500); // not yet idle long enough (1 s) to be taken over: the second is read first
        workers.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> channel.textsTo(person).size() >= 2);
        List<String> texts = channel.textsTo(person);
        int help = indexOf(texts, "Commands:");
        int human = indexOf(texts, "member of staff");
        assertThat(help).as("the reply to 'help' arrived: %s", texts).isGreaterThanOrEqualTo(0);
        assertThat(human).as("the reply to 'human' arrived: %s", texts).isGreaterThanOrEqualTo(0);
        assertThat(help).as("answered in the order the person wrote: %s", texts).isLessThan(human);
    }

    static int indexOf(List<String> texts, String part) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
