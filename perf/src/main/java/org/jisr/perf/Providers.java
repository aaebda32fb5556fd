package org.jisr.perf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jisr.bots.testing.Forms;

/**
 * The Telegram Bot API, Twilio REST and Graph API endpoints the gateway sends to, on 127.0.0.1, fast (a virtual
 * thread per call, no scripting): every send is recorded with its recipient and reported to the {@link Tracker}.
 * A storm can be switched on: for a while a share of the calls answers 429 (with the provider's retry-after) or 500.
 */
final class Providers implements AutoCloseable {

    private static final Pattern CHAT_ID = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)");
    private static final Pattern TO = Pattern.compile("\"(?:to|recipient)\"\\s*:\\s*\"([^\"]+)\"");

    /** A storm: until {@code untilNs}, {@code p429} of the calls get 429 and {@code p500} get 500. */
    record Storm(long untilNs, double p429, double p500, int retryAfterSeconds) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Tracker tracker;
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile Storm storm;
    /** Provider calls per second of System.nanoTime and channel (→ calls answered 200), for the pacing check. */
    final Map<Integer, Map<String, LongAdder>> sendsPerSecond = new ConcurrentHashMap<>();
    final LongAdder calls = new LongAdder();

    Providers(Tracker tracker) throws IOException {
        this.tracker = tracker;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where calls are reported (the warm-up has its own tracker). */
    void reportTo(Tracker t) {
        tracker = t;
    }

    void storm(Storm s) {
        storm = s;
    }

    private void serve(HttpExchange x) throws IOException {
        try (x; InputStream in = x.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = x.getRequestURI().getPath().toLowerCase(java.util.Locale.ROOT); // Bot API method names are case-insensitive
            calls.increment();
            long now = System.nanoTime();
            Tracker tracker = this.tracker;
            if (path.endsWith("/setwebhook") || path.endsWith("/deletewebhook") || path.endsWith("/answercallbackquery")) {
                send(x, 200, "{\"ok\":true,\"result\":true}", null);
                return;
            }
            String channel;
            String token;
            String text = new String(body, StandardCharsets.UTF_8);
            if (path.endsWith("/sendmessage")) {
                channel = "telegram";
                Matcher m = CHAT_ID.matcher(text);
                token = m.find() ? "telegram:" + m.group(1) : null;
            } else if (path.endsWith("/messages.json")) {
                channel = "twilio";
                String to = Forms.parse(text).get("To");
                token = to == null ? null : "twilio:" + to;
            } else if (path.endsWith("/messages")) {
                channel = "whatsapp";
                Matcher m = TO.matcher(text);
                token = m.find() ? "whatsapp:" + m.group(1) : null;
            } else {
                send(x, 404, "{\"error\":\"no such endpoint\"}", null);
                return;
            }
            Storm s = storm;
            if (s != null && now < s.untilNs()) {
                double r = ThreadLocalRandom.current().nextDouble();
                if (r < s.p429()) {
                    tracker.providerRefusals.increment();
                    tooMany(x, channel, s.retryAfterSeconds());
                    return;
                }
                if (r < s.p429() + s.p500()) {
                    tracker.providerRefusals.increment();
                    send(x, 500, "{\"error\":\"internal\"}", null);
                    return;
                }
            }
            long id = ids.incrementAndGet();
            sendsPerSecond.computeIfAbsent((int) (now / 1_000_000_000L), k -> new ConcurrentHashMap<>()) // one clock for warm-up and run
                    .computeIfAbsent(channel, k -> new LongAdder()).increment();
            if (token != null) {
                tracker.reply(token, now);
            } else {
                tracker.unmatched.increment();
            }
            switch (channel) {
                case "telegram" -> {
                    Matcher m = CHAT_ID.matcher(text);
                    String chat = m.find() ? m.group(1) : "1";
                    send(x, 200, "{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"chat\":{\"id\":" + chat
                            + ",\"type\":\"private\"},\"date\":" + System.currentTimeMillis() / 1000 + ",\"text\":\"ok\"}}", null);
                }
                case "twilio" -> send(x, 201, "{\"account_sid\":\"" + Traffic.TWILIO_SID + "\",\"api_version\":\"2010-04-01\","
                        + "\"body\":\"ok\",\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,"
                        + "\"num_segments\":\"1\",\"sid\":\"SM" + String.format("%032x", id) + "\",\"status\":\"queued\"}", null);
                default -> send(x, 200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.perf" + id + "\"}]}", null);
            }
        }
    }

    private static void tooMany(HttpExchange x, String channel, int retryAfter) throws IOException {
        switch (channel) {
            case "telegram" -> send(x, 429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                    + retryAfter + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}", null);
            case "twilio" -> send(x, 429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}", Integer.toString(retryAfter));
            default -> send(x, 429, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429}}",
                    Integer.toString(retryAfter));
        }
    }

    private static void send(HttpExchange x, int status, String json, String retryAfter) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            x.getResponseHeaders().add("Retry-After", retryAfter);
        }
        x.sendResponseHeaders(status, out.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
