package org.jisr.bots.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jisr.bots.InboundMessage;
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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sending through a local server that answers like the Bot API. */
class TelegramOutboundTest {

    static final String TOKEN = "123456:TEST-token";
    static final JsonMapper JSON = JsonMapper.builder().build();

    FakeProvider telegram;
    TelegramAdapter adapter;

    @BeforeEach
    void start() {
        telegram = FakeProvider.start();
        adapter = new TelegramAdapter(TelegramSettings.of(TOKEN, "secret", TelegramSettings.Mode.WEBHOOK,
                telegram.baseUrl(), "https://jisr.example.gov"));
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    static String api(String name) {
        return Fixtures.text("telegram/api/" + name);
    }

    static JsonNode json(FakeProvider.RecordedRequest r) {
        return JSON.readTree(r.body());
    }

    @Test
    void sendsHtmlEscapedTextWithTheTokenInThePath() {
        telegram.on("POST", "/sendMessage$").reply(200, api("sent.json"));

        SendResult result = adapter.send(OutboundMessage.text("telegram", "5550001", "إذا كان 3 < 5 & 7 > 2 <b>لا</b>", "ar"));

        assertThat(result).isEqualTo(new SendResult.Sent(List.of("5550001:301")));
        var request = telegram.requests().getFirst();
        assertThat(request.path()).isEqualToIgnoringCase("/bot" + TOKEN + "/sendMessage");
        JsonNode body = json(request);
        assertThat(body.path("chat_id").asString()).isEqualTo("5550001");
        assertThat(body.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(body.path("text").asString()).isEqualTo("إذا كان 3 &lt; 5 &amp; 7 &gt; 2 &lt;b&gt;لا&lt;/b&gt;");
    }

    @Test
    void choicesBecomeAnInlineKeyboardOnePerRow() {
        telegram.on("POST", "/sendMessage$").reply(200, api("sent.json"));
        var message = new OutboundMessage("telegram", "5550001", "هل تقصد:", null,
                List.of(new OutboundMessage.Choice("kb:gcc-001", "ما هو مركز التواصل الحكومي؟"),
                        new OutboundMessage.Choice("kb:gcc-002", "How do I renew my passport?")),
                null, "ar");

        assertThat(adapter.send(message)).isInstanceOf(SendResult.Sent.class);

        JsonNode keyboard = json(telegram.requests().getFirst()).path("reply_markup").path("inline_keyboard");
        assertThat(keyboard.size()).isEqualTo(2);
        assertThat(keyboard.path(0).path(0).path("callback_data").asString()).isEqualTo("kb:gcc-001");
        assertThat(keyboard.path(0).path(0).path("text").asString()).isEqualTo("ما هو مركز التواصل الحكومي؟");
        assertThat(keyboard.path(1).path(0).path("callback_data").asString()).isEqualTo("kb:gcc-002");
    }

    @Test
    void choiceIdOverSixtyFourBytesFailsWithoutCallingTelegram() {
        var message = new OutboundMessage("telegram", "5550001", "?", null,
                List.of(new OutboundMessage.Choice("ك".repeat(33), "too long")), null, "ar"); // 66 bytes in UTF-8

        SendResult result = adapter.send(message);

        assertThat(result).isInstanceOf(SendResult.Failed.class);
        assertThat(((SendResult.Failed) result).reason()).contains("64-byte");
        assertThat(telegram.requests()).isEmpty();
    }

    @Test
    void longTextIsSplitAtParagraphsWithTheKeyboardOnTheLastPart() {
        telegram.on("POST", "/sendMessage$")
                .reply(200, api("sent.json").replace("301", "311"))
                .reply(200, api("sent.json").replace("301", "312"))
                .reply(200, api("sent.json").replace("301", "313"))
                .reply(200, api("sent.json").replace("301", "314"));
        String paragraph = "فقرة " + "نص طويل ".repeat(300); // ~2,400 chars
        // two paragraphs exceed 4,096 characters: each part is one whole paragraph
        String text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        var message = new OutboundMessage("telegram", "5550001", text, null,
                List.of(new OutboundMessage.Choice("fb:up", "👍")), null, "ar");

        SendResult result = adapter.send(message);

        assertThat(result).isEqualTo(new SendResult.Sent(List.of("5550001:311", "5550001:312", "5550001:313", "5550001:314")));
        var requests = telegram.requests("/sendMessage$");
        assertThat(requests).hasSize(4);
        for (var r : requests) {
            String part = json(r).path("text").asString();
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(part).isEqualTo(paragraph.strip());
        }
        assertThat(json(requests.get(0)).has("reply_markup")).isFalse();
        assertThat(json(requests.get(3)).path("reply_markup").path("inline_keyboard").size()).isEqualTo(1);
    }

    @Test
    void tooManyRequestsThenSuccess() {
        telegram.on("POST", "/sendMessage$").reply(429, api("too-many-requests.json")).reply(200, api("sent.json"));
        var message = OutboundMessage.text("telegram", "5550001", "Hello", "en");

        assertThat(adapter.send(message)).isEqualTo(new SendResult.Retry(Duration.ofSeconds(5),
                "Telegram 429 Too Many Requests: retry after 5"));
        assertThat(adapter.send(message)).isEqualTo(new SendResult.Sent(List.of("5550001:301")));
    }

    /** Bot API error reply → what the worker does. */
    static Stream<Arguments> errors() {
        return Stream.of(
                argumentSet("bot blocked by the user", 403, "bot-blocked.json", new SendResult.Failed(RecipientState.UNREACHABLE,
                        "Telegram 403 Forbidden: bot was blocked by the user")),
                argumentSet("chat not found", 400, "chat-not-found.json", new SendResult.Failed(RecipientState.UNREACHABLE,
                        "Telegram 400 Bad Request: chat not found")),
                argumentSet("other bad request is about the message", 400, "cant-parse.json", new SendResult.Failed(RecipientState.OK,
                        "Telegram 400 Bad Request: can't parse entities: Unsupported start tag \"b\" at byte offset 0")),
                argumentSet("server error is retried", 500, "internal-error.json", new SendResult.Retry(null,
                        "Telegram 500 Internal Server Error")));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void permanentAndTemporaryErrors(int status, String reply, SendResult expected) {
        telegram.on("POST", "/sendMessage$").reply(status, api(reply));

        assertThat(adapter.send(OutboundMessage.text("telegram", "5550001", "مرحبا", "ar"))).isEqualTo(expected);
    }

    @Test
    void proxyErrorPageIsRetried() {
        telegram.on("POST", "/sendMessage$").reply(new Reply(502, Map.of("Content-Type", "text/html"),
                "<html>Bad Gateway</html>", Duration.ZERO));

        SendResult result = adapter.send(OutboundMessage.text("telegram", "5550001", "hi", "en"));

        assertThat(result).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) result).reason()).doesNotContain(TOKEN);
    }

