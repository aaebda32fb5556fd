package org.jisr.gateway.e2e;

import java.util.List;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.conversation.People;

/**
 * One channel seen from outside the gateway: builds the provider's signed webhook calls from the bots' fixtures,
 * and reads what the fake provider API received. The end-to-end cases are written once against this.
 */
interface Driver {

    /** The case label prefix, e.g. "Twilio SMS". */
    String name();

    /** The adapter's channel name (metrics tags, person keys). */
    String channel();

    /** A new person, never seen before. */
    Person person();

    // --- calls to the gateway
    Call text(Person p, String text);

    /** A photo, sticker or location: something the bot cannot read. */
    Call media(Person p);

    /** Picks choice {@code index} of what the person was offered: a button / list row, or a typed number. */
    Call pick(Person p, Delivery offered, int index);

    Call badSignature(Person p, String text);

    /** A valid call with nothing to answer (an edited message, a reaction, an interim status). */
    Call ignorable(Person p);

    /** A body over the 1 MB limit, otherwise as the provider sends it. */
    default Call tooLarge() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        return Call.post("/webhooks/" + channel(), big, "Content-Type", "application/json");
    }

    Call malformed();

    /** The provider sends delivery reports (Telegram does not). */
    default boolean reportsDelivery() {
        return true;
    }

    /** A delivery report ("delivered", "failed" with the provider's error code) for a message this channel sent. */
    Call status(Person p, String providerMessageId, String state, String errorCode);

    /** A fresh provider message id in the channel's format (Twilio SM…, WhatsApp wamid.…). */
    String newProviderId();

    /** The error code of a delivery report saying the person cannot be reached or opted out. */
    String permanentFailureCode();

    // --- what the provider saw
    /** Every send request for this person, in order (including ones the provider refused). */
    List<Delivery> sentTo(Person p);

    /** The body the gateway must answer a good webhook call with ("" for none). */
    String okBody();

    /** Replies use the compact form (SMS): the short answer. */
    boolean compact();

    /** The layout choices are rendered with on this channel. */
    String choiceLayout();

    // --- scripting the provider for one person
    FakeProvider.Script script(Person p);

    FakeProvider.Reply accepted(String providerMessageId);

    FakeProvider.Reply tooManyRequests();

    FakeProvider.Reply permanentFailure();

    /** What the permanent failure says about the person. */
    People.Reach permanentReach();
}
