package org.jisr.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import org.jisr.bots.telegram.TelegramAdapter;
import org.jisr.bots.telegram.TelegramSettings;
import org.jisr.bots.testing.Fixtures;
import org.jisr.bots.testing.Forms;
import org.jisr.bots.testing.Signatures;
import org.jisr.bots.twilio.TwilioAdapter;
import org.jisr.bots.twilio.TwilioSettings;
import org.jisr.bots.webchat.WebchatAdapter;
import org.jisr.bots.whatsapp.WhatsAppCloudAdapter;
import org.jisr.bots.whatsapp.WhatsAppSettings;

/**
 * Every webhook parser against hostile input, correctly signed so that the parser is reached: random bytes, deep
 * or huge JSON, invalid UTF-8, bidi controls and NUL bytes inside real payloads. An adapter never throws and never
 * answers outside 4xx: the gateway turns its answer into the HTTP status, and a 5xx would make providers retry
 * garbage forever.
 */
class WebhookFuzzTest {

    static final String PUBLIC = "https://jisr.example.gov";
    static final String TG_SECRET = "fuzz-secret";
    static final String TWILIO_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String META_SECRET = "7d5d3b1e9f0a4c2b8e6f1a3c5d7e9f01";

    static final TelegramAdapter telegram = new TelegramAdapter(TelegramSettings.of("123456:TEST-token", TG_SECRET,
            TelegramSettings.Mode.WEBHOOK, URI.create("http://127.0.0.1:9"), PUBLIC));
    static final TwilioAdapter twilio = new TwilioAdapter(new TwilioSettings("ACa1b2c3d4e5f60718293a4b5c6d7e8f90", TWILIO_TOKEN,
            "+966115550100", "whatsapp:+14155238886", URI.create("http://127.0.0.1:9"), PUBLIC, null, 1, 3));
    static final WhatsAppCloudAdapter whatsapp = new WhatsAppCloudAdapter(new WhatsAppSettings("EAAG-test-token", META_SECRET,
            "verify", "106540352242922", URI.create("http://127.0.0.1:9"), "v23.0", null, 80));
    static final WebchatAdapter webchat = new WebchatAdapter("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
            (visitor, m, key) -> "x", 100);
    static final String VISITOR = webchat.newSessionToken();

    /** Characters that break naive parsers and renderers: bidi overrides and isolates, NUL, BOM, lone surrogates. */
    static final List<String> NASTY = List.of("\u202E", "\u202D", "\u2066", "\u2067", "\u2069", "\u200F", "\u0000", "\uFEFF",
            "\uD800", "\uDFFF", "\\u0000", "\\ud800", "\"", "\\", "%00", "%ZZ", "&", "=", "\n", "\r\n", "ـ", "ﷺ");

    @Property(tries = 1000)
    @Label("Telegram: any body with the right secret gets a 4xx or is accepted/ignored, never an exception")
    void telegram(@ForAll("jsonBodies") byte[] body) {
        assertSafe(telegram.handle(post("/webhooks/telegram", body, "X-Telegram-Bot-Api-Secret-Token", TG_SECRET,
                "Content-Type", "application/json")));
    }

    @Property(tries = 1000)
    @Label("WhatsApp Cloud: any correctly signed body")
    void whatsapp(@ForAll("jsonBodies") byte[] body) {
        assertSafe(whatsapp.handle(post("/webhooks/whatsapp", body, "X-Hub-Signature-256", Signatures.meta(META_SECRET, body),
                "Content-Type", "application/json")));
    }

    @Property(tries = 1000)
    @Label("Twilio: any correctly signed form, and any raw body")
    void twilio(@ForAll("forms") Map<String, String> form, @ForAll("rawBytes") byte[] raw, @ForAll boolean useRaw) {
        byte[] body = useRaw ? raw : Forms.encode(form).getBytes(StandardCharsets.UTF_8);
        String sig = Signatures.twilio(TWILIO_TOKEN, PUBLIC + "/webhooks/twilio", useRaw ? Map.of() : form);
        assertSafe(twilio.handle(post("/webhooks/twilio", body, "X-Twilio-Signature", sig,
                "Content-Type", "application/x-www-form-urlencoded")));
    }

    @Property(tries = 1000)
    @Label("web chat: any body from a valid visitor")
    void webchat(@ForAll("jsonBodies") byte[] body) {
        assertSafe(webchat.handle(post("/webhooks/webchat", body, "Cookie", WebchatAdapter.COOKIE + "=" + VISITOR,
                "Content-Type", "application/json")));
    }

    static WebhookRequest post(String path, byte[] body, String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return new WebhookRequest("POST", PUBLIC + path, h, Map.of(), body);
    }

