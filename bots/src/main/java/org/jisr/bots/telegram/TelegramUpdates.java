package org.jisr.bots.telegram;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jisr.bots.InboundMessage;
import org.jisr.bots.WebhookResult;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Turns one Telegram {@link Update} into what the gateway handles; shared by the webhook and long polling. */
final class TelegramUpdates {

    static final String CHANNEL = "telegram";
    static final String CALLBACK_QUERY_ID = "callbackQueryId";

    private TelegramUpdates() {
    }

    static WebhookResult convert(Update update) {
        if (update.getUpdateId() == null) {
            return new WebhookResult.Rejected(400, "update_id missing");
        }
        if (update.getMessage() != null) {
            return message(update.getMessage());
        }
        if (update.getCallbackQuery() != null) {
            return callback(update.getCallbackQuery());
        }
        if (update.getEditedMessage() != null) {
            return new WebhookResult.Ignored("edited message");
        }
        if (update.getChannelPost() != null || update.getEditedChannelPost() != null) {
            return new WebhookResult.Ignored("channel post");
        }
        return new WebhookResult.Ignored("update kind not used");
    }

    private static WebhookResult message(Message m) {
        if (m.getChat() == null || m.getChat().getId() == null || m.getMessageId() == null) {
            return new WebhookResult.Rejected(400, "message without chat.id or message_id");
        }
        if (!m.getChat().isUserChat()) { // answers go to one person, never into a group
            return new WebhookResult.Ignored("not a private chat");
        }
        String chatId = m.getChat().getId().toString();
        String id = chatId + ":" + m.getMessageId();
        Instant at = m.getDate() == null ? Instant.now() : Instant.ofEpochSecond(m.getDate());
        String lang = language(m.getFrom());
        if (m.hasText()) {
            return WebhookResult.Accepted.of(new InboundMessage(CHANNEL, id, chatId, InboundMessage.Kind.TEXT,
                    command(m.getText()), lang, at, Map.of()));
        }
        if (hasMedia(m)) {
            return WebhookResult.Accepted.of(new InboundMessage(CHANNEL, id, chatId, InboundMessage.Kind.UNSUPPORTED,
                    "", lang, at, Map.of()));
        }
        return new WebhookResult.Ignored("service message");
    }

    private static WebhookResult callback(CallbackQuery q) {
        if (q.getId() == null || q.getFrom() == null) {
            return new WebhookResult.Rejected(400, "callback_query without id or from");
        }
        if (q.getData() == null) {
            return new WebhookResult.Ignored("callback query without data");
        }
        // in a private chat the chat id is the user id; the message may be missing for old or inline messages
        Long chat = q.getMessage() != null && q.getMessage().getChat() != null ? q.getMessage().getChatId()
                : q.getFrom().getId();
        if (q.getMessage() != null && q.getMessage().getChat() != null && !q.getMessage().getChat().isUserChat()) {
            return new WebhookResult.Ignored("not a private chat");
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put(CALLBACK_QUERY_ID, q.getId());
        return WebhookResult.Accepted.of(new InboundMessage(CHANNEL, "callback:" + q.getId(), chat.toString(),
                InboundMessage.Kind.CHOICE, q.getData(), language(q.getFrom()), Instant.now(), attributes));
    }

    private static String language(User user) {
        return user == null ? null : user.getLanguageCode();
    }

    /** {@code /start@JisrBot now} → {@code /start now}: the bot name suffix Telegram adds in menus is noise. */
    static String command(String text) {
        if (!text.startsWith("/")) {
            return text;
        }
        int space = text.indexOf(' ');
        String head = space < 0 ? text : text.substring(0, space);
        int at = head.indexOf('@');
        return at < 0 ? text : head.substring(0, at) + (space < 0 ? "" : text.substring(space));
    }

    private static boolean hasMedia(Message m) {
        return m.hasPhoto() || m.hasVoice() || m.hasSticker() || m.hasAudio() || m.hasVideo() || m.hasVideoNote()
                || m.hasDocument() || m.hasAnimation() || m.hasLocation() || m.hasContact() || m.hasPoll()
                || m.hasDice() || m.hasStory() || m.hasGame() || m.getVenue() != null || m.hasPaidMedia();
    }
}
