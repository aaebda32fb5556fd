package org.jisr.gateway.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.jisr.gateway.Json;
import org.jisr.gateway.config.Settings;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.outbound.ChannelRegistry;
import org.jisr.gateway.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every webhook call does, for every channel: builds a {@link WebhookRequest} (public URL, headers, raw body),
 * lets the adapter verify and parse it, dedupes and enqueues what it accepted, and answers at once. Nothing slow
 * happens here; never a 5xx for bad input (only 503 when the store is down, so the provider retries).
 * Servlet-level on purpose: {@link WebhookFilter} serves {@code /webhooks/*} with it before Spring Security and
 * MVC (which cost more than the work itself at thousands of calls a second).
 */
public final class WebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);
    /** Largest webhook body accepted. */
    public static final int MAX_BODY = 1024 * 1024;

    /** The answer to a webhook call. */
    public record Answer(int status, String contentType, String body, String retryAfter) {

        static Answer json(int status, Map<String, ?> body) {
            return new Answer(status, "application/json", Json.write(body), null);
        }
    }

    private final ChannelRegistry channels;
    private final Intake intake;
    private final Settings settings;
    private final GatewayMetrics metrics;

    public WebhookHandler(ChannelRegistry channels, Intake intake, Settings settings, GatewayMetrics metrics) {
        this.channels = channels;
        this.intake = intake;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** A call to {@code /webhooks/{channel}}. */
    public Answer route(String channel, HttpServletRequest request) {
        Optional<ChannelAdapter> adapter = channels.find(channel);
        if (adapter.isEmpty()) {
            metrics.webhook("unknown", "not_found");
            return error(404, "no channel '" + channel + "' is enabled");
        }
        return handle(adapter.get(), request);
    }

    public Answer handle(ChannelAdapter adapter, HttpServletRequest request) {
        long t0 = System.nanoTime();
        String channel = adapter.channel();
        try {
            byte[] body = readBody(request);
            if (body == null) {
                metrics.webhook(channel, "rejected_413");
                return error(413, "body larger than " + MAX_BODY + " bytes");
            }
            WebhookResult result;
            try {
                result = adapter.handle(toWebhookRequest(request, body));
            } catch (RuntimeException e) { // an adapter bug must not turn bad input into a 5xx
                log.warn("adapter {} threw on a webhook call: {}", channel, e.toString());
                metrics.webhook(channel, "rejected_400");
                return error(400, "could not read the request");
            }
            return switch (result) {
                case WebhookResult.Accepted a -> {
                    Intake.Counts c = intake.accept(a);
                    metrics.webhook(channel, c.accepted() > 0 || a.messages().isEmpty() ? "accepted" : "duplicate");
                    yield ok(adapter);
                }
                case WebhookResult.Ignored i -> {
                    metrics.webhook(channel, "ignored");
                    yield ok(adapter);
                }
                case WebhookResult.Rejected r -> {
                    int status = r.status() >= 400 && r.status() < 500 ? r.status() : 400;
                    metrics.webhook(channel, "rejected_" + status);
                    yield error(status, r.message());
                }
                case WebhookResult.Challenge ch -> {
                    metrics.webhook(channel, "challenge");
                    yield new Answer(200, "text/plain", ch.body(), null);
                }
            };
        } catch (StoreUnavailableException e) {
            metrics.webhook(channel, "unavailable");
            log.warn("webhook {}: store unavailable, asking the provider to retry", channel);
            return new Answer(503, "application/json", Json.write(Map.of("error", "temporarily unavailable, retry later")), "5");
        } catch (IOException e) {
            metrics.webhook(channel, "rejected_400");
            return error(400, "could not read the body: " + e.getMessage());
        } finally {
            metrics.latency("webhook", Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /** 200, with the body the provider reads when it reads one (Twilio: empty TwiML, so nothing is texted back). */
    static Answer ok(ChannelAdapter adapter) {
        return adapter.okReply().map(r -> new Answer(200, r.contentType(), r.body(), null)).orElse(new Answer(200, null, null, null));
    }

    static Answer error(int status, String message) {
        return Answer.json(status, Map.of("error", message, "status", status));
    }

    /** The raw body, or null when it exceeds {@link #MAX_BODY}. */
    static byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            return b.length > MAX_BODY ? null : b;
        }
    }

    WebhookRequest toWebhookRequest(HttpServletRequest r, byte[] body) {
        String query = r.getQueryString();
        String url = settings.publicBaseUrl() + r.getRequestURI() + (query == null ? "" : "?" + query);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Enumeration<String> names = r.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            List<String> values = new ArrayList<>(1);
            for (Enumeration<String> v = r.getHeaders(name); v.hasMoreElements(); ) {
                values.add(v.nextElement());
            }
            headers.put(name, values);
        }
        return new WebhookRequest(r.getMethod(), url, headers, parseQuery(query), body);
    }

    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
