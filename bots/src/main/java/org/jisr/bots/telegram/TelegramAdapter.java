package org.jisr.bots.telegram;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.InboundSource;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.support.ProviderHttp;
import org.jisr.bots.support.Redact;
import org.jisr.bots.support.TextSplitter;
import org.jisr.bots.support.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Telegram through the Bot API, with the telegrambots client and its model classes. */
public final class TelegramAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(TelegramAdapter.class);

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final int MAX_TEXT = 4096;
    static final int MAX_CALLBACK_DATA_BYTES = 64;
    /** Later parts of a split text are retried here, briefly, so a Retry rarely repeats the parts already sent. */
    private static final int PART_RETRIES = 3;
    private static final Duration MAX_PART_WAIT = Duration.ofSeconds(10);

    // telegrambots' Update has no ignoreUnknown: a newer Bot API field must not turn a good update into a 400
    // (nor may a new subtype or enum value of a field the adapter does not even read)
    private static final ObjectMapper UPDATES = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE, false)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);

    /** As telegrambots' client writes a method: its own annotations, nulls left out by them. */
    private static final ObjectMapper METHODS = new ObjectMapper();

    private final TelegramSettings settings;
    private final OkHttpTelegramClient client;
    private final ProviderHttp http;
    /** {@code <scheme>://<host:port>/bot<token>/}: a method's name completes it. */
    private final String methodBase;

    public TelegramAdapter(TelegramSettings settings) {
        this.settings = settings;
        this.client = new OkHttpTelegramClient(httpClient(Duration.ofSeconds(30)), settings.botToken(),
                telegramUrl(settings));
        this.http = new ProviderHttp(Duration.ofSeconds(10), Duration.ofSeconds(30));
        this.methodBase = settings.apiUrl().getScheme() + "://" + settings.apiUrl().getRawAuthority() + "/bot"
                + settings.botToken() + "/";
    }

    @Override
    public String channel() {
        return TelegramUpdates.CHANNEL;
    }

    @Override
    public WebhookResult handle(WebhookRequest request) {
        try {
            return Webhooks.tooLarge(request)
                    .or(() -> Webhooks.requireMethod(request, "POST"))
                    .orElseGet(() -> verifiedUpdate(request));
        } catch (RuntimeException e) { // never throw at the gateway: an unexpected shape is a bad request
            log.warn("Telegram update could not be read: {}", e.toString());
            return new WebhookResult.Rejected(400, "unreadable Telegram update: " + Webhooks.brief(e.getMessage()));
        }
    }

    private WebhookResult verifiedUpdate(WebhookRequest request) {
        if (settings.webhookSecret() == null) {
            return new WebhookResult.Rejected(403, "Telegram webhook is not enabled (no TELEGRAM_WEBHOOK_SECRET)");
        }
        if (!Webhooks.constantTimeEquals(settings.webhookSecret(), request.header(SECRET_HEADER))) {
            return new WebhookResult.Rejected(403, SECRET_HEADER + " does not match");
        }
        Update update;
        try {
            update = UPDATES.readValue(request.body(), Update.class);
        } catch (java.io.IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new WebhookResult.Rejected(400, "malformed Telegram update: " + Webhooks.brief(why));
        }
        if (update == null) {
            return new WebhookResult.Rejected(400, "empty Telegram update");
        }
        return TelegramUpdates.convert(update);
    }

    @Override
    public SendResult send(OutboundMessage message) {
        String text = message.text().isBlank() && message.shortText() != null ? message.shortText() : message.text();
        if (text.isBlank()) {
            return new SendResult.Failed(SendResult.RecipientState.OK, "empty text: Telegram needs some text");
        }
        InlineKeyboardMarkup keyboard;
        try {
            keyboard = keyboard(message.choices());
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(SendResult.RecipientState.OK, e.getMessage());
        }
        // Telegram's 4,096 counts characters after entity parsing: split the plain text, then escape each part
        List<String> parts = TextSplitter.split(text, MAX_TEXT);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            SendMessage send = SendMessage.builder()
                    .chatId(message.recipient())
                    .text(escapeHtml(parts.get(i)))
                    .parseMode("HTML")
                    .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                    .replyMarkup(last ? keyboard : null)
                    .build();
            SendResult result = sendPart(send, i > 0);
            if (result instanceof SendResult.Sent sent) {
                ids.addAll(sent.providerMessageIds());
            } else {
                if (i > 0) {
                    log.warn("Telegram message to {} stopped after {} of {} parts: {}",
                            Redact.address(message.recipient()), i, parts.size(), result);
                }
                return result;
            }
        }
        return new SendResult.Sent(ids);
    }

    private SendResult sendPart(SendMessage send, boolean laterPart) {
        int attempt = 0;
        while (true) {
            SendResult result = sendOnce(send);
            if (!(result instanceof SendResult.Retry retry) || !laterPart || ++attempt > PART_RETRIES) {
                return result;
            }
            Duration wait = retry.retryAfter() == null ? Duration.ofSeconds(1) : retry.retryAfter();
            if (wait.compareTo(MAX_PART_WAIT) > 0) {
                return result;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }

    private SendResult sendOnce(SendMessage send) {
        try {
            Message sent = execute(send);
            return new SendResult.Sent(List.of(send.getChatId() + ":" + sent.getMessageId()));
        } catch (TelegramApiException e) {
            return TelegramErrors.classify(e, settings.botToken());
        } catch (RuntimeException e) {
            return new SendResult.Retry(null, "Telegram call failed: " + Redact.secrets(e.toString(), settings.botToken()));
        }
    }

    /**
     * What telegrambots' {@code execute} does for a JSON method (validate, POST the method's JSON to
     * {@code /bot<token>/<method>}, map the answer with the method's own {@code deserializeResponse}), on
     * {@link ProviderHttp}: OkHttp woke its pool-cleanup thread after every call, and a Telegram send cost about
     * twice a WhatsApp one (docs/benchmarks.md). Start-up calls (webhook registration) stay on the client.
     */
    private <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramApiException {
        method.validate();
        String body;
        try {
            body = METHODS.writeValueAsString(method);
        } catch (JsonProcessingException e) {
            throw new TelegramApiException("Unable to serialize " + method.getMethod(), e);
        }
        ProviderHttp.Reply reply;
        try {
            reply = http.send("POST", URI.create(methodBase + method.getMethod()), Map.of(), "application/json", body);
        } catch (IOException e) {
            throw new TelegramApiException("Unable to execute " + method.getMethod() + " method", e);
        }
        return method.deserializeResponse(reply.body());
    }

    static InlineKeyboardMarkup keyboard(List<OutboundMessage.Choice> choices) {
        if (choices.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (OutboundMessage.Choice choice : choices) {
            if (choice.id().getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES) {
                throw new IllegalArgumentException("choice id '" + choice.id() + "' is over Telegram's "
                        + MAX_CALLBACK_DATA_BYTES + "-byte callback_data limit");
            }
            // one button a row: titles are whole questions, often too long to share a row
            rows.add(new InlineKeyboardRow(InlineKeyboardButton.builder()
                    .text(choice.title()).callbackData(choice.id()).build()));
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /** Telegram's HTML parse mode knows only &amp;lt; &amp;gt; &amp;amp; &amp;quot;: named entities would be refused. */
    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void acknowledge(InboundMessage message) {
        String queryId = message.attributes().get(TelegramUpdates.CALLBACK_QUERY_ID);
        if (queryId == null) {
            return;
        }
        try {
            execute(AnswerCallbackQuery.builder().callbackQueryId(queryId).build());
        } catch (TelegramApiException | RuntimeException e) { // too old or network: the button just stops spinning later
            log.info("Telegram callback query not answered: {}", Redact.secrets(e.getMessage(), settings.botToken()));
        }
    }

    @Override
    public double sendRatePerSecond() {
        return settings.sendRate();
    }

    @Override
    public Optional<Duration> perRecipientInterval() {
        return Optional.of(Duration.ofSeconds(1));
    }

    @Override
    public int maxMessageLength() {
        return MAX_TEXT;
    }

    /** Start-up work: register the webhook, or poll for updates. */
    public InboundSource source() {
        return settings.mode() == TelegramSettings.Mode.WEBHOOK
                ? new TelegramWebhookRegistration(settings, client)
                : new TelegramLongPolling(settings);
    }

    static TelegramUrl telegramUrl(TelegramSettings settings) {
        var uri = settings.apiUrl();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
    }

    /**
     * OkHttp whose calls run on the caller's thread: telegrambots' {@code execute} is {@code executeAsync(..).get()},
     * and every call handed to a dispatcher thread and back cost CPU for nothing. No dispatcher threads either, so
     * an idle client never keeps the JVM alive; the limits are far above the callers (OkHttp's 5 per host queued
     * the sixth outbound worker behind the others).
     */
    static OkHttpClient httpClient(Duration readTimeout) {
        var dispatcher = new Dispatcher(new CallerRuns());
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    /** An executor service that runs each task at once on the thread that submits it. */
    static final class CallerRuns extends AbstractExecutorService {

        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            if (shutdown) {
                throw new RejectedExecutionException("the Telegram client is closed");
            }
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}
