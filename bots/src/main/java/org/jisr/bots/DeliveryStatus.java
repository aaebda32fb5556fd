package org.jisr.bots;

import java.time.Instant;

/**
 * A provider's report on a message the gateway sent.
 *
 * @param providerMessageId the id the provider returned when the message was sent
 * @param state             what happened
 * @param errorCode         the provider's error code for failures, else null
 */
public record DeliveryStatus(String channel, String providerMessageId, State state, String errorCode, Instant at) {

    public enum State {
        SENT, DELIVERED, READ, FAILED
    }
}
