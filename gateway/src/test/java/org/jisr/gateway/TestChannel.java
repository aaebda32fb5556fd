package org.jisr.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.testing.FakeProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A trivial channel for gateway tests: JSON webhooks {"id","from","text"} (or "media": true, or "edit": true),
 * signed by header X-Test-Signature: ok; sends JSON {"to","text","choices"} to {@code POST /send} of the shared
 * {@link FakeProvider} (the bots test-jar's), which answers {@code {"id": …}} (200), 429, 403 or 400 as scripted.
 */
public final class TestChannel implements ChannelAdapter {

    /** One message the provider accepted. */
    public record Delivered(String to, String text) {
    }

    private final String sendUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration window;
    private final OutboundMessage.Template template;
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();

    public TestChannel(URI providerBaseUrl, Duration window) {
        this(providerBaseUrl, window, null);
    }

    /** With a reply window and the template sent when it is closed (null: none configured). */
    public TestChannel(URI providerBaseUrl, Duration window, String template) {
        this.sendUrl = providerBaseUrl + "/send";
        this.window = window;
        this.template = template == null ? null : new OutboundMessage.Template(template);
    }

    /** A fake provider answering every send with 200 and an id; tests add narrower rules (FakeProvider.whenBody). */
    public static FakeProvider provider() {
        FakeProvider fake = FakeProvider.start();
        fake.on("POST", "/send$").reply(200, "{\"id\":\"p1\"}");
        return fake;
    }

    /** The rule for one recipient's sends (tried before the general one). */
    public static FakeProvider.Script to(FakeProvider fake, String recipient) {
        return fake.on("POST", "/send$").whenBody("\"to\":\"" + recipient + "\"");
    }

    /** Texts the provider accepted for this recipient, in order. */
    public List<String> textsTo(String recipient) {
        return delivered.stream().filter(d -> d.to().equals(recipient)).map(Delivered::text).toList();
    }

    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    @Override
    public String channel() {
        return "test";
    }

    @Override
    public WebhookResult handle(WebhookRequest r) {
        if (!"ok".equals(r.header("X-Test-Signature"))) {
            return new WebhookResult.Rejected(403, "X-Test-Signature: wrong signature");
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(r.body());
        } catch (JacksonException e) {
            return new WebhookResult.Rejected(400, "body: not JSON");
        }
        if (n == null || !n.isObject() || !n.has("id") || !n.has("from")) {
            return new WebhookResult.Rejected(400, "body: id and from are required");
        }
        if (n.has("edit")) {
            return new WebhookResult.Ignored("edited message");
        }
        boolean media = n.has("media");
        InboundMessage.Kind kind = media ? InboundMessage.Kind.UNSUPPORTED : n.has("choice") ? InboundMessage.Kind.CHOICE : InboundMessage.Kind.TEXT;
        String text = media ? "" : n.has("choice") ? n.get("choice").asString() : n.path("text").asString();
        return WebhookResult.Accepted.of(new InboundMessage("test", n.get("id").asString(), n.get("from").asString(), kind, text,
                null, Instant.now(), Map.of()));
    }

    @Override
    public SendResult send(OutboundMessage m) {
        String body = Json.write(Map.of("to", m.recipient(), "text", m.template() != null ? "[template " + m.template().name() + "]" : m.text(),
                "choices", m.choices().stream().map(OutboundMessage.Choice::id).toList()));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sendUrl)).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return switch (r.statusCode()) {
                case 200 -> {
                    delivered.add(new Delivered(m.recipient(), m.template() != null ? "[template " + m.template().name() + "]" : m.text()));
                    yield new SendResult.Sent(List.of(Json.MAPPER.readTree(r.body()).get("id").asString()));
                }
                case 429 -> new SendResult.Retry(r.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(null), "429");
                case 403 -> new SendResult.Failed(SendResult.RecipientState.UNREACHABLE, "blocked");
                case 400 -> new SendResult.Failed(SendResult.RecipientState.OK, "bad message");
                default -> new SendResult.Retry(null, "HTTP " + r.statusCode());
            };
        } catch (Exception e) {
            return new SendResult.Retry(null, e.toString());
        }
    }

    @Override
    public double sendRatePerSecond() {
        return 200;
    }

    @Override
    public Optional<Duration> replyWindow() {
        return Optional.ofNullable(window);
    }

    @Override
    public Optional<OutboundMessage.Template> windowTemplate() {
        return Optional.ofNullable(template);
    }
}
