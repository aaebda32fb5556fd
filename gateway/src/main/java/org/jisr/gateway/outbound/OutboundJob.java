package org.jisr.gateway.outbound;

import org.jisr.bots.OutboundMessage;

/**
 * One message waiting to be sent.
 *
 * @param id        unique and deterministic (derived from the inbound message that caused it), so handling a
 *                  message twice never sends its reply twice
 * @param personKey "channel:sender"
 * @param priority  replies to people go before bulk messages
 * @param attempt   tries so far
 * @param caseId    the case a staff reply belongs to, or null
 * @param slotted   a per-recipient send slot was already reserved for it
 */
public record OutboundJob(String id, String personKey, OutboundMessage message, Priority priority, int attempt,
        String caseId, boolean slotted) {

    public enum Priority { REPLY, BULK }

    OutboundJob nextAttempt() {
        return new OutboundJob(id, personKey, message, priority, attempt + 1, caseId, false);
    }

    OutboundJob withSlot() {
        return new OutboundJob(id, personKey, message, priority, attempt, caseId, true);
    }
}
