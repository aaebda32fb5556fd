package org.jisr.bots.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jisr.bots.OutboundMessage;
import org.jisr.bots.OutboundMessage.Choice;
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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sending to a local server that answers like the Graph API's messages endpoint. */
class WhatsAppOutboundTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MESSAGES = "^/v23.0/106540352242922/messages$";

    FakeProvider graph;
    WhatsAppCloudAdapter adapter;

    @BeforeEach
    void start() {
        graph = FakeProvider.start();
        adapter = new WhatsAppCloudAdapter(new WhatsAppSettings("EAAG-test-token", "secret", "verify",
                "106540352242922", graph.baseUrl(), "v23.0", "answer_ready", 80));
        graph.on("POST", MESSAGES).reply(200, Fixtures.text("whatsapp/api/sent.json"));
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    JsonNode sent(int i) {
        return JSON.readTree(graph.requests().get(i).body());
    }

    @Test
    void textWithBearerTokenToThePhoneNumber() {
        SendResult result = adapter.send(OutboundMessage.text("whatsapp", "966501234567", "مواعيد العمل من ٨ إلى ٣", "ar"));

        assertThat(result).isEqualTo(new SendResult.Sent(List.of("wamid.HBgMOTY2NTAxMjM0NTY3FQIAERgSOUFGQzE2MUFFMzI3QTlGMjc1AA==")));
        assertThat(graph.requests().getFirst().header("Authorization")).isEqualTo("Bearer EAAG-test-token");
        JsonNode body = sent(0);
        assertThat(body.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(body.path("to").asString()).isEqualTo("966501234567");
        assertThat(body.path("type").asString()).isEqualTo("text");
        assertThat(body.path("text").path("body").asString()).isEqualTo("مواعيد العمل من ٨ إلى ٣");
    }

    @Test
    void businessScopedUserIdGoesInRecipient() {
        adapter.send(OutboundMessage.text("whatsapp", "GB.13491208655302741918", "Yes, since 1 January.", "en"));

        assertThat(sent(0).path("recipient").asString()).isEqualTo("GB.13491208655302741918");
        assertThat(sent(0).has("to")).isFalse();
    }

    @Test
    void upToThreeShortChoicesAreReplyButtons() {
        var message = new OutboundMessage("whatsapp", "966501234567", "هل كانت الإجابة مفيدة؟", null, List.of(
                new Choice("fb:y:1", "نعم"), new Choice("fb:n:1", "لا"), new Choice("human", "نعم، اسأل موظفاً")), null, "ar");

        adapter.send(message);

        JsonNode interactive = sent(0).path("interactive");
        assertThat(interactive.path("type").asString()).isEqualTo("button");
        assertThat(interactive.path("body").path("text").asString()).isEqualTo("هل كانت الإجابة مفيدة؟");
        JsonNode buttons = interactive.path("action").path("buttons");
        assertThat(buttons.size()).isEqualTo(3);
        List<String> titles = IntStream.range(0, 3).mapToObj(i -> buttons.path(i).path("reply").path("title").asString()).toList();
        assertThat(titles).containsExactly("نعم", "لا", "نعم، اسأل موظفاً");
        assertThat(buttons.path(0).path("reply").path("id").asString()).isEqualTo("fb:y:1");
    }

    @Test
    void choicesWithTitlesTooLongForAButtonAreListRowsWithTheWholeQuestion() {
        var message = new OutboundMessage("whatsapp", "966501234567", "هل تقصد أحد هذه الأسئلة؟", null, List.of(
                new Choice("kb:1", "ما هو مركز التواصل الحكومي؟"),
                new Choice("kb:2", "ما هو مركز التواصل الحكومي الجديد؟"),
                new Choice("kb:3", "مواعيد العمل")), null, "ar");

        adapter.send(message);

        JsonNode interactive = sent(0).path("interactive");
        assertThat(interactive.path("type").asString()).isEqualTo("list");
        assertThat(interactive.path("action").path("button").asString()).isEqualTo("الخيارات");
        JsonNode rows = interactive.path("action").path("sections").path(0).path("rows");
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.path(1).path("id").asString()).isEqualTo("kb:2");
        assertThat(rows.path(1).path("title").asString()).hasSizeLessThanOrEqualTo(24);
        assertThat(rows.path(1).path("description").asString()).isEqualTo("ما هو مركز التواصل الحكومي الجديد؟");
        assertThat(rows.path(2).path("title").asString()).isEqualTo("مواعيد العمل");
    }

    @Test
    void moreThanThreeChoicesAreAListMessage() {
        List<Choice> choices = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new Choice("kb:" + i, "Question number " + i + " about passports and visas")).toList();

        adapter.send(new OutboundMessage("whatsapp", "966501234567", "Did you mean:", null, choices, null, "en"));

        JsonNode interactive = sent(0).path("interactive");
        assertThat(interactive.path("type").asString()).isEqualTo("list");
        assertThat(interactive.path("action").path("button").asString()).isEqualTo("Options");
        JsonNode rows = interactive.path("action").path("sections").path(0).path("rows");
        assertThat(rows.size()).isEqualTo(5);
        assertThat(rows.path(4).path("id").asString()).isEqualTo("kb:5");
        assertThat(rows.path(4).path("title").asString()).hasSizeLessThanOrEqualTo(24);
        assertThat(rows.path(4).path("description").asString()).isEqualTo("Question number 5 about passports and visas");
    }

    @Test
    void longTextIsSplitAndTheButtonsRideOnAShortLastPart() {
        String text = ("جملة طويلة في الإجابة الرسمية. ").repeat(200); // ~6,400 characters
        var message = new OutboundMessage("whatsapp", "966501234567", text, null,
                List.of(new Choice("fb:up", "مفيد"), new Choice("fb:down", "غير مفيد")), null, "ar");

        assertThat(adapter.send(message)).isInstanceOf(SendResult.Sent.class);

        int n = graph.requests().size();
        assertThat(n).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < n - 1; i++) {
            assertThat(sent(i).path("type").asString()).isEqualTo("text");
            assertThat(sent(i).path("text").path("body").asString().length()).isLessThanOrEqualTo(4096);
        }
        JsonNode last = sent(n - 1);
        assertThat(last.path("type").asString()).isEqualTo("interactive");
        assertThat(last.path("interactive").path("body").path("text").asString().length()).isLessThanOrEqualTo(1024);
    }

    @Test
    void templateOutsideTheWindowInTheMessageLanguage() {
        var message = new OutboundMessage("whatsapp", "966501234567", "", null, List.of(),
                new OutboundMessage.Template("answer_ready"), "ar");

        adapter.send(message);

        JsonNode body = sent(0);
        assertThat(body.path("type").asString()).isEqualTo("template");
        assertThat(body.path("template").path("name").asString()).isEqualTo("answer_ready");
        assertThat(body.path("template").path("language").path("code").asString()).isEqualTo("ar");
        assertThat(adapter.replyWindow()).contains(Duration.ofHours(24));
        assertThat(adapter.windowTemplate()).contains(new OutboundMessage.Template("answer_ready"));
    }

    @Test
    void rateLimitThenSuccess() {
        graph.close();
        graph = FakeProvider.start();
        adapter = new WhatsAppCloudAdapter(new WhatsAppSettings("EAAG-test-token", "secret", "verify",
                "106540352242922", graph.baseUrl(), "v23.0", null, 80));
        graph.on("POST", MESSAGES).reply(Reply.json(429, Fixtures.text("whatsapp/api/error-130429.json"))
                .withHeader("Retry-After", "3")).reply(200, Fixtures.text("whatsapp/api/sent.json"));
        var message = OutboundMessage.text("whatsapp", "966501234567", "hi", "en");

        SendResult first = adapter.send(message);

        assertThat(first).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) first).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(adapter.send(message)).isInstanceOf(SendResult.Sent.class);
    }

    /** Graph API error → what the worker does. */
    static Stream<Arguments> errors() {
        return Stream.of(
                argumentSet("131026 undeliverable: unreachable", 400, "error-131026.json",
                        new SendResult.Failed(RecipientState.UNREACHABLE, "")),
                argumentSet("131047 window closed: the gateway holds it and sends the template", 400, "error-131047.json",
                        SendResult.Failed.windowClosed("")),
                argumentSet("100 invalid parameter: about this message", 400, "error-100.json",
                        new SendResult.Failed(RecipientState.OK, "")),
                argumentSet("131000 something went wrong: retried", 500, "error-131000.json", new SendResult.Retry(null, "")));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errors(int status, String reply, SendResult expected) {
        graph.close();
        graph = FakeProvider.start();
        adapter = new WhatsAppCloudAdapter(new WhatsAppSettings("EAAG-test-token", "secret", "verify",
                "106540352242922", graph.baseUrl(), "v23.0", null, 80));
        graph.on("POST", MESSAGES).reply(status, Fixtures.text("whatsapp/api/" + reply));

        SendResult result = adapter.send(OutboundMessage.text("whatsapp", "966501234567", "hi", "en"));

        assertThat(result).isInstanceOf(expected.getClass());
        if (expected instanceof SendResult.Failed f) {
            assertThat(((SendResult.Failed) result).recipientState()).isEqualTo(f.recipientState());
            assertThat(((SendResult.Failed) result).windowClosed()).isEqualTo(f.windowClosed());
        }
    }
}
