package org.jisr.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;
import org.jisr.bots.testing.Forms;
import org.jisr.bots.testing.Signatures;
import org.jisr.gateway.JisrApplication;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application over real HTTP (in-memory store, every channel configured against a fake provider) fed
 * hostile webhook calls, correctly signed so the parsers are reached: random bytes, deep JSON, invalid UTF-8, bidi
 * controls and NUL bytes in real payloads, odd channel names. Never a 5xx; the application keeps answering.
 */
class WebhookHttpFuzzTest {

    static final String PUBLIC = "https://jisr.fuzz.test";
    static final String TG_SECRET = "fuzz-secret";
    static final String TWILIO_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String META_SECRET = "7d5d3b1e9f0a4c2b8e6f1a3c5d7e9f01";
    static final List<String> NASTY = List.of("\u202E", "\u2066", "\u2069", "\u200F", "\u0000", "\uFEFF", "\uD800", "\\u0000",
            "\\ud800", "\"", "\\", "%00", "&", "=", "\n", "ـ");

    static FakeProvider provider;
    static ConfigurableApplicationContext app;
    static HttpClient http;
    static int port;
    static String visitorCookie;

    @BeforeContainer
    static void start() {
        provider = FakeProvider.start();
        provider.on("POST", "/setWebhook$").reply(200, Fixtures.text("telegram/api/true.json"));
        provider.on("POST", "/sendMessage$").reply(200, Fixtures.text("telegram/api/sent.json"));
        provider.on("POST", "/answerCallbackQuery$").reply(200, Fixtures.text("telegram/api/true.json"));
        provider.on("POST", "/Messages.json$").reply(201, Fixtures.text("twilio/api/message-created.json"));
        provider.on("POST", "/messages$").reply(200, Fixtures.text("whatsapp/api/sent.json"));
        String api = provider.baseUrl().toString();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("PORT", "0");
        p.put("KB_IMPORT", TestKb.FILE);
        p.put("PUBLIC_BASE_URL", PUBLIC);
        p.put("TELEGRAM_BOT_TOKEN", "123456:TEST-token");
        p.put("TELEGRAM_MODE", "webhook");
        p.put("TELEGRAM_WEBHOOK_SECRET", TG_SECRET);
        p.put("TELEGRAM_API_URL", api);
        p.put("TWILIO_ACCOUNT_SID", "ACa1b2c3d4e5f60718293a4b5c6d7e8f90");
        p.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        p.put("TWILIO_SMS_FROM", "+966115550100");
        p.put("TWILIO_API_URL", api);
        p.put("WHATSAPP_TOKEN", "EAAG-test-token");
        p.put("WHATSAPP_APP_SECRET", META_SECRET);
        p.put("WHATSAPP_VERIFY_TOKEN", "verify");
        p.put("WHATSAPP_PHONE_NUMBER_ID", "106540352242922");
        p.put("WHATSAPP_API_URL", api);
        app = new SpringApplicationBuilder(JisrApplication.class).properties(p).run();
        port = TestGateway.port(app);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try { // a web chat session, so the web chat parser is reached too
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webchat/session")).build(),
                    HttpResponse.BodyHandlers.ofString());
            visitorCookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    static int post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Property(tries = 150)
    @Label("Telegram, WhatsApp Cloud and web chat: hostile JSON, correctly authenticated, never a 5xx")
    void json(@ForAll("bodies") byte[] body, @ForAll("jsonChannels") String channel) throws Exception {
        int status = switch (channel) {
            case "telegram" -> post("/webhooks/telegram", body, "X-Telegram-Bot-Api-Secret-Token", TG_SECRET, "Content-Type", "application/json");
            case "whatsapp" -> post("/webhooks/whatsapp", body, "X-Hub-Signature-256", Signatures.meta(META_SECRET, body),
                    "Content-Type", "application/json");
            default -> post("/webhooks/webchat", body, "Content-Type", "application/json", "Cookie", visitorCookie);
        };
        assertThat(status).isBetween(200, 499);
    }

    @Property(tries = 100)
    @Label("Twilio: hostile form values, correctly signed, never a 5xx")
    void twilio(@ForAll("values") String body, @ForAll("values") String sid, @ForAll("senders") String from) throws Exception {
        Map<String, String> f = new LinkedHashMap<>(Fixtures.formParams("twilio/sms-english.form"));
        f.put("Body", body);
        f.put("MessageSid", sid);
        f.put("From", from);
        byte[] b = Forms.encode(f).getBytes(StandardCharsets.UTF_8);
        int status = post("/webhooks/twilio", b, "X-Twilio-Signature", Signatures.twilio(TWILIO_TOKEN, PUBLIC + "/webhooks/twilio", f),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(status).isBetween(200, 499);
    }

    @Property(tries = 60)
    @Label("odd channel names and raw bytes: 4xx, never a 5xx")
    void oddPaths(@ForAll("channelNames") String channel, @ForAll("raw") byte[] body) throws Exception {
        int status = post("/webhooks/" + channel, body, "Content-Type", "application/octet-stream");
        assertThat(status).isBetween(200, 499);
    }

    @Provide
    Arbitrary<String> jsonChannels() {
        return Arbitraries.of("telegram", "whatsapp", "webchat");
    }

    @Provide
    Arbitrary<String> channelNames() {
        return Arbitraries.oneOf(Arbitraries.of("nope", "TELEGRAM", "%2e%2e", "tele%00gram", "..", "a;b", "%E2%80%AE", "twilio%20"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(40));
    }

    @Provide
    Arbitrary<byte[]> raw() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of(NASTY).list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(200), Arbitraries.strings().withCharRange('\u0600', '\u06FF').ofMaxLength(1500));
    }

    @Provide
    Arbitrary<String> senders() {
        return Arbitraries.of("+966501234567", "whatsapp:+966501234567", "", "+", "whatsapp:", "\u202E+9665");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> deep = Arbitraries.integers().between(1, 50_000).map(n -> "[".repeat(n).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutated = Combinators.combine(
                Arbitraries.of("telegram/text-english.json", "telegram/text-arabic.json", "whatsapp/text-arabic.json",
                        "whatsapp/mixed-batch.json").map(Fixtures::bytes),
                Arbitraries.integers().between(0, 100_000), Arbitraries.bytes())
                .as((b, at, v) -> {
                    byte[] c = b.clone();
                    c[at % c.length] = (byte) (v | 0x80); // invalid UTF-8 somewhere
                    return c;
                });
        Arbitrary<byte[]> nasty = Arbitraries.of(NASTY).list().ofMinSize(1).ofMaxSize(10)
                .map(l -> String.join("x", l).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                .map(t -> Fixtures.text("telegram/text-arabic.json").replaceFirst("\"text\":\"[^\"]*\"", "\"text\":\"" + t + "\"")
                        .getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> webchat = Arbitraries.of(NASTY).list().ofMinSize(1).ofMaxSize(8)
                .map(l -> ("{\"id\":\"fuzz" + l.size() + "abcdefgh\",\"text\":\"" + String.join("", l).replace("\\", "\\\\")
                        .replace("\"", "\\\"").replace("\n", "\\n") + "\"}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(raw(), deep, mutated, nasty, webchat);
    }
}
