package org.jisr.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;
import org.jisr.gateway.Json;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram in long-polling mode (the default: no public URL needed): the gateway starts the channel's source at
 * start-up; getUpdates on the fake Bot API hands it two questions, which are stored like webhook calls and answered.
 */
class TelegramPollingEndToEndTest extends EndToEnd {

    static final FakeProvider api = TelegramDriver.start();

    static {
        // the fixture's batch, with questions the test knowledge base answers; then quiet long polls
        ObjectNode batch = (ObjectNode) Json.MAPPER.readTree(Fixtures.text("telegram/api/updates-two.json"));
        ((ObjectNode) batch.path("result").path(0).path("message")).put("text", GCC_AR);
        ((ObjectNode) batch.path("result").path(1).path("message")).put("text", GCC_EN);
        api.on("POST", "/getUpdates$").reply(200, Json.write(batch))
                .reply(FakeProvider.Reply.json(200, Fixtures.text("telegram/api/updates-empty.json")).after(Duration.ofMillis(300)));
    }

    final TelegramDriver telegram = new TelegramDriver(api);

    @DynamicPropertySource
    static void telegram(DynamicPropertyRegistry r) {
        r.add("TELEGRAM_BOT_TOKEN", () -> TelegramDriver.TOKEN);
        r.add("TELEGRAM_MODE", () -> "polling");
        r.add("TELEGRAM_API_URL", () -> api.baseUrl().toString());
    }

    @Override
    void afterStop() {
        api.close();
    }

    @Test
    void polledQuestionsAreAnsweredAndTheBatchIsConfirmedOnlyAfterItWasStored() {
        Person sara = new Person("5550001", "telegram:5550001");
        Person john = new Person("5550002", "telegram:5550002");
        assertThat(awaitSent(telegram, sara, 1).getFirst().text()).contains("مركز التواصل الحكومي هو الجهة التي تنسق")
                .contains("المصدر: Ministry of Media");
        assertThat(awaitSent(telegram, john, 1).getFirst().text()).contains("coordinates official messages");
        assertThat(api.requests("/deleteWebhook$")).as("polling removes any webhook first").isNotEmpty();
        // the next getUpdates asks from past the batch: only then does Telegram drop it
        var polls = api.awaitRequests("/getUpdates$", 2, WAIT);
        assertThat(Json.MAPPER.readTree(polls.get(1).body()).path("offset").asInt()).isEqualTo(912346003);
    }
}
