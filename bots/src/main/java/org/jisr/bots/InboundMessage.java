package org.jisr.bots;

import java.time.Instant;
import java.util.Map;

/**
 * One message from a person, channel-neutral.
 *
 * @param channel           the adapter's {@link ChannelAdapter#channel()}
 * @param providerMessageId the provider's id for this message, unique within the channel (used for dedupe)
 * @param sender            the channel address replies go to (chat id, phone number, wa id, visitor id)
 * @param kind              text, a picked choice, or something unsupported (media)
 * @param text              the text, or for {@link Kind#CHOICE} the choice's id; empty for unsupported kinds
 * @param languageHint      the person's interface language if the provider tells it ("ar", "en-GB"), else null
 * @param receivedAt        when the provider says the person sent it
 * @param attributes        channel-specific extras the adapter needs later (e.g. a callback query id); never
 *                          interpreted by the pipeline
 */
public record InboundMessage(String channel, String providerMessageId, String sender, Kind kind, String text,
        String languageHint, Instant receivedAt, Map<String, String> attributes) {

    public InboundMessage {
        text = text == null ? "" : text;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public enum Kind {
        /** Free text typed by the person. */
        TEXT,
        /** A button or list choice; {@code text} is the choice id the gateway gave it. */
        CHOICE,
        /** A photo, voice note, sticker…: the person is asked to write text. */
        UNSUPPORTED
    }
}
