package org.jisr.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jisr.bots.testing.FakeProvider;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Telegram in webhook mode, end to end: the shared case table plus registration and button acknowledgement. */
class TelegramEndToEndTest extends ChannelEndToEnd {

    static final FakeProvider api = TelegramDriver.start();
    final TelegramDriver telegram = new TelegramDriver(api);

    @DynamicPropertySource
    static void telegram(DynamicPropertyRegistry r) {
        r.add("TELEGRAM_BOT_TOKEN", () -> TelegramDriver.TOKEN);
        r.add("TELEGRAM_MODE", () -> "webhook");
        r.add("TELEGRAM_WEBHOOK_SECRET", () -> TelegramDriver.SECRET);
        r.add("TELEGRAM_API_URL", () -> api.baseUrl().toString());
    }

    @Override
    List<Driver> drivers() {
        return List.of(telegram);
    }

    @Override
    void afterStop() {
        api.close();
    }

    @Test
    void answeringThreadsRunBelowTheWebhookThreadsPriority() {
        // with -XX:ThreadPriorityPolicy=1 (Docker image, harness) this becomes nice 10: intake first when cores are short
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("jisr-.+-(in|out)-\\d+|jisr-out-scheduler-.+")).toList();
        assertThat(workers).as("inbound, outbound and scheduler threads").hasSizeGreaterThan(2)
                .allSatisfy(t -> assertThat(t.getPriority()).as(t.getName()).isEqualTo(Thread.MIN_PRIORITY));
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("http-nio-")))
                .as("webhook threads").isNotEmpty().allSatisfy(t -> assertThat(t.getPriority()).isEqualTo(Thread.NORM_PRIORITY));
    }

    @Test
    void atStartTheWebhookIsRegisteredForThePublicUrlWithTheSecret() {
        String body = api.awaitRequests("/setWebhook$", 1, Duration.ofSeconds(10)).getFirst().bodyText();
        assertThat(body).contains(PUBLIC_BASE_URL + "/webhooks/telegram").contains(TelegramDriver.SECRET)
                .contains("[\"message\",\"callback_query\"]");
    }

    @Test
    void aButtonPressIsAnsweredAndItsCallbackQueryAcknowledged() {
        Person p = telegram.person();
        accepted(telegram, telegram.text(p, GCC_EN));
        Delivery answer = awaitSent(telegram, p, 1).getFirst();
        assertThat(answer.choiceIds()).containsExactly("fb:y:gcc-001", "fb:n:gcc-001");
        Call press = telegram.pick(p, answer, 0);
        String queryId = org.jisr.gateway.Json.MAPPER.readTree(press.body()).path("callback_query").path("id").asString();
        accepted(telegram, press);
        assertThat(awaitSent(telegram, p, 2).get(1).text()).contains("Thank you for your feedback");
        // the button stops spinning: answerCallbackQuery with that query's id
        assertThat(api.awaitRequests("/answerCallbackQuery$", 1, WAIT)).anySatisfy(r -> assertThat(r.bodyText()).contains(queryId));
    }
}
