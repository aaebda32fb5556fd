package org.jisr.bots.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.URI;
import java.util.stream.Stream;

import org.jisr.bots.InboundMessage;
import org.jisr.bots.InboundMessage.Kind;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.testing.Fixtures;
import org.jisr.bots.testing.WebhookServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Telegram updates posted over HTTP to the adapter, as Telegram posts them in webhook mode. */
class TelegramInboundTest {

    static final String SECRET = "s3cr3t-Webhook_token";
    static WebhookServer server;

    @BeforeAll
    static void start() {
        TelegramSettings settings = TelegramSettings.of("123456:TEST-token", SECRET, TelegramSettings.Mode.WEBHOOK,
                URI.create("http://127.0.0.1:9"), "https://jisr.example.gov");
        server = WebhookServer.start("https://jisr.example.gov", new TelegramAdapter(settings));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** fixture → kind, text, sender, provider id, language hint. */
    static Stream<Arguments> messages() {
        return Stream.of(
                argumentSet("Arabic text", "text-arabic.json", Kind.TEXT, "ما هو مركز التواصل الحكومي؟", "5550001", "5550001:101", "ar"),
                argumentSet("English text keeps the full language tag", "text-english.json", Kind.TEXT,
                        "When does the visa office open on Fridays?", "5550002", "5550002:102", "en-GB"),
                argumentSet("command loses the @bot suffix", "command-start.json", Kind.TEXT, "/start", "5550001", "5550001:103", "ar"),
                argumentSet("inline-keyboard button is a choice", "callback-choice.json", Kind.CHOICE, "kb:gcc-001", "5550001",
                        "callback:4382bfdwdsb323b2d9", "ar"),
                argumentSet("photo, even with a caption, is unsupported", "photo.json", Kind.UNSUPPORTED, "", "5550001", "5550001:104", "ar"),
                argumentSet("voice note is unsupported", "voice.json", Kind.UNSUPPORTED, "", "5550002", "5550002:105", "en"),
                argumentSet("sticker is unsupported", "sticker.json", Kind.UNSUPPORTED, "", "5550002", "5550002:106", "en"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void accepts(String fixture, Kind kind, String text, String sender, String id, String lang) {
        WebhookServer.Answer answer = server.post("telegram", Fixtures.bytes("telegram/" + fixture),
                TelegramAdapter.SECRET_HEADER, SECRET);

        assertThat(answer.status()).isEqualTo(200);
        InboundMessage m = ((WebhookResult.Accepted) answer.result()).messages().getFirst();
        assertThat(m.channel()).isEqualTo("telegram");
        assertThat(m.kind()).isEqualTo(kind);
        assertThat(m.text()).isEqualTo(text);
        assertThat(m.sender()).isEqualTo(sender);
        assertThat(m.providerMessageId()).isEqualTo(id);
        assertThat(m.languageHint()).isEqualTo(lang);
    }

    /** fixture, secret header → HTTP status, result type. */
    static Stream<Arguments> others() {
        return Stream.of(
                argumentSet("edited message ignored", "edited-message.json", SECRET, 200, WebhookResult.Ignored.class),
                argumentSet("channel post ignored", "channel-post.json", SECRET, 200, WebhookResult.Ignored.class),
                argumentSet("group chat ignored", "group-message.json", SECRET, 200, WebhookResult.Ignored.class),
                argumentSet("bot blocked (my_chat_member) ignored", "my-chat-member.json", SECRET, 200, WebhookResult.Ignored.class),
                argumentSet("unknown update kind ignored", "future-kind.json", SECRET, 200, WebhookResult.Ignored.class),
                argumentSet("wrong secret refused", "text-arabic.json", "not-the-secret", 403, WebhookResult.Rejected.class),
                argumentSet("secret of another length refused", "text-arabic.json", SECRET + "x", 403, WebhookResult.Rejected.class),
                argumentSet("missing secret refused", "text-arabic.json", null, 403, WebhookResult.Rejected.class),
                argumentSet("truncated JSON is malformed", "malformed.json", SECRET, 400, WebhookResult.Rejected.class));
    }

    @ParameterizedTest
    @MethodSource("others")
    void answers(String fixture, String secret, int status, Class<?> resultType) {
        byte[] body = Fixtures.bytes("telegram/" + fixture);
        WebhookServer.Answer answer = secret == null ? server.post("telegram", body)
                : server.post("telegram", body, TelegramAdapter.SECRET_HEADER, secret);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.result()).isInstanceOf(resultType);
    }

    @Test
    void duplicateDeliveryHasTheSameProviderMessageId() {
        byte[] body = Fixtures.bytes("telegram/text-arabic.json");
        var first = (WebhookResult.Accepted) server.post("telegram", body, TelegramAdapter.SECRET_HEADER, SECRET).result();
        var again = (WebhookResult.Accepted) server.post("telegram", body, TelegramAdapter.SECRET_HEADER, SECRET).result();

        assertThat(again.messages().getFirst().providerMessageId())
                .isEqualTo(first.messages().getFirst().providerMessageId());
    }

    @Test
    void malformedNamesTheProblem() {
        var answer = server.post("telegram", "[1,2]".getBytes(), TelegramAdapter.SECRET_HEADER, SECRET);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("malformed Telegram update");
    }

    @Test
    void bodyOverOneMegabyteIsTooLarge() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        assertThat(server.post("telegram", big, TelegramAdapter.SECRET_HEADER, SECRET).status()).isEqualTo(413);
    }

    @Test
    void getIsNotAllowed() {
        assertThat(server.get("/webhooks/telegram").status()).isEqualTo(405);
    }

    @Test
    void pollingModeRefusesWebhookCalls() {
        var polling = new TelegramAdapter(TelegramSettings.of("123456:TEST-token", null, TelegramSettings.Mode.POLLING,
                URI.create("http://127.0.0.1:9"), "http://localhost:8080"));
        try (var ws = WebhookServer.start("http://localhost:8080", polling)) {
            assertThat(ws.post("telegram", Fixtures.bytes("telegram/text-arabic.json")).status()).isEqualTo(403);
        }
    }
}
