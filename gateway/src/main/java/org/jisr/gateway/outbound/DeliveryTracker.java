package org.jisr.gateway.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jisr.bots.DeliveryStatus;
import org.jisr.bots.SendResult;
import org.jisr.gateway.Json;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.ops.Mask;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.util.RawValue;

/**
 * Applies providers' delivery reports to what was sent: the latest state per provider message id (the id the
 * adapter's {@code Sent} returned: Twilio MessageSid, WhatsApp wamid), on the case it belongs to, and — for a
 * failure — what it means: the person is marked unreachable or opted out; a reply refused outside the reply window
 * is held and the template sent; any other failed message becomes a dead letter staff can see and requeue, so a
 * message the provider accepted and then lost is never lost silently.
 */
public final class DeliveryTracker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);
    static final Duration KEEP = Duration.ofDays(7);

    /**
     * One sent message as stored under its provider id, with its latest reported state.
     *
     * @param job the job that sent it (to hold or dead-letter it when the provider reports it failed)
     */
    public record Sent(String jobId, String personKey, String caseId, OutboundJob job, String state, String errorCode,
            Instant at) {

        /**
         * The JSON of a just-sent job's record, with the job as it was read off the queue ({@code jobJson}), not written
         * again: the job is most of the record, and this runs for every message sent on a channel that reports deliveries.
         */
        static String json(OutboundJob job, String jobJson) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("jobId", job.id());
            f.put("personKey", job.personKey());
            f.put("caseId", job.caseId());
            f.put("job", new RawValue(jobJson));
            f.put("state", "SENT");
            return Json.write(f);
        }

        Sent with(DeliveryStatus s) {
            return new Sent(jobId, personKey, caseId, job, s.state().name(), s.errorCode(), s.at());
        }
    }

    private final Store store;
    private final EscalationService cases;
    private final People people;
    private final ChannelRegistry channels;
    private final WindowHold windowHold;
    private final Outbox outbox;
    private final GatewayMetrics metrics;

    public DeliveryTracker(Store store, EscalationService cases, People people, ChannelRegistry channels,
            WindowHold windowHold, Outbox outbox, GatewayMetrics metrics) {
        this.store = store;
        this.cases = cases;
        this.people = people;
        this.channels = channels;
        this.windowHold = windowHold;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public void apply(DeliveryStatus s) {
        metrics.event("delivery_" + s.state().name().toLowerCase(Locale.ROOT));
        String key = store.keys().delivery(s.channel(), s.providerMessageId());
        Optional<Sent> found = store.get(key).map(json -> Json.read(json, Sent.class));
        if (found.isEmpty()) { // older than KEEP, or not sent by Jisr
            log.debug("delivery report for an unknown {} message {}", s.channel(), s.providerMessageId());
            return;
        }
        Sent sent = found.get().with(s);
        store.put(key, Json.write(sent), KEEP);
        if (sent.caseId() != null) {
            cases.recordDelivery(sent.caseId(), new Case.Delivery(s.providerMessageId(), s.state().name(), s.errorCode(), s.at()));
        }
        if (s.state() == DeliveryStatus.State.FAILED && sent.job() != null
                && store.putIfAbsent(store.keys().sendFailure(sent.jobId()), s.providerMessageId(), KEEP)) {
            failed(sent.job(), s); // once per job: a split message reports each part
        }
    }

    private void failed(OutboundJob job, DeliveryStatus s) {
        SendResult.Failed failure = s.failure() != null ? s.failure()
                : new SendResult.Failed(SendResult.RecipientState.OK, "failed, error " + s.errorCode());
        String channel = job.message().channel();
        metrics.send(channel, "failed_later");
        log.info("{} reports the message to {} failed ({}): {}", channel, Mask.address(job.message().recipient()),
                failure.recipientState(), failure.reason());
        switch (failure.recipientState()) {
            case UNREACHABLE -> people.setReach(job.personKey(), People.Reach.UNREACHABLE);
            case OPTED_OUT -> people.setReach(job.personKey(), People.Reach.OPTED_OUT);
            case OK -> {
                var adapter = channels.find(channel);
                if (failure.windowClosed() && job.message().template() == null && adapter.isPresent()) {
                    windowHold.hold(job, adapter.get());
                } else {
                    outbox.deadLetter(job, "the provider reported it failed: " + failure.reason());
                }
            }
        }
    }

    public Optional<Sent> state(String channel, String providerMessageId) {
        return store.get(store.keys().delivery(channel, providerMessageId)).map(j -> Json.read(j, Sent.class));
    }
}
