package org.jisr.bots;

import java.time.Instant;

/**
 * A provider's report on a message the gateway sent.
 *
 * @param providerMessageId the id the provider returned when the message was sent
 * @param state             what happened
 * @param errorCode         the provider's error code for failures, else null
 * @param failure           for {@link State#FAILED}: the adapter's reading of the error code, as for a refused send
 *                          (the person is unreachable or opted out, the reply window is closed), else null
 */
public record DeliveryStatus(String channel, String providerMessageId, State state, String errorCode, Instant at,
        SendResult.Failed failure) {

    public DeliveryStatus(String channel, String providerMessageId, State state, String errorCode, Instant at) {
        this(channel, providerMessageId, state, errorCode, at, null);
    }

    public enum State {
        SENT, DELIVERED, READ, FAILED
    }
}