    @Test
    void unreachableBotApiIsRetriedWithoutTheToken() {
        telegram.close(); // nothing listens on the port any more: connection refused

        SendResult result = adapter.send(OutboundMessage.text("telegram", "5550001", "hi", "en"));

        assertThat(result).isInstanceOf(SendResult.Retry.class);
        assertThat(((SendResult.Retry) result).reason()).startsWith("Telegram unreachable").doesNotContain(TOKEN);
    }

    @Test
    void acknowledgeAnswersTheCallbackQuery() {
        telegram.on("POST", "/answerCallbackQuery$").reply(200, api("true.json"));
        var choice = new InboundMessage("telegram", "callback:4382", "5550001", InboundMessage.Kind.CHOICE, "kb:gcc-001",
                "ar", java.time.Instant.now(), Map.of(TelegramUpdates.CALLBACK_QUERY_ID, "4382bfdwdsb323b2d9"));

        adapter.acknowledge(choice);
        adapter.acknowledge(OutboundTestSupport.text("5550001")); // no callback: no call

        var requests = telegram.requests("/answerCallbackQuery$");
        assertThat(requests).hasSize(1);
        assertThat(json(requests.getFirst()).path("callback_query_id").asString()).isEqualTo("4382bfdwdsb323b2d9");
    }

    @Test
    void pacingIsThirtyPerSecondAndOnePerChat() {
        assertThat(adapter.sendRatePerSecond()).isEqualTo(30);
        assertThat(adapter.perRecipientInterval()).contains(Duration.ofSeconds(1));
        assertThat(adapter.replyWindow()).isEmpty();
    }

    static final class OutboundTestSupport {
        static InboundMessage text(String sender) {
            return new InboundMessage("telegram", sender + ":1", sender, InboundMessage.Kind.TEXT, "hi", null,
                    java.time.Instant.now(), Map.of());
        }
    }
}
