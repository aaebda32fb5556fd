package org.jisr.bots.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Telegram channel settings (TELEGRAM_* variables).
 *
 * @param botToken       the bot token from BotFather (never logged)
 * @param webhookSecret  the secret Telegram echoes in {@code X-Telegram-Bot-Api-Secret-Token}; null: webhook calls refused
 * @param mode           polling or webhook
 * @param apiUrl         Bot API base URL: scheme, host and port only (telegrambots' {@code TelegramUrl} has no path)
 * @param publicBaseUrl  PUBLIC_BASE_URL without trailing slash (webhook registration)
 * @param sendRate       messages per second per bot
 * @param pollTimeout    long-polling timeout asked of Telegram
 */
public record TelegramSettings(String botToken, String webhookSecret, Mode mode, URI apiUrl, String publicBaseUrl,
        double sendRate, Duration pollTimeout) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    public static final double DEFAULT_SEND_RATE = 30;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(50);

    public enum Mode {
        POLLING, WEBHOOK
    }

    public TelegramSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
    }

    /** Settings with the default rate and poll timeout. */
    public static TelegramSettings of(String botToken, String webhookSecret, Mode mode, URI apiUrl, String publicBaseUrl) {
        return new TelegramSettings(botToken, webhookSecret, mode, apiUrl, publicBaseUrl, DEFAULT_SEND_RATE,
                DEFAULT_POLL_TIMEOUT);
    }

    public TelegramSettings withPollTimeout(Duration timeout) {
        return new TelegramSettings(botToken, webhookSecret, mode, apiUrl, publicBaseUrl, sendRate, timeout);
    }

    /** The URL Telegram calls in webhook mode. */
    public String webhookUrl() {
        return publicBaseUrl + "/webhooks/telegram";
    }

    @Override
    public String toString() { // the token and secret stay out of logs
        return "TelegramSettings[mode=" + mode + ", apiUrl=" + apiUrl + ", sendRate=" + sendRate + "]";
    }
}
