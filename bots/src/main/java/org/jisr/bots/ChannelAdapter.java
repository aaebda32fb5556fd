package org.jisr.bots;

import java.time.Duration;
import java.util.Optional;

/**
 * One messaging channel: verifies and parses the provider's webhook calls, and sends one message.
 * Implementations are plain Java (no servlet or Spring MVC types) and must be thread-safe.
 * The gateway knows channels only through this interface.
 */
public interface ChannelAdapter {

    /** Stable lower-case channel name, also the path segment of {@code /webhooks/{channel}}. */
    String channel();

    /**
     * Verifies the signature and parses the payload. Must be fast and must not call the provider:
     * the gateway calls it on the webhook thread. Never throws for bad input: it returns
     * {@link WebhookResult.Rejected} with a status (400, 403, 413) and a message instead.
     */
    WebhookResult handle(WebhookRequest request);

    /**
     * The body of the 200 answer to an accepted or ignored call when the provider reads it (Twilio: empty TwiML,
     * so that nothing is texted back to the person). Empty: answer with no body.
     */
    default Optional<WebhookReply> okReply() {
        return Optional.empty();
    }

    /**
     * Sends one message to the provider. Blocking; called by the outbound workers, which pace
     * and retry according to the result. Never throws for provider errors.
     */
    SendResult send(OutboundMessage message);

    /**
     * Sends one message the gateway names by {@code key}: unique to it and the same on every try. A channel that can
     * deliver a key at most once (the web chat, written to the gateway's own store) overrides this, so a message
     * handled again after a crash is not shown twice. The others ignore the key: for them a crash between the
     * provider's answer and the gateway's record of it sends the message again.
     */
    default SendResult send(OutboundMessage message, String key) {
        return send(message);
    }

    /**
     * Called by the worker once a message is fully handled, for channels that expect a provider call
     * afterwards (Telegram: answer the callback query so the button stops spinning). Never throws.
     */
    default void acknowledge(InboundMessage message) {
    }

    /** Messages per second this channel may send in total (the provider's limit, configurable). */
    double sendRatePerSecond();

    /** Minimum spacing between two messages to one recipient, when the provider imposes one. */
    default Optional<Duration> perRecipientInterval() {
        return Optional.empty();
    }

    /**
     * How long after a person's last message free-form replies are allowed (WhatsApp: 24 h).
     * Outside it, only a template may be sent. Empty: no such window.
     */
    default Optional<Duration> replyWindow() {
        return Optional.empty();
    }

    /**
     * The reply window for one recipient, for channels that carry several kinds of address (Twilio: a
     * {@code whatsapp:} address has the 24-hour window, an SMS number has none). Defaults to {@link #replyWindow()}.
     */
    default Optional<Duration> replyWindow(String recipient) {
        return replyWindow();
    }

    /**
     * The approved template this channel sends when the reply window is closed, if one is configured
     * (TWILIO_WHATSAPP_TEMPLATE_SID, WHATSAPP_TEMPLATE_NAME). Empty: hold the reply until the person writes again.
     */
    default Optional<OutboundMessage.Template> windowTemplate() {
        return Optional.empty();
    }

    /** Longest message the provider accepts in one piece, in characters; longer text is split by the adapter. */
    default int maxMessageLength() {
        return 4096;
    }

    /**
     * Whether the provider later reports what became of a sent message (delivered, read, failed) through
     * {@link DeliveryStatus} updates. When not, the gateway keeps no record per sent message to match them against.
     */
    default boolean reportsDeliveries() {
        return true;
    }
}
