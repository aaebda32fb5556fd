package org.jisr.gateway.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jisr.bots.Channels;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.InboundSource;
import org.jisr.bots.WebhookResult;
import org.jisr.gateway.inbound.InboundWorker;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.outbound.OutboundWorker;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.Store;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Starts the workers and the pulling channels once the application is up, and stops them first at shutdown. */
@Component
class Workers implements SmartLifecycle {

    private final InboundWorker inbound;
    private final OutboundWorker outbound;
    private final Channels channels;
    private final Intake intake;
    private final Store store;
    private final GatewayMetrics metrics;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Long> depths = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread depthSampler;

    Workers(InboundWorker inbound, OutboundWorker outbound, Channels channels, Intake intake, Store store,
            GatewayMetrics metrics, MeterRegistry registry) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.channels = channels;
        this.intake = intake;
        this.store = store;
        this.metrics = metrics;
        this.registry = registry;
    }

    @Override
    public void start() {
        running = true;
        inbound.start();
        outbound.start();
        for (InboundSource s : channels.sources()) {
            s.start(this::polled);
        }
        for (String q : List.of(Intake.QUEUE, Outbox.REPLY_QUEUE, Outbox.BULK_QUEUE)) {
            for (String kind : List.of("waiting", "delayed", "dead")) {
                String key = q + "/" + kind;
                Gauge.builder("jisr.queue.depth", depths, m -> m.getOrDefault(key, 0L)).tag("queue", q).tag("state", kind).register(registry);
            }
        }
        // sampled in the background: a scrape never waits on the store
        depthSampler = Thread.ofPlatform().daemon().name("jisr-queue-depth").start(() -> {
            while (running) {
                try {
                    for (String q : List.of(Intake.QUEUE, Outbox.REPLY_QUEUE, Outbox.BULK_QUEUE)) {
                        DurableQueue dq = store.queue(q);
                        depths.put(q + "/waiting", dq.depth());
                        depths.put(q + "/delayed", dq.delayedCount());
                        depths.put(q + "/dead", dq.deadCount());
                    }
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    /**
     * A pulling channel's batch, deduped and enqueued exactly like a webhook call. Returns only once stored; a
     * store outage throws, so the source offers the same batch again instead of confirming it to the provider.
     */
    private void polled(WebhookResult.Accepted batch) {
        Intake.Counts c = intake.accept(batch);
        batch.messages().stream().map(InboundMessage::channel).distinct().forEach(channel ->
                metrics.webhook(channel, c.accepted() > 0 ? "polled" : "duplicate"));
    }

    @Override
    public void stop() {
        running = false;
        for (InboundSource s : channels.sources()) {
            s.close();
        }
        if (depthSampler != null) {
            depthSampler.interrupt();
        }
        inbound.close();
        outbound.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
