package org.jisr.bots.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.SendResult.RecipientState;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.FakeProvider.Reply;
import org.jisr.bots.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sending through the Twilio SDK to a local server that answers like the Messages API. */
class TwilioOutboundTest {

    static final String SID = "ACa1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json$";

    FakeProvider twilio;
    TwilioAdapter adapter;

    @BeforeEach
    void start() {
        twilio = FakeProvider.start();
        adapter = new TwilioAdapter(new TwilioSettings(SID, TOKEN, "+966115550100", "whatsapp:+14155238886",
                twilio.baseUrl(), "https://jisr.example.gov", "HX0123456789abcdef0123456789abcdef", 1, 3));
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    static String api(String name) {
        return Fixtures.text("twilio/api/" + name);
    }

    @Test
    void smsGoesThroughTheRestApiFromTheSmsSenderWithStatusCallback() {
        twilio.on("POST", MESSAGES).reply(201, api("message-created.json"));

        SendResult result = adapter.send(OutboundMessage.text("twilio", "+966501234567", "Offices open 8:00-15:00.", "en"));

        assertThat(result).isEqualTo(new SendResult.Sent(List.of("SM00000000000000000000000000000001")));
        var request = twilio.requests().getFirst();
        assertThat(request.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes()));
        assertThat(request.form()).containsEntry("To", "+966501234567")
                .containsEntry("From", "+966115550100")
                .containsEntry("Body", "Offices open 8:00-15:00.")
                .containsEntry("StatusCallback", "https://jisr.example.gov/webhooks/twilio");
    }

    @Test
    void smsUsesTheShortTextAndNumbersTheChoices() {
        twilio.on("POST", MESSAGES).reply(201, api("message-created.json"));
        var message = new OutboundMessage("twilio", "+966501234567", "نص طويل جداً ".repeat(50),
                "مواعيد العمل من ٨ إلى ٣. المصدر: وزارة الإعلام",
                List.of(new OutboundMessage.Choice("kb:1", "ساعات العمل"), new OutboundMessage.Choice("kb:2", "العنوان")),
                null, "ar");

        adapter.send(message);

        assertThat(twilio.requests().getFirst().form().get("Body"))
                .isEqualTo("مواعيد العمل من ٨ إلى ٣. المصدر: وزارة الإعلام\n\n1. ساعات العمل\n2. العنوان");
    }

    @Test
    void longArabicSmsIsCutPolitelyToThreeSegments() {
        twilio.on("POST", MESSAGES).reply(201, api("message-created.json"));
        String answer = "يمكن تجديد الهوية الوطنية عبر المنصة الإلكترونية خلال ثلاثة أيام عمل ".repeat(6);

        adapter.send(OutboundMessage.text("twilio", "+966501234567", answer, "ar"));

        String body = twilio.requests().getFirst().form().get("Body");
        assertThat(SmsSegments.count(body).segments()).isEqualTo(3);
        assertThat(body).endsWith("…");
        assertThat(answer).startsWith(body.substring(0, body.length() - 1)); // cut at a word boundary
        assertThat(answer.charAt(body.length() - 1)).isEqualTo(' ');
    }

    @Test
    void whatsappUsesTheWhatsappSenderAndTheFullText() {
        twilio.on("POST", MESSAGES).reply(201, api("message-created.json"));
        String full = "الإجابة الكاملة ".repeat(30);

        adapter.send(new OutboundMessage("twilio", "whatsapp:+966501234567", full, "قصير", List.of(), null, "ar"));

        var form = twilio.requests().getFirst().form();
        assertThat(form).containsEntry("From", "whatsapp:+14155238886").containsEntry("To", "whatsapp:+966501234567");
        assertThat(form.get("Body")).isEqualTo(full.strip());
    }

    @Test
    void templateOutsideTheWindowIsSentAsContentSid() {
        twilio.on("POST", MESSAGES).reply(201, api("message-created.json"));
        var message = new OutboundMessage("twilio", "whatsapp:+966501234567", "", null, List.of(),
                new OutboundMessage.Template("answer_ready"), "ar");

        assertThat(adapter.send(message)).isInstanceOf(SendResult.Sent.class);

        var form = twilio.requests().getFirst().form();
        assertThat(form).containsEntry("ContentSid", "HX0123456789abcdef0123456789abcdef").doesNotContainKey("Body");
        assertThat(adapter.windowTemplate()).contains(new OutboundMessage.Template("HX0123456789abcdef0123456789abcdef"));
        assertThat(adapter.replyWindow("whatsapp:+966501234567")).contains(Duration.ofHours(24));
        assertThat(adapter.replyWindow("+966501234567")).isEmpty();
    }

    @Test
    void tooManyRequestsHonoursRetryAfterThenSends() {
        twilio.on("POST", MESSAGES).reply(Reply.json(429, api("error-429.json")).withHeader("Retry-After", "7"))
                .reply(201, api("message-created.json"));
        var message = OutboundMessage.text("twilio", "+966501234567", "hello", "en");

        SendResult first = adapter.send(message);
        SendResult second = adapter.send(message);

        assertThat(first).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) first).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(second).isInstanceOf(SendResult.Sent.class);
        assertThat(twilio.requests()).hasSize(2); // the SDK's own retries are off: one call per send
    }

    /** Twilio error reply → what the worker does. */
    static Stream<Arguments> errors() {
        return Stream.of(
                argumentSet("21610 unsubscribed: opted out", 400, "error-21610.json", RecipientState.OPTED_OUT, false),
                argumentSet("21211 invalid number: unreachable", 400, "error-21211.json", RecipientState.UNREACHABLE, false),
                argumentSet("63016 outside the WhatsApp window: the window is closed", 400, "error-63016.json",
                        RecipientState.OK, true));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void permanentErrors(int status, String reply, RecipientState state, boolean windowClosed) {
        twilio.on("POST", MESSAGES).reply(status, api(reply));

        SendResult result = adapter.send(OutboundMessage.text("twilio", "+966501234567", "hi", "en"));

        assertThat(result).isInstanceOf(SendResult.Failed.class);
        assertThat(((SendResult.Failed) result).recipientState()).isEqualTo(state);
        assertThat(((SendResult.Failed) result).windowClosed()).isEqualTo(windowClosed);
    }

    @Test
    void serverErrorIsRetried() {
        twilio.on("POST", MESSAGES).reply(500, api("error-500.json"));

        assertThat(adapter.send(OutboundMessage.text("twilio", "+966501234567", "hi", "en")))
                .isInstanceOf(SendResult.Retry.class);
    }

    @Test
    void unreachableTwilioIsRetriedWithoutTheAuthToken() {
        twilio.close();

        SendResult result = adapter.send(OutboundMessage.text("twilio", "+966501234567", "hi", "en"));

        assertThat(result).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) result).reason()).doesNotContain(TOKEN);
    }
}
