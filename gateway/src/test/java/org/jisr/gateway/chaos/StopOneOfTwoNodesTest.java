package org.jisr.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.JisrApplication;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.store.RedisStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * (d) in small: two nodes on one Redis share a stream of webhooks; one is stopped in the middle of it, its calls go
 * to the other (as behind a load balancer) and the survivor takes over what the stopped node left pending.
 * Each message is answered exactly once.
 */
class StopOneOfTwoNodesTest {

    static final String prefix = TestRedis.uniquePrefix();
    static final TelegramLoad load = new TelegramLoad();
    static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    static ConfigurableApplicationContext node() {
        Map<String, Object> p = new LinkedHashMap<>(load.env());
        p.putAll(Map.of("PORT", "0", "REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE,
                "JISR_CLAIM_IDLE_MS", "1000", "JISR_PACING", "false"));
        ConfigurableApplicationContext c = new SpringApplicationBuilder(JisrApplication.class).properties(p).run();
        nodes.add(c);
        return c;
    }

    static int port(ConfigurableApplicationContext c) {
        return TestGateway.port(c);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        load.close();
        try (RedisStore redis = TestRedis.store(prefix)) {
            redis.deleteAllWithPrefix();
        }
    }

    @Test
    void theSurvivorAnswersEverythingOnce() throws Exception {
        ConfigurableApplicationContext a = node();
        ConfigurableApplicationContext b = node();
        int pa = port(a);
        int pb = port(b);
        int n = 200;
        List<Long> chats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chats.add(load.newChat());
        }
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t;
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < n; i += 8) {
                    long chat = chats.get(i);
                    int port = i % 2 == 0 ? pa : pb;
                    // a provider behind a balancer: a failed call is retried, and reaches the live node
                    if (load.post(port, chat, "What is the Government Communication Center?") != 200) {
                        assertThat(load.deliver(pa, chat, "What is the Government Communication Center?", Duration.ofSeconds(30))).isTrue();
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        Thread.sleep(300);
        b.close(); // graceful stop: entries its workers had read stay pending, for the survivor to take over
        for (Thread s : senders) {
            s.join();
        }
        assertThat(load.acked).hasSize(n);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> load.unanswered().isEmpty());
        Thread.sleep(1500);
        assertThat(load.unanswered()).isEmpty();
        assertThat(load.duplicates()).as("each message answered once").isEmpty();
        assertThat(a.isRunning()).isTrue();
    }
}
