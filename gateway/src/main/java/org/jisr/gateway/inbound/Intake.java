package org.jisr.gateway.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jisr.bots.DeliveryStatus;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.WebhookResult;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.Store;

/**
 * What the webhook threads (and pulling channels) do with accepted calls: dedupe and enqueue, one atomic
 * step per message, nothing slow. Throws {@link org.jisr.gateway.store.StoreUnavailableException} when the
 * store is down, so the provider is told to retry.
 */
public final class Intake {

    public static final String QUEUE = "in";

    /** How many messages were new and how many were duplicates. */
    public record Counts(int accepted, int duplicates) {
    }

    private final DurableQueue queue;
    private final Duration dedupe;
    private final Clock clock;

    public Intake(Store store, Duration dedupe, Clock clock) {
        this.queue = store.queue(QUEUE);
        this.dedupe = dedupe;
        this.clock = clock;
    }

    public Counts accept(WebhookResult.Accepted accepted) {
        int ok = 0;
        int dup = 0;
        String now = Long.toString(clock.millis());
        for (InboundMessage m : accepted.messages()) {
            boolean added = queue.addIfNew(m.channel() + ":" + m.providerMessageId(), dedupe,
                    Map.of("kind", "message", "body", Json.write(m), "at", now));
            if (added) {
                ok++;
            } else {
                dup++;
            }
        }
        for (DeliveryStatus s : accepted.statuses()) {
            queue.addIfNew("status:" + s.channel() + ":" + s.providerMessageId() + ":" + s.state(), dedupe,
                    Map.of("kind", "status", "body", Json.write(s), "at", now));
        }
        return new Counts(ok, dup);
    }

    DurableQueue queue() {
        return queue;
    }
}
