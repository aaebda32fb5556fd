package org.jisr.bots.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.jisr.bots.DeliveryStatus;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.InboundSink;
import org.jisr.bots.InboundSource;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.support.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.OkHttpClient;

/**
 * Polling mode, on telegrambots-longpolling. Its session moves its offset before handing a batch over, and
 * confirms the batch to Telegram only with the next {@code getUpdates}; so the consumer blocks, re-offering the
 * batch to the sink until it is stored. A batch never stored is never confirmed, and Telegram sends it again
 * after a restart.
 */
final class TelegramLongPolling implements InboundSource {

    private static final Logger log = LoggerFactory.getLogger(TelegramLongPolling.class);

    private final TelegramSettings settings;
    private final OkHttpClient http;
    private final ScheduledExecutorService executor;
    private final TelegramBotsLongPollingApplication app;
    private volatile boolean closed;
    private volatile Thread starter;

    TelegramLongPolling(TelegramSettings settings) {
        this.settings = settings;
        // read timeout above the long-poll timeout, or every quiet poll would end in an error
        this.http = TelegramAdapter.httpClient(settings.pollTimeout().plusSeconds(15));
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telegram-polling");
            t.setDaemon(true);
            return t;
        });
        this.app = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> http, () -> executor,
                ExponentialBackOff::new);
    }

    @Override
    public synchronized void start(InboundSink sink) {
        if (starter != null || closed) {
            return;
        }
        starter = Thread.ofPlatform().daemon().name("telegram-polling-start").start(() -> register(sink));
    }

    /** Registration deletes any webhook first (a blocking call): retried here until it works. */
    private void register(InboundSink sink) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2));
        var url = TelegramAdapter.telegramUrl(settings);
        Function<Integer, GetUpdates> getUpdates = last -> GetUpdates.builder()
                .offset(last + 1)
                .limit(100)
                .timeout((int) settings.pollTimeout().toSeconds())
                .allowedUpdates(TelegramWebhookRegistration.ALLOWED_UPDATES)
                .build();
        while (!closed) {
            try {
                app.registerBot(settings.botToken(), () -> url, getUpdates, new Consumer(sink));
                log.info("Telegram long polling started");
                return;
            } catch (TelegramApiException | RuntimeException e) {
                log.warn("Telegram long polling could not start, retrying: {}",
                        Redact.secrets(String.valueOf(e.getMessage()), settings.botToken()));
                try {
                    app.unregisterBot(settings.botToken());
                } catch (TelegramApiException | RuntimeException ignored) {
                    // not registered: nothing to undo
                }
            }
            if (!backoff.pause()) {
                return;
            }
        }
    }

    private final class Consumer implements LongPollingUpdateConsumer {

        private final InboundSink sink;

        Consumer(InboundSink sink) {
            this.sink = sink;
        }

        @Override
        public void consume(List<Update> updates) {
            List<InboundMessage> messages = new ArrayList<>();
            List<DeliveryStatus> statuses = new ArrayList<>();
            for (Update update : updates) {
                WebhookResult result;
                try {
                    result = TelegramUpdates.convert(update);
                } catch (RuntimeException e) {
                    result = new WebhookResult.Rejected(400, e.toString());
                }
                switch (result) {
                    case WebhookResult.Accepted a -> {
                        messages.addAll(a.messages());
                        statuses.addAll(a.statuses());
                    }
                    case WebhookResult.Rejected r -> log.warn("Telegram update {} skipped: {}", update.getUpdateId(),
                            r.message());
                    default -> {
                    }
                }
            }
            if (messages.isEmpty() && statuses.isEmpty()) {
                return;
            }
            deliver(new WebhookResult.Accepted(messages, statuses));
        }

        /** Blocks until the sink stored the batch (or polling stops): no later getUpdates confirms it before. */
        private void deliver(WebhookResult.Accepted batch) {
            Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
            while (!closed) {
                try {
                    sink.accept(batch);
                    return;
                } catch (Exception e) { // the sink says: not stored; the same batch is offered again
                    log.warn("Telegram batch of {} messages not stored, retrying: {}", batch.messages().size(),
                            e.toString());
                }
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = starter;
        if (t != null) {
            t.interrupt();
        }
        try {
            app.close();
        } catch (Exception e) {
            log.debug("closing Telegram polling", e);
        }
        http.dispatcher().cancelAll(); // ends a long poll in flight
        executor.shutdownNow();
    }
}