    static void assertSafe(WebhookResult r) {
        assertThat(r).isNotNull();
        switch (r) {
            case WebhookResult.Rejected x -> assertThat(x.status()).as(x.message()).isBetween(400, 499);
            case WebhookResult.Accepted a -> a.messages().forEach(m -> {
                assertThat(m.sender()).isNotNull();
                assertThat(m.providerMessageId()).isNotNull();
                assertThat(m.text()).isNotNull();
            });
            case WebhookResult.Ignored i -> { }
            case WebhookResult.Challenge c -> throw new AssertionError("a POST must never be answered as a challenge");
        }
    }

    // --- generators

    @Provide
    Arbitrary<byte[]> rawBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    }

    @Provide
    Arbitrary<byte[]> jsonBodies() {
        return Arbitraries.oneOf(rawBytes(), deepJson(), hugeJson(), mutatedFixture(), nastyText());
    }

    /** Nesting far past any sane depth: [[[[… or {"a":{"a":… */
    static Arbitrary<byte[]> deepJson() {
        return Combinators.combine(Arbitraries.integers().between(1, 20_000), Arbitraries.of("[", "{\"a\":", "{\"message\":"))
                .as((depth, open) -> open.repeat(depth).getBytes(StandardCharsets.UTF_8));
    }

    /** A real update with a text of up to 900 KB (under the 1 MB limit the gateway enforces before the adapter). */
    static Arbitrary<byte[]> hugeJson() {
        return Arbitraries.integers().between(1_000, 900_000).map(n -> Fixtures.text("telegram/text-english.json")
                .replace("When does the visa office open on Fridays?", "ا".repeat(n / 2)).getBytes(StandardCharsets.UTF_8));
    }

    /** A real payload of any channel with bytes flipped, cut or inserted: invalid UTF-8, broken structure. */
    static Arbitrary<byte[]> mutatedFixture() {
        Arbitrary<byte[]> fixtures = Arbitraries.of("telegram/text-english.json", "telegram/text-arabic.json",
                "telegram/callback-choice.json", "whatsapp/text-arabic.json", "whatsapp/mixed-batch.json",
                "whatsapp/status-failed.json", "whatsapp/list-reply.json").map(Fixtures::bytes);
        return Combinators.combine(fixtures, Arbitraries.integers().between(0, 100_000), Arbitraries.bytes(),
                        Arbitraries.of("flip", "cut", "insert"))
                .as((b, at, value, how) -> {
                    int i = at % b.length;
                    return switch (how) {
                        case "flip" -> {
                            byte[] c = b.clone();
                            c[i] = (byte) (value | 0x80); // a continuation or lead byte where none belongs
                            yield c;
                        }
                        case "cut" -> java.util.Arrays.copyOf(b, i);
                        default -> {
                            byte[] c = new byte[b.length + 1];
                            System.arraycopy(b, 0, c, 0, i);
                            c[i] = value;
                            System.arraycopy(b, i, c, i + 1, b.length - i);
                            yield c;
                        }
                    };
                });
    }

    /** Valid JSON whose text fields carry bidi controls, NUL bytes, lone surrogates and escapes. */
    static Arbitrary<byte[]> nastyText() {
        Arbitrary<String> text = Arbitraries.of(NASTY).list().ofMinSize(1).ofMaxSize(20)
                .map(l -> String.join("x", l).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r"));
        return Combinators.combine(text, Arbitraries.of("telegram/text-arabic.json", "whatsapp/text-arabic.json"))
                .as((t, f) -> {
                    String json = Fixtures.text(f);
                    json = f.startsWith("telegram") ? json.replaceFirst("\"text\":\"[^\"]*\"", "\"text\":\"" + t + "\"")
                            : json.replaceFirst("\"body\":\"[^\"]*\"", "\"body\":\"" + t + "\"");
                    return json.replace("\"id\":\"", "\"id\":\"" + t.substring(0, Math.min(2, t.length()))).getBytes(StandardCharsets.UTF_8);
                })
                .injectDuplicates(0.0);
    }

    /** Twilio forms: the real fields with hostile values, and extra odd keys. */
    @Provide
    Arbitrary<Map<String, String>> forms() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(NASTY).list().ofMaxSize(10).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(300), Arbitraries.strings().withCharRange('\u0600', '\u06FF').ofMaxLength(2000));
        return Combinators.combine(value, value, value, Arbitraries.of("+966501234567", "whatsapp:+966501234567", "", "+", "whatsapp:"),
                        Arbitraries.of("text", "image", "", "location"))
                .as((body, sid, extra, from, type) -> {
                    Map<String, String> f = new LinkedHashMap<>(Fixtures.formParams("twilio/sms-english.form"));
                    f.put("Body", body);
                    f.put("MessageSid", sid);
                    f.put("From", from);
                    f.put("NumMedia", type.equals("image") ? "1" : extra);
                    f.put("MessageStatus", extra);
                    f.put(extra.isEmpty() ? "Extra" : extra, body);
                    return f;
                });
    }
}
