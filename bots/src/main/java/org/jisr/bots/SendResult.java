package org.jisr.bots;

import java.time.Duration;

/** The outcome of one {@link ChannelAdapter#send}. */
public sealed interface SendResult {

    /** Accepted by the provider; {@code providerMessageIds} one per part when the text was split. */
    record Sent(java.util.List<String> providerMessageIds) implements SendResult {
        public Sent {
            providerMessageIds = java.util.List.copyOf(providerMessageIds);
        }
    }

    /** Temporary failure (429, 5xx, timeout): try again after {@code retryAfter} (null: use backoff). */
    record Retry(Duration retryAfter, String reason) implements SendResult {
    }

    /**
     * Permanent failure: never retried.
     *
     * @param recipientState what it says about the person (blocked the bot, opted out, unknown), or OK when the
     *                       failure is about this message only
     */
    record Failed(RecipientState recipientState, String reason) implements SendResult {
    }

    enum RecipientState {
        /** The failure is about the message, not the person. */
        OK,
        /** The person cannot be reached (blocked the bot, chat not found, invalid number). */
        UNREACHABLE,
        /** The person opted out (e.g. Twilio 21610 after STOP). */
        OPTED_OUT
    }
}
