package org.jisr.bots.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.jisr.bots.DeliveryStatus;
import org.jisr.bots.SendResult;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.InboundMessage.Kind;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.testing.Fixtures;
import org.jisr.bots.testing.Signatures;
import org.jisr.bots.testing.WebhookServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cloud API webhooks posted over HTTP, signed as Meta signs them. */
class WhatsAppInboundTest {

    static final String APP_SECRET = "7d5d3b1e9f0a4c2b8e6f1a3c5d7e9f01";
    static final String VERIFY_TOKEN = "jisr-verify-2026";
    static WebhookServer server;

    @BeforeAll
    static void start() {
        var settings = new WhatsAppSettings("EAAG-test-token", APP_SECRET, VERIFY_TOKEN, "106540352242922",
                URI.create("http://127.0.0.1:9"), "v23.0", null, 80);
        server = WebhookServer.start("https://jisr.example.gov", new WhatsAppCloudAdapter(settings));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebhookServer.Answer postSigned(byte[] body) {
        return server.post("whatsapp", body, "Content-Type", "application/json",
                "X-Hub-Signature-256", Signatures.meta(APP_SECRET, body));
    }

    static WebhookServer.Answer postSigned(String fixture) {
        return postSigned(Fixtures.bytes("whatsapp/" + fixture));
    }

    /** fixture → kind, text, sender. */
    static Stream<Arguments> messages() {
        return Stream.of(
                argumentSet("Arabic text", "text-arabic.json", Kind.TEXT, "متى يفتح مركز الخدمة يوم الجمعة؟", "966501234567"),
                argumentSet("English text keyed on the business-scoped user id", "text-english-bsuid.json", Kind.TEXT,
                        "Is the new residency fee already in force?", "GB.13491208655302741918"),
                argumentSet("username user without a phone number", "text-username-only.json", Kind.TEXT,
                        "ما رسوم إصدار رخصة القيادة؟", "SA.88120934756612034455"),
                argumentSet("reply button is a choice", "button-reply.json", Kind.CHOICE, "kb:gcc-001", "966501234567"),
                argumentSet("list row is a choice", "list-reply.json", Kind.CHOICE, "kb:visa-004", "447700900123"),
                argumentSet("image is unsupported", "image.json", Kind.UNSUPPORTED, "", "966501234567"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void accepts(String fixture, Kind kind, String text, String sender) {
        WebhookServer.Answer answer = postSigned(fixture);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        InboundMessage m = ((WebhookResult.Accepted) answer.result()).messages().getFirst();
        assertThat(m.channel()).isEqualTo("whatsapp");
        assertThat(m.kind()).isEqualTo(kind);
        assertThat(m.text()).isEqualTo(text);
        assertThat(m.sender()).isEqualTo(sender);
        assertThat(m.providerMessageId()).startsWith("wamid.");
    }

    /** fixture → state, error code. */
    static Stream<Arguments> statuses() {
        return Stream.of(
                argumentSet("delivered", "status-delivered.json", DeliveryStatus.State.DELIVERED, null, null, false),
                argumentSet("failed: undeliverable marks the person unreachable", "status-failed.json",
                        DeliveryStatus.State.FAILED, "131026", SendResult.RecipientState.UNREACHABLE, false),
                // Meta accepts free text outside the window and only reports the failure afterwards
                argumentSet("failed: 131047 outside the 24-hour window", "status-window-closed.json",
                        DeliveryStatus.State.FAILED, "131047", SendResult.RecipientState.OK, true));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void statusWebhooks(String fixture, DeliveryStatus.State state, String code, SendResult.RecipientState person,
            boolean windowClosed) {
        var accepted = (WebhookResult.Accepted) postSigned(fixture).result();

        assertThat(accepted.messages()).isEmpty();
        DeliveryStatus status = accepted.statuses().getFirst();
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.errorCode()).isEqualTo(code);
        assertThat(status.providerMessageId()).startsWith("wamid.");
        if (person == null) {
            assertThat(status.failure()).isNull();
        } else {
            assertThat(status.failure().recipientState()).isEqualTo(person);
            assertThat(status.failure().windowClosed()).isEqualTo(windowClosed);
        }
    }

    /** fixture → HTTP status, result type. */
    static Stream<Arguments> others() {
        return Stream.of(
                argumentSet("reaction ignored", "reaction.json", 200, WebhookResult.Ignored.class),
                argumentSet("another phone number of the account ignored", "other-number.json", 200, WebhookResult.Ignored.class),
                argumentSet("another Meta product ignored", "not-whatsapp.json", 200, WebhookResult.Ignored.class),
                argumentSet("nothing usable is a bad request", "only-odd.json", 400, WebhookResult.Rejected.class),
                argumentSet("truncated JSON is malformed", "malformed.json", 400, WebhookResult.Rejected.class));
    }

    @ParameterizedTest
    @MethodSource("others")
    void answers(String fixture, int status, Class<?> type) {
        var answer = postSigned(fixture);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.result()).isInstanceOf(type);
    }

    @Test
    void batchWithAnOddEntryKeepsTheGoodOne() {
        var accepted = (WebhookResult.Accepted) postSigned("mixed-batch.json").result();

        assertThat(accepted.messages()).extracting(InboundMessage::text).containsExactly("كيف أحجز موعداً؟");
    }

    @Test
    void duplicateDeliveryHasTheSameProviderMessageId() {
        var first = (WebhookResult.Accepted) postSigned("text-arabic.json").result();
        var again = (WebhookResult.Accepted) postSigned("text-arabic.json").result();

        assertThat(again.messages().getFirst().providerMessageId()).isEqualTo(first.messages().getFirst().providerMessageId());
    }

    /** signature header → HTTP status. */
    static Stream<Arguments> signatures() {
        byte[] body = Fixtures.bytes("whatsapp/text-arabic.json");
        byte[] other = Fixtures.bytes("whatsapp/text-english-bsuid.json");
        return Stream.of(
                argumentSet("signed with the app secret", Signatures.meta(APP_SECRET, body), 200),
                argumentSet("signed with another secret", Signatures.meta("another-secret", body), 403),
                argumentSet("signature of another body", Signatures.meta(APP_SECRET, other), 403),
                argumentSet("upper-case hex is the same signature", "sha256="
                        + Signatures.meta(APP_SECRET, body).substring(7).toUpperCase(), 200),
                argumentSet("without the sha256= prefix", Signatures.meta(APP_SECRET, body).substring(7), 403),
                argumentSet("not hex", "sha256=zz", 403),
                argumentSet("missing", null, 403));
    }

    @ParameterizedTest
    @MethodSource("signatures")
    void signatureIsCheckedOverTheRawBody(String header, int status) {
        byte[] body = Fixtures.bytes("whatsapp/text-arabic.json");
        var answer = header == null ? server.post("whatsapp", body)
                : server.post("whatsapp", body, "X-Hub-Signature-256", header);

        assertThat(answer.status()).isEqualTo(status);
    }

    /** query → HTTP status and body. */
    static Stream<Arguments> handshakes() {
        return Stream.of(
                argumentSet("matching verify token echoes the challenge",
                        "hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444", 200, "1158201444"),
                argumentSet("wrong verify token", "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", 403, null),
                argumentSet("wrong mode", "hub.mode=unsubscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1", 403, null),
                argumentSet("no challenge", "hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN, 400, null));
    }

    @ParameterizedTest
    @MethodSource("handshakes")
    void verificationHandshake(String query, int status, String body) {
        var answer = server.get("/webhooks/whatsapp?" + query);

        assertThat(answer.status()).isEqualTo(status);
        if (body != null) {
            assertThat(answer.body()).isEqualTo(body);
        }
    }

    @Test
    void bodyOverOneMegabyteIsTooLarge() {
        byte[] big = ("{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(postSigned(big).status()).isEqualTo(413);
    }
}
