package org.jisr.bots.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

/**
 * Twilio webhooks posted over HTTP to a server listening on 127.0.0.1 while the public URL (what Twilio signs)
 * is {@code https://jisr.example.gov} — the set-up behind a TLS proxy.
 */
class TwilioInboundTest {

    static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String PUBLIC = "https://jisr.example.gov";
    static WebhookServer server;

    @BeforeAll
    static void start() {
        var settings = new TwilioSettings("ACa1b2c3d4e5f60718293a4b5c6d7e8f90", AUTH_TOKEN, "+966115550100",
                "whatsapp:+14155238886", URI.create("http://127.0.0.1:9"), PUBLIC, null, 1, 3);
        server = WebhookServer.start(PUBLIC, new TwilioAdapter(settings));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebhookServer.Answer postSigned(String fixture) {
        Map<String, String> params = Fixtures.formParams("twilio/" + fixture);
        String signature = Signatures.twilio(AUTH_TOKEN, server.publicUrl("/webhooks/twilio"), params);
        return server.post("twilio", Fixtures.form("twilio/" + fixture).getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature);
    }

    /** fixture → kind, text, sender, keyword attribute. */
    static Stream<Arguments> messages() {
        return Stream.of(
                argumentSet("Arabic SMS", "sms-arabic.form", Kind.TEXT, "كم تستغرق معاملة تجديد الهوية؟", "+966501234567", null),
                argumentSet("English SMS", "sms-english.form", Kind.TEXT, "What documents do I need for a work visa?", "+447700900123", null),
                argumentSet("WhatsApp keeps the whatsapp: address", "whatsapp-text.form", Kind.TEXT,
                        "هل الخبر المتداول عن تأجيل الدراسة صحيح؟", "whatsapp:+966501234567", null),
                argumentSet("WhatsApp template button is a choice", "whatsapp-button.form", Kind.CHOICE, "answer:ready",
                        "whatsapp:+966501234567", null),
                argumentSet("WhatsApp location is unsupported", "whatsapp-location.form", Kind.UNSUPPORTED, "", "whatsapp:+447700900123", null),
                argumentSet("MMS photo without text is unsupported", "mms-photo.form", Kind.UNSUPPORTED, "", "+966501234567", null),
                argumentSet("STOP passes as text, marked", "sms-stop.form", Kind.TEXT, "STOP", "+447700900123", "stop"),
                argumentSet("Arabic إيقاف passes as text, marked", "sms-stop-arabic.form", Kind.TEXT, "إيقاف", "+966501234567", "stop"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void accepts(String fixture, Kind kind, String text, String sender, String keyword) {
        WebhookServer.Answer answer = postSigned(fixture);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        InboundMessage m = ((WebhookResult.Accepted) answer.result()).messages().getFirst();
        assertThat(m.channel()).isEqualTo("twilio");
        assertThat(m.kind()).isEqualTo(kind);
        assertThat(m.text()).isEqualTo(text);
        assertThat(m.sender()).isEqualTo(sender);
        assertThat(m.providerMessageId()).isEqualTo(Fixtures.formParams("twilio/" + fixture).get("MessageSid"));
        assertThat(m.attributes().get("keyword")).isEqualTo(keyword);
    }

    /** status callback fixture → state and error code. */
    static Stream<Arguments> statuses() {
        return Stream.of(
                argumentSet("SMS delivered", "status-delivered.form", DeliveryStatus.State.DELIVERED, null, null, false),
                // 30003: handset off or out of coverage, says nothing lasting about the person
                argumentSet("SMS undelivered keeps the error code", "status-undelivered.form", DeliveryStatus.State.FAILED,
                        "30003", SendResult.RecipientState.OK, false),
                argumentSet("SMS failed 21610: opted out", "status-unsubscribed.form", DeliveryStatus.State.FAILED,
                        "21610", SendResult.RecipientState.OPTED_OUT, false),
                argumentSet("WhatsApp undelivered 63016: the window is closed", "status-whatsapp-window.form",
                        DeliveryStatus.State.FAILED, "63016", SendResult.RecipientState.OK, true),
                argumentSet("WhatsApp read", "status-whatsapp-read.form", DeliveryStatus.State.READ, null, null, false));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void statusCallbacks(String fixture, DeliveryStatus.State state, String errorCode, SendResult.RecipientState person,
            boolean windowClosed) {
        WebhookServer.Answer answer = postSigned(fixture);

        assertThat(answer.status()).isEqualTo(200);
        var accepted = (WebhookResult.Accepted) answer.result();
        assertThat(accepted.messages()).isEmpty();
        DeliveryStatus status = accepted.statuses().getFirst();
        assertThat(status.providerMessageId()).isEqualTo(Fixtures.formParams("twilio/" + fixture).get("MessageSid"));
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.errorCode()).isEqualTo(errorCode);
        if (person == null) {
            assertThat(status.failure()).isNull();
        } else {
            assertThat(status.failure().recipientState()).isEqualTo(person);
            assertThat(status.failure().windowClosed()).isEqualTo(windowClosed);
        }
        // Twilio reads the answer as TwiML: empty, so nothing is texted back
        assertThat(answer.body()).isEqualTo(TwilioAdapter.EMPTY_TWIML.body());
    }

    @Test
    void interimStatusIsIgnored() {
        assertThat(postSigned("status-sending.form").result()).isInstanceOf(WebhookResult.Ignored.class);
    }

    @Test
    void duplicateDeliveryHasTheSameProviderMessageId() {
        var first = (WebhookResult.Accepted) postSigned("sms-arabic.form").result();
        var again = (WebhookResult.Accepted) postSigned("sms-arabic.form").result();

        assertThat(again.messages().getFirst().providerMessageId()).isEqualTo(first.messages().getFirst().providerMessageId());
    }

    /** how the call is signed → HTTP status. */
    static Stream<Arguments> signatures() {
        Map<String, String> params = Fixtures.formParams("twilio/sms-arabic.form");
        return Stream.of(
                argumentSet("signed for the public URL", Signatures.twilio(AUTH_TOKEN, PUBLIC + "/webhooks/twilio", params), 200),
                argumentSet("signed for the proxy-side local URL", Signatures.twilio(AUTH_TOKEN,
                        server.localUrl() + "/webhooks/twilio", params), 403),
                argumentSet("signed with another auth token", Signatures.twilio("ffffffffffffffffffffffffffffffff",
                        PUBLIC + "/webhooks/twilio", params), 403),
                argumentSet("signature of other parameters", Signatures.twilio(AUTH_TOKEN, PUBLIC + "/webhooks/twilio",
                        Map.of("Body", "something else")), 403),
                argumentSet("no signature", null, 403));
    }

    @ParameterizedTest
    @MethodSource("signatures")
    void signatureIsCheckedAgainstThePublicUrl(String signature, int status) {
        byte[] body = Fixtures.form("twilio/sms-arabic.form").getBytes(StandardCharsets.UTF_8);
        var answer = signature == null ? server.post("twilio", body)
                : server.post("twilio", body, "X-Twilio-Signature", signature);

        assertThat(answer.status()).isEqualTo(status);
    }

    @Test
    void malformedFormIsBadRequest() {
        var answer = server.post("twilio", "Body=%E0%A4%A&From=%ZZ".getBytes(StandardCharsets.UTF_8),
                "X-Twilio-Signature", "irrelevant");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("malformed form body");
    }

    @Test
    void messageWithoutFromIsBadRequestNamingIt() {
        var answer = postSigned("no-from.form");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("From");
    }

    @Test
    void bodyOverOneMegabyteIsTooLarge() {
        byte[] big = ("Body=" + "a".repeat(1024 * 1024)).getBytes(StandardCharsets.UTF_8);

        assertThat(server.post("twilio", big, "X-Twilio-Signature", "x").status()).isEqualTo(413);
    }
}
