package org.jisr.bots.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jisr.bots.InboundMessage;
import org.jisr.bots.InboundSource;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Webhook registration and long polling against a local Bot API. */
class TelegramSourcesTest {

    static final String TOKEN = "123456:TEST-token";
    FakeProvider telegram;

    @BeforeEach
    void start() {
        telegram = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void webhookModeRegistersThePublicUrlWithSecretAndUpdateKinds() {
        telegram.on("POST", "/setWebhook$").reply(500, Fixtures.text("telegram/api/internal-error.json"))
                .reply(200, Fixtures.text("telegram/api/true.json"));
        var settings = TelegramSettings.of(TOKEN, "hook-Secret_1", TelegramSettings.Mode.WEBHOOK, telegram.baseUrl(),
                "https://jisr.example.gov");

        try (InboundSource source = new TelegramAdapter(settings).source()) {
            source.start(batch -> {
                throw new AssertionError("webhook mode delivers through the gateway's webhook");
            });
            // the first attempt fails with 500: registration is retried
            var requests = telegram.awaitRequests("/bot" + TOKEN + "/setWebhook$", 2, Duration.ofSeconds(10));
            String body = requests.get(1).bodyText(); // multipart form
            assertThat(body).contains("https://jisr.example.gov/webhooks/telegram")
                    .contains("hook-Secret_1")
                    .contains("[\"message\",\"callback_query\"]");
        }
    }

    @Test
    void pollingRetriesABatchTheSinkCouldNotStoreAndConfirmsItOnlyAfterwards() {
        telegram.on("POST", "/deleteWebhook$").reply(200, Fixtures.text("telegram/api/true.json"));
        telegram.on("POST", "/getUpdates$")
                .reply(200, Fixtures.text("telegram/api/updates-two.json"))
                .reply(FakeProvider.Reply.json(200, Fixtures.text("telegram/api/updates-empty.json"))
                        .after(Duration.ofMillis(300)));
        var settings = TelegramSettings.of(TOKEN, null, TelegramSettings.Mode.POLLING, telegram.baseUrl(),
                "http://localhost:8080").withPollTimeout(Duration.ofSeconds(1));
        List<List<String>> offered = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();

        try (InboundSource source = new TelegramAdapter(settings).source()) {
            source.start(batch -> {
                offered.add(batch.messages().stream().map(InboundMessage::providerMessageId).toList());
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("store down");
                }
            });
            var polls = telegram.awaitRequests("/getUpdates$", 2, Duration.ofSeconds(15));

            assertThat(telegram.requests("/deleteWebhook$")).isNotEmpty();
            assertThat(offered).hasSize(2).allSatisfy(ids -> assertThat(ids).containsExactly("5550001:401", "5550002:402"));
            // the second getUpdates asks from past the batch: Telegram treats it as confirmed only now
            var json = JsonMapper.builder().build();
            assertThat(json.readTree(polls.get(0).body()).path("offset").asInt()).isEqualTo(1);
            assertThat(json.readTree(polls.get(1).body()).path("offset").asInt()).isEqualTo(912346003);
            assertThat(json.readTree(polls.get(1).body()).path("allowed_updates").toString())
                    .isEqualTo("[\"message\",\"callback_query\"]");
        }
    }
}
