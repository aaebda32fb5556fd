package org.jisr.bots;

import java.util.List;

/**
 * One message to a person, channel-neutral. The adapter renders it for its channel: SMS uses
 * {@code shortText} when present and drops buttons (choices become numbered lines); rich channels
 * show {@code text} and buttons.
 *
 * @param channel   the adapter's channel
 * @param recipient the channel address (from {@link InboundMessage#sender()})
 * @param text      the full text (plain; the adapter escapes it for its markup)
 * @param shortText a compact version for channels where space is scarce, or null
 * @param choices   buttons / list entries, possibly empty
 * @param template  when set, send this pre-approved template instead of free text (reply window closed)
 * @param lang      "ar" or "en": the language of the text, for templates and layout
 */
public record OutboundMessage(String channel, String recipient, String text, String shortText, List<Choice> choices,
        Template template, String lang) {

    public OutboundMessage {
        text = text == null ? "" : text;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static OutboundMessage text(String channel, String recipient, String text, String lang) {
        return new OutboundMessage(channel, recipient, text, null, List.of(), null, lang);
    }

    /** A button or list entry: {@code id} comes back as {@link InboundMessage.Kind#CHOICE} text. */
    public record Choice(String id, String title) {
    }

    /**
     * A provider-approved template (WhatsApp), used when free text is not allowed.
     *
     * @param name the template's name or content SID, as configured
     */
    public record Template(String name) {
    }
}
