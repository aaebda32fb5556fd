package org.jisr.gateway.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An escalation case: a question the bot could not answer with confidence, waiting for staff. Minimal for
 * now; claim, reply, priority and SLA fields are added by the escalation work (records gain components,
 * stored JSON ignores unknown fields, so old records still read).
 *
 * @param personKey  "channel:sender", the person the reply goes to
 * @param nearMisses KB articles that almost matched, with their confidence
 * @param messages   the question and everything the person wrote while the case was open
 * @param deliveries delivery reports of staff replies (failed / undelivered visible here)
 */
public record Case(String id, String channel, String sender, String personKey, String lang, String question,
        List<NearMiss> nearMisses, Instant createdAt, Status status, List<Message> messages, List<Delivery> deliveries) {

    public Case {
        nearMisses = nearMisses == null ? List.of() : List.copyOf(nearMisses);
        messages = messages == null ? List.of() : List.copyOf(messages);
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
    }

    public enum Status { OPEN, CLAIMED, ANSWERED, CLOSED }

    public record NearMiss(String articleId, String question, double confidence) {
    }

    /** {@code from}: "person", "staff" or "bot". */
    public record Message(Instant at, String from, String text) {
    }

    public record Delivery(String providerMessageId, String state, String errorCode, Instant at) {
    }

    public boolean open() {
        return status == Status.OPEN || status == Status.CLAIMED;
    }

    Case withMessage(Message m) {
        List<Message> ms = new ArrayList<>(messages);
        ms.add(m);
        return new Case(id, channel, sender, personKey, lang, question, nearMisses, createdAt, status, ms, deliveries);
    }

    Case withDelivery(Delivery d) {
        List<Delivery> ds = new ArrayList<>(deliveries);
        ds.removeIf(x -> x.providerMessageId().equals(d.providerMessageId()));
        ds.add(d);
        return new Case(id, channel, sender, personKey, lang, question, nearMisses, createdAt, status, messages, ds);
    }
}
