package org.jisr.gateway.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;

/**
 * A small version of the perf harness for the test suite: Telegram webhooks (one chat per message) posted like a
 * provider does (retried after a failure or a 5xx, same update), the Bot API replaced by the bots' FakeProvider, and
 * the replies counted per chat. The full scenarios, with rates, charts and verdicts, are in perf/.
 */
final class TelegramLoad implements AutoCloseable {

    static final String SECRET = "chaos-secret";
    private static final Pattern CHAT = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)");

    final FakeProvider api = FakeProvider.start();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong chats = new AtomicLong(7_000_000_000L + (System.nanoTime() % 1_000_000) * 1000);
    /** chat → when its webhook was first acknowledged (ms). */
    final Map<Long, Long> acked = new ConcurrentHashMap<>();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();

    TelegramLoad() {
        api.on("POST", "/setWebhook$").reply(200, Fixtures.text("telegram/api/true.json"));
        api.on("POST", "/deleteWebhook$").reply(200, Fixtures.text("telegram/api/true.json"));
        api.on("POST", "/sendMessage$").reply(200, Fixtures.text("telegram/api/sent.json"));
    }

    /** The gateway's settings for Telegram in webhook mode against the fake Bot API. */
    Map<String, String> env() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PUBLIC_BASE_URL", "https://jisr.chaos.test");
        e.put("TELEGRAM_BOT_TOKEN", "123456:CHAOS-token");
        e.put("TELEGRAM_MODE", "webhook");
        e.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
        e.put("TELEGRAM_API_URL", api.baseUrl().toString());
        e.put("JISR_PERSON_RATE_PER_MINUTE", "100000");
        e.put("JISR_PERSON_BURST", "100000");
        return e;
    }

    long newChat() {
        return chats.incrementAndGet();
    }

    /** Posts the chat's question once; the status, or 0 when the connection failed. */
    int post(int port, long chat, String text) {
        String body = "{\"update_id\":" + (chat % 1_000_000_000) + ",\"message\":{\"message_id\":1,\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"C\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"date\":1767225660,"
                + "\"text\":\"" + text + "\"}}";
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/telegram"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = 0;
        }
        statuses.add(status);
        if (status == 200) {
            acked.putIfAbsent(chat, System.currentTimeMillis());
        }
        return status;
    }

    /** Posts until acknowledged, as a provider retries (every 200 ms, up to {@code within}). */
    boolean deliver(int port, long chat, String text, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (post(port, chat, text) == 200) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Replies the Bot API received, per chat. */
    Map<Long, Integer> replies() {
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (FakeProvider.RecordedRequest r : api.requests("/sendMessage$")) {
            Matcher m = CHAT.matcher(r.bodyText());
            if (m.find()) {
                out.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Acknowledged chats without a reply. */
    List<Long> unanswered() {
        Map<Long, Integer> r = replies();
        List<Long> out = new ArrayList<>();
        acked.keySet().forEach(c -> {
            if (!r.containsKey(c)) {
                out.add(c);
            }
        });
        return out;
    }

    /** Chats answered more than once. */
    List<Long> duplicates() {
        return replies().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() {
        api.close();
    }
}
