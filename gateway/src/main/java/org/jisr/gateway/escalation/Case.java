package org.jisr.gateway.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An escalation case: a question the bot could not answer with confidence, waiting for staff.
 * Status flows OPEN → CLAIMED → ANSWERED → CLOSED; an ANSWERED case goes back to OPEN when the person writes
 * again within the reopen window. Stored as JSON; records read from older versions lack the newer fields
 * (they come back as null / 0 and get defaults here).
 *
 * @param personKey    "channel:sender", the person the reply goes to
 * @param nearMisses   KB articles that almost matched, with their confidence
 * @param messages     the question and everything said while the case was open (person, staff, bot)
 * @param deliveries   delivery reports of messages sent for this case (failed / undelivered visible here)
 * @param priority     URGENT first; verified journalists start at HIGH
 * @param journalist   the verified journalist who asked, or null
 * @param dueAt        when a staff answer is due (SLA of the priority, sooner for journalists)
 * @param claimedBy    the staff member holding the case (CLAIMED), else null
 * @param answeredBy   who sent the last staff reply
 * @param firstReplyAt the first staff reply, for "time to staff reply"
 * @param reopenedAt   the last time the person's new message reopened an answered case
 */
public record Case(String id, String channel, String sender, String personKey, String lang, String question,
        List<NearMiss> nearMisses, Instant createdAt, Status status, List<Message> messages, List<Delivery> deliveries,
        Priority priority, Journalist journalist, Instant dueAt, String claimedBy, Instant claimedAt,
        String answeredBy, Instant answeredAt, Instant firstReplyAt, String closedBy, Instant closedAt,
        Instant reopenedAt, int reopenCount) {

    public Case {
        nearMisses = nearMisses == null ? List.of() : List.copyOf(nearMisses);
        messages = messages == null ? List.of() : List.copyOf(messages);
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
        priority = priority == null ? Priority.NORMAL : priority;
    }

    /** The minimal case of the first gateway version. */
    public Case(String id, String channel, String sender, String personKey, String lang, String question,
            List<NearMiss> nearMisses, Instant createdAt, Status status, List<Message> messages, List<Delivery> deliveries) {
        this(id, channel, sender, personKey, lang, question, nearMisses, createdAt, status, messages, deliveries,
                Priority.NORMAL, null, null, null, null, null, null, null, null, null, null, 0);
    }

    public enum Status { OPEN, CLAIMED, ANSWERED, CLOSED }

    /** Most urgent first; the order of the queue within a status. */
    public enum Priority { URGENT, HIGH, NORMAL, LOW }

    public record NearMiss(String articleId, String question, double confidence) {
    }

    /**
     * One line of the case. {@code from}: "person", "staff" or "bot"; {@code by}: the staff member;
     * {@code replyId}: the outbound job id of a staff reply.
     */
    public record Message(Instant at, String from, String text, String by, String replyId) {

        public Message(Instant at, String from, String text) {
            this(at, from, text, null, null);
        }
    }

    public record Delivery(String providerMessageId, String state, String errorCode, Instant at) {
    }

    /** The verified journalist a case came from (a copy, so the case reads the same after the registry changes). */
    public record Journalist(String name, String outlet) {
    }

    /** Waiting for a staff answer (OPEN or CLAIMED). */
    public boolean open() {
        return status == Status.OPEN || status == Status.CLAIMED;
    }

    public long staffReplies() {
        return messages.stream().filter(m -> "staff".equals(m.from())).count();
    }

    /** The last staff reply's text, or null. */
    public String lastStaffReply() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("staff".equals(messages.get(i).from())) {
                return messages.get(i).text();
            }
        }
        return null;
    }

    Edit edit() {
        return new Edit(this);
    }

    Case withMessage(Message m) {
        Edit e = edit();
        e.messages.add(m);
        return e.done();
    }

    Case withDelivery(Delivery d) {
        Edit e = edit();
        e.deliveries.removeIf(x -> x.providerMessageId().equals(d.providerMessageId()));
        e.deliveries.add(d);
        return e.done();
    }

    /** A mutable copy for one change; {@link #done()} makes the new record. */
    static final class Edit {
        private final Case c;
        final List<Message> messages;
        final List<Delivery> deliveries;
        Status status;
        Priority priority;
        Instant dueAt;
        String claimedBy;
        Instant claimedAt;
        String answeredBy;
        Instant answeredAt;
        Instant firstReplyAt;
        String closedBy;
        Instant closedAt;
        Instant reopenedAt;
        int reopenCount;

        Edit(Case c) {
            this.c = c;
            messages = new ArrayList<>(c.messages);
            deliveries = new ArrayList<>(c.deliveries);
            status = c.status;
            priority = c.priority;
            dueAt = c.dueAt;
            claimedBy = c.claimedBy;
            claimedAt = c.claimedAt;
            answeredBy = c.answeredBy;
            answeredAt = c.answeredAt;
            firstReplyAt = c.firstReplyAt;
            closedBy = c.closedBy;
            closedAt = c.closedAt;
            reopenedAt = c.reopenedAt;
            reopenCount = c.reopenCount;
        }

        Case done() {
            return new Case(c.id, c.channel, c.sender, c.personKey, c.lang, c.question, c.nearMisses, c.createdAt, status,
                    messages, deliveries, priority, c.journalist, dueAt, claimedBy, claimedAt, answeredBy, answeredAt,
                    firstReplyAt, closedBy, closedAt, reopenedAt, reopenCount);
        }
    }
}
