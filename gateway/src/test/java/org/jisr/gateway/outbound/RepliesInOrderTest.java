package org.jisr.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.store.RedisStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sixteen outbound workers, one person's five messages: the first is refused once (429, retry after 3 s), and the
 * later ones wait for it instead of overtaking it — while another person's messages go out at once.
 */
class RepliesInOrderTest {

    static final String prefix = TestRedis.uniquePrefix();
    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        app = TestGateway.start(channel, Map.of("REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE, "JISR_OUTBOUND_WORKERS", "16",
                "JISR_PACING", "false"));
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

    static void send(Outbox outbox, String person, int n) {
        outbox.enqueue(new OutboundJob(person + "-" + n, "test:" + person, OutboundMessage.text("test", person, person + " #" + n, "en"),
                OutboundJob.Priority.REPLY, 0, null, false));
    }

    @Test
    void onePersonsRepliesArriveInOrderEvenWhenTheFirstIsRetried() {
        String slow = "slow-" + UUID.randomUUID();
        String quick = "quick-" + UUID.randomUUID();
        TestChannel.to(provider, slow).reply(FakeProvider.Reply.json(429, "{}").withHeader("Retry-After", "3"))
                .reply(200, "{\"id\":\"p2\"}");
        Outbox outbox = app.getBean(Outbox.class);
        for (int i = 1; i <= 5; i++) {
            send(outbox, slow, i);
            send(outbox, quick, i);
        }
        List<String> expectedSlow = IntStream.rangeClosed(1, 5).mapToObj(i -> slow + " #" + i).toList();
        List<String> expectedQuick = IntStream.rangeClosed(1, 5).mapToObj(i -> quick + " #" + i).toList();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> channel.textsTo(slow).size() == 5);
        assertThat(channel.textsTo(slow)).as("nothing overtook the refused first message").containsExactlyElementsOf(expectedSlow);
        assertThat(channel.textsTo(quick)).containsExactlyElementsOf(expectedQuick);
        // the other person did not wait behind that retry: all of theirs were accepted before the slow person's first
        List<TestChannel.Delivered> all = channel.delivered();
        int lastQuick = -1;
        int firstSlow = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).to().equals(quick)) {
                lastQuick = i;
            } else if (all.get(i).to().equals(slow) && firstSlow < 0) {
                firstSlow = i;
            }
        }
        assertThat(lastQuick).isLessThan(firstSlow);
    }
}
