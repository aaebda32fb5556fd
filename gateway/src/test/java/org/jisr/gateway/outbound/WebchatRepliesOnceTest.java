package org.jisr.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.RedisStore;
import org.jisr.gateway.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A web chat reply handled twice — by a node that died after appending it, before acknowledging, and by the node
 * that took the entry over — shows once in the visitor's feed. Provider channels cannot promise this; the web chat's
 * feed is the gateway's own store, so it can.
 */
class WebchatRepliesOnceTest {

    static final String prefix = TestRedis.uniquePrefix();
    static ConfigurableApplicationContext app;
    static OutboundWorker worker;

    @BeforeAll
    static void start() {
        app = TestGateway.start(null, Map.of("REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE,
                "JISR_PACING", "false"));
        worker = app.getBean(OutboundWorker.class);
        worker.close(); // the test hands the entries over itself
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        try (RedisStore redis = TestRedis.store(prefix)) {
            redis.deleteAllWithPrefix();
        }
    }

    static DurableQueue.QueueEntry queued(Outbox outbox, String visitor, String id, String text) {
        outbox.enqueue(new OutboundJob(id, "webchat:" + visitor, OutboundMessage.text("webchat", visitor, text, "ar"),
                OutboundJob.Priority.REPLY, 0, null, false));
        List<DurableQueue.QueueEntry> read = outbox.replies().read("node-a", 10, Duration.ZERO);
        assertThat(read).hasSize(1);
        return read.getFirst();
    }

    @Test
    void aReplyHandledAgainAfterACrashIsShownOnce() {
        Store store = app.getBean(Store.class);
        Outbox outbox = app.getBean(Outbox.class);
        String visitor = "v-" + UUID.randomUUID();
        String feed = store.keys().webchatBox(visitor);

        DurableQueue.QueueEntry e = queued(outbox, visitor, "webchat:" + visitor + ":m1:0", "الجواب الرسمي");
        worker.process(outbox.replies(), e);
        worker.process(outbox.replies(), e); // the same entry again, as the node that claimed it gets it

        assertThat(store.readAfter(feed, "0", 10, Duration.ZERO)).as("one reply in the feed").hasSize(1)
                .first().satisfies(f -> {
                    assertThat(f.fields().get("msg")).contains("الجواب الرسمي");
                    assertThat(f.fields().get("ref")).as("which message it answers").isEqualTo("webchat:" + visitor + ":m1:0");
                });
        assertThat(outbox.replies().depth()).isZero();

        DurableQueue.QueueEntry next = queued(outbox, visitor, "webchat:" + visitor + ":m2:0", "the next answer");
        worker.process(outbox.replies(), next);
        assertThat(store.readAfter(feed, "0", 10, Duration.ZERO)).as("another job: appended").hasSize(2);
    }
}
