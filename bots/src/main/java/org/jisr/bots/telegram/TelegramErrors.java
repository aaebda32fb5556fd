package org.jisr.bots.telegram;

import java.time.Duration;
import java.util.Locale;

import org.jisr.bots.SendResult;
import org.jisr.bots.SendResult.RecipientState;
import org.jisr.bots.support.Redact;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/** Maps Bot API errors to what the outbound worker should do. */
final class TelegramErrors {

    private TelegramErrors() {
    }

    static SendResult classify(TelegramApiException e, String token) {
        if (e instanceof TelegramApiValidationException) {
            return new SendResult.Failed(RecipientState.OK, "invalid message: " + e.getMessage());
        }
        if (!(e instanceof TelegramApiRequestException r) || r.getErrorCode() == null || r.getErrorCode() == 0) {
            // network failure, timeout, or a body that is not the Bot API's JSON (a proxy's 502 page)
            String cause = e.getCause() != null ? e.getCause().toString() : e.getMessage();
            return new SendResult.Retry(null, "Telegram unreachable: " + Redact.secrets(cause, token));
        }
        int code = r.getErrorCode();
        String description = r.getApiResponse() == null ? "" : r.getApiResponse();
        String reason = "Telegram " + code + " " + Redact.phoneNumbers(description);
        String lower = description.toLowerCase(Locale.ROOT);
        if (code == 429) {
            Integer after = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
            return new SendResult.Retry(after == null ? null : Duration.ofSeconds(after), reason);
        }
        if (code >= 500) {
            return new SendResult.Retry(null, reason);
        }
        if (code == 401 || code == 404) { // the bot token is wrong: a setting to fix, not a reason to drop the message
            return new SendResult.Retry(null, "Telegram refused the bot token (" + code + ")");
        }
        if (code == 403) { // bot was blocked, user is deactivated, bot can't initiate conversation
            return new SendResult.Failed(RecipientState.UNREACHABLE, reason);
        }
        if (lower.contains("chat not found") || lower.contains("user not found") || lower.contains("peer_id_invalid")
                || (r.getParameters() != null && r.getParameters().getMigrateToChatId() != null)) {
            return new SendResult.Failed(RecipientState.UNREACHABLE, reason);
        }
        return new SendResult.Failed(RecipientState.OK, reason);
    }
}
