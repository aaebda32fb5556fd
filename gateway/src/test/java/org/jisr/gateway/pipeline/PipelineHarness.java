package org.jisr.gateway.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.Json;
import org.jisr.gateway.config.Tuning;
import org.jisr.gateway.conversation.History;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.kb.KbService;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.outbound.OutboundJob;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.MemoryStore;
import org.jisr.gateway.store.Store;
import org.jisr.kb.KnowledgeBase;

/** A pipeline on the in-memory store and a real knowledge base; replies are read back from the outbound queue. */
final class PipelineHarness {

    final Store store;
    final People people;
    final EscalationService cases;
    final History history;
    final Pipeline pipeline;
    private final AtomicInteger ids = new AtomicInteger();
    private final DurableQueue out;

    PipelineHarness(KnowledgeBase kb, Tuning tuning) {
        this(kb, tuning, new MemoryStore());
    }

    /** On a given store (e.g. one that watches the calls). */
    PipelineHarness(KnowledgeBase kb, Tuning tuning, Store store) {
        this.store = store;
        this.people = new People(store);
        this.cases = new EscalationService(store, Clock.systemUTC());
        this.history = new History(store, 50, Duration.ofDays(1));
        this.out = store.queue(Outbox.REPLY_QUEUE);
        KbService kbs = new KbService(kb, store);
        pipeline = new Pipeline(kbs, people, history, cases, new Outbox(store, Duration.ofHours(24)), store, tuning,
                new GatewayMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    InboundMessage message(String sender, InboundMessage.Kind kind, String text, String hint) {
        return new InboundMessage("test", "m" + ids.incrementAndGet(), sender, kind, text, hint, Instant.now(), Map.of());
    }

    /** Handles one message and returns the replies it caused. */
    List<OutboundMessage> send(InboundMessage m) {
        pipeline.handle(m);
        return drain();
    }

    List<OutboundMessage> drain() {
        List<OutboundMessage> replies = new ArrayList<>();
        for (DurableQueue.QueueEntry e : out.read("test", 100, Duration.ZERO)) {
            replies.add(Json.read(e.fields().get("job"), OutboundJob.class).message());
            out.ack(e.id());
        }
        return replies;
    }
}
