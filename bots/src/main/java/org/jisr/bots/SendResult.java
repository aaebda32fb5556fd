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
     * @param windowClosed   the provider refused free text because the person's reply window is closed (WhatsApp
     *                       131047, Twilio 63016): the gateway holds the message and sends the window template
     */
    record Failed(RecipientState recipientState, String reason, boolean windowClosed) implements SendResult {

        public Failed(RecipientState recipientState, String reason) {
            this(recipientState, reason, false);
        }

        /** The reply window is closed: only a template may be sent until the person writes again. */
        public static Failed windowClosed(String reason) {
            return new Failed(RecipientState.OK, reason, true);
        }
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
