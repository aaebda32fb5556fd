package org.jisr.bots.telegram;

import java.time.Duration;
import java.util.List;

import org.jisr.bots.InboundSink;
import org.jisr.bots.InboundSource;
import org.jisr.bots.support.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Webhook mode: registers {@code PUBLIC_BASE_URL/webhooks/telegram} with the secret and the update kinds used,
 * retrying in the background until Telegram accepts it. Updates then arrive through the gateway's webhook.
 */
final class TelegramWebhookRegistration implements InboundSource {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookRegistration.class);

    /** Only what the adapter reads; edited messages and channel posts are not even delivered. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

    private final TelegramSettings settings;
    private final OkHttpTelegramClient client;
    private volatile Thread worker;
    private volatile boolean closed;

    TelegramWebhookRegistration(TelegramSettings settings, OkHttpTelegramClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public synchronized void start(InboundSink sink) {
        if (worker != null || closed) {
            return;
        }
        worker = Thread.ofPlatform().daemon().name("telegram-set-webhook").start(this::register);
    }

    private void register() {
        SetWebhook setWebhook = SetWebhook.builder()
                .url(settings.webhookUrl())
                .secretToken(settings.webhookSecret())
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2));
        while (!closed) {
            try {
                if (Boolean.TRUE.equals(client.execute(setWebhook))) {
                    log.info("Telegram webhook registered at {}", settings.webhookUrl());
                    return;
                }
                log.warn("Telegram did not confirm setWebhook; retrying");
            } catch (TelegramApiException | RuntimeException e) {
                log.warn("Telegram setWebhook failed, retrying: {}", Redact.secrets(e.getMessage(),
                        settings.botToken(), settings.webhookSecret()));
            }
            if (!backoff.pause()) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }
}
