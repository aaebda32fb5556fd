package org.jisr.bots;

import java.util.List;

/** What the adapter made of a webhook call; the gateway turns it into the HTTP response. */
public sealed interface WebhookResult {

    /** Messages and/or delivery statuses to process; the gateway answers 200 after enqueueing them. */
    record Accepted(List<InboundMessage> messages, List<DeliveryStatus> statuses) implements WebhookResult {
        public Accepted {
            messages = List.copyOf(messages);
            statuses = List.copyOf(statuses);
        }

        public static Accepted of(InboundMessage m) {
            return new Accepted(List.of(m), List.of());
        }
    }

    /** A valid call with nothing for the gateway (an edited message, an unknown update kind): 200. */
    record Ignored(String reason) implements WebhookResult {
    }

    /** A call refused: 400 malformed, 403 bad signature, 413 too large; {@code message} names the problem. */
    record Rejected(int status, String message) implements WebhookResult {
    }

    /** A verification handshake: answer 200 with this body as text/plain. */
    record Challenge(String body) implements WebhookResult {
    }
}
