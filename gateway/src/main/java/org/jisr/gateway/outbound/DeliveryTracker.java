package org.jisr.gateway.outbound;

import java.time.Duration;
import org.jisr.bots.DeliveryStatus;
import org.jisr.gateway.Json;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.store.Store;

/** Applies providers' delivery reports: the latest state per sent message, and on the case it belongs to. */
public final class DeliveryTracker {

    static final Duration KEEP = Duration.ofDays(7);

    /** What a provider message id belongs to. */
    public record Link(String jobId, String personKey, String caseId) {
    }

    /** The stored state of one sent message. */
    public record State(String jobId, String personKey, String caseId, String state, String errorCode, java.time.Instant at) {
    }

    private final Store store;
    private final EscalationService cases;
    private final GatewayMetrics metrics;

    public DeliveryTracker(Store store, EscalationService cases, GatewayMetrics metrics) {
        this.store = store;
        this.cases = cases;
        this.metrics = metrics;
    }

    public void apply(DeliveryStatus s) {
        metrics.event("delivery_" + s.state().name().toLowerCase(java.util.Locale.ROOT));
        String key = store.keys().delivery(s.channel(), s.providerMessageId());
        store.get(key).ifPresent(json -> {
            State cur = Json.read(json, State.class);
            State next = new State(cur.jobId(), cur.personKey(), cur.caseId(), s.state().name(), s.errorCode(), s.at());
            store.put(key, Json.write(next), KEEP);
            if (cur.caseId() != null) {
                cases.recordDelivery(cur.caseId(), new Case.Delivery(s.providerMessageId(), s.state().name(), s.errorCode(), s.at()));
            }
        });
    }

    public java.util.Optional<State> state(String channel, String providerMessageId) {
        return store.get(store.keys().delivery(channel, providerMessageId)).map(j -> Json.read(j, State.class));
    }
}
