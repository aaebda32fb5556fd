package org.jisr.bots.whatsapp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jisr.bots.DeliveryStatus;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.support.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Reads a Cloud API webhook body. Each message and status is read on its own: an odd one is skipped with a
 * warning and the good ones are kept; only a body that is not the webhook's shape at all is a 400.
 */
final class WhatsAppWebhook {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhook.class);

    static final String CHANNEL = "whatsapp";

    private final String phoneNumberId;

    WhatsAppWebhook(String phoneNumberId) {
        this.phoneNumberId = phoneNumberId;
    }

    WebhookResult read(JsonNode root) {
        if (!root.isObject()) {
            return new WebhookResult.Rejected(400, "webhook body is not a JSON object");
        }
        if (!"whatsapp_business_account".equals(text(root, "object"))) {
            return new WebhookResult.Ignored("object is not whatsapp_business_account");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            return new WebhookResult.Rejected(400, "entry is missing or not an array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<DeliveryStatus> statuses = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode entry : entries.values()) {
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                problems.add("entry without changes array");
                continue;
            }
            for (JsonNode change : changes.values()) {
                if ("messages".equals(text(change, "field"))) {
                    value(change.path("value"), messages, statuses, problems);
                }
            }
        }
        if (messages.isEmpty() && statuses.isEmpty()) {
            return problems.isEmpty()
                    ? new WebhookResult.Ignored("nothing to handle")
                    : new WebhookResult.Rejected(400, "no usable message: " + problems.getFirst());
        }
        if (!problems.isEmpty()) {
            log.warn("WhatsApp webhook: kept {} messages and {} statuses, skipped {}: {}", messages.size(),
                    statuses.size(), problems.size(), problems);
        }
        return new WebhookResult.Accepted(messages, statuses);
    }

    private void value(JsonNode value, List<InboundMessage> messages, List<DeliveryStatus> statuses,
            List<String> problems) {
        if (!value.isObject()) {
            problems.add("change without value object");
            return;
        }
        String to = text(value.path("metadata"), "phone_number_id");
        if (to != null && !to.equals(phoneNumberId)) { // another number of the same business account
            log.debug("WhatsApp event for phone number id {} ignored", to);
            return;
        }
        Map<String, String> userIds = new HashMap<>();
        String onlyUserId = null;
        JsonNode contacts = value.path("contacts");
        for (JsonNode contact : contacts.values()) {
            String userId = text(contact, "user_id");
            if (userId != null && text(contact, "wa_id") != null) {
                userIds.put(text(contact, "wa_id"), userId);
            }
            onlyUserId = contacts.size() == 1 ? userId : null;
        }
        for (JsonNode m : value.path("messages").values()) {
            try {
                message(m, userIds, onlyUserId, messages, problems);
            } catch (RuntimeException e) {
                problems.add("message unreadable: " + e.getMessage());
            }
        }
        for (JsonNode s : value.path("statuses").values()) {
            try {
                status(s, statuses, problems);
            } catch (RuntimeException e) {
                problems.add("status unreadable: " + e.getMessage());
            }
        }
    }

    private static void message(JsonNode m, Map<String, String> userIds, String onlyUserId,
            List<InboundMessage> out, List<String> problems) {
        String id = text(m, "id");
        String waId = text(m, "from");
        // the business-scoped user id is the stable identity; a phone number may be hidden behind a username
        String userId = text(m, "from_user_id");
        if (userId == null) {
            userId = waId != null && userIds.containsKey(waId) ? userIds.get(waId) : onlyUserId;
        }
        String sender = userId != null ? userId : waId;
        String type = text(m, "type");
        if (id == null || sender == null || type == null) {
            problems.add("message without id, sender or type");
            return;
        }
        Instant at = timestamp(m);
        InboundMessage.Kind kind;
        String text;
        switch (type) {
            case "text" -> {
                text = text(m.path("text"), "body");
                if (text == null) {
                    problems.add("text message " + id + " without text.body");
                    return;
                }
                kind = InboundMessage.Kind.TEXT;
            }
            case "interactive" -> {
                JsonNode interactive = m.path("interactive");
                String itype = text(interactive, "type");
                String choice = "button_reply".equals(itype) || "list_reply".equals(itype)
                        ? text(interactive.path(itype), "id") : null;
                kind = choice == null ? InboundMessage.Kind.UNSUPPORTED : InboundMessage.Kind.CHOICE;
                text = choice;
            }
            case "button" -> { // quick-reply button of a template
                String payload = text(m.path("button"), "payload");
                kind = payload == null ? InboundMessage.Kind.UNSUPPORTED : InboundMessage.Kind.CHOICE;
                text = payload;
            }
            case "reaction", "system", "request_welcome" -> {
                return; // an emoji on an old message, a number change: nothing to answer
            }
            default -> { // image, audio, voice, video, sticker, document, location, contacts, unsupported…
                kind = InboundMessage.Kind.UNSUPPORTED;
                text = "";
            }
        }
        out.add(new InboundMessage(CHANNEL, id, sender, kind, text, null, at, Map.of()));
    }

    private static void status(JsonNode s, List<DeliveryStatus> out, List<String> problems) {
        String id = text(s, "id");
        String status = text(s, "status");
        if (id == null || status == null) {
            problems.add("status without id or status");
            return;
        }
        DeliveryStatus.State state = switch (status) {
            case "sent" -> DeliveryStatus.State.SENT;
            case "delivered" -> DeliveryStatus.State.DELIVERED;
            case "read" -> DeliveryStatus.State.READ;
            case "failed" -> DeliveryStatus.State.FAILED;
            default -> null;
        };
        if (state == null) {
            return;
        }
        JsonNode error = s.path("errors").path(0);
        String code = error.isObject() ? error.path("code").asString(null) : null;
        SendResult.Failed failure = null;
        if (state == DeliveryStatus.State.FAILED) {
            log.warn("WhatsApp message {} failed: {} {}", id, code, text(error, "title"));
            failure = WhatsAppCloudAdapter.failure(error.path("code").asInt(0),
                    "WhatsApp status failed, error " + code + ": " + Redact.phoneNumbers(String.valueOf(text(error, "title"))));
        }
        out.add(new DeliveryStatus(CHANNEL, id, state, code, timestamp(s), failure));
    }

    private static Instant timestamp(JsonNode node) {
        String ts = text(node, "timestamp");
        try {
            return ts == null ? Instant.now() : Instant.ofEpochSecond(Long.parseLong(ts));
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() ? v.stringValue() : null;
    }
}
