package org.jisr.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Environment → enabled channels, or the one variable that is wrong. */
class ChannelsTest {

    static final String BASE = "https://jisr.example.gov";
    static final Map<String, String> TELEGRAM = Map.of("TELEGRAM_BOT_TOKEN", "123456:ABC-def_123");
    static final Map<String, String> TWILIO = Map.of("TWILIO_ACCOUNT_SID", "ACa1b2c3d4e5f60718293a4b5c6d7e8f90",
            "TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef", "TWILIO_SMS_FROM", "+966115550100");
    static final Map<String, String> WHATSAPP = Map.of("WHATSAPP_TOKEN", "EAAG-token", "WHATSAPP_APP_SECRET", "s",
            "WHATSAPP_VERIFY_TOKEN", "v", "WHATSAPP_PHONE_NUMBER_ID", "106540352242922");

    @SafeVarargs
    static Map<String, String> env(Map<String, String>... parts) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, String> p : parts) {
            env.putAll(p);
        }
        return env;
    }

    static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    static Stream<Arguments> enabled() {
        return Stream.of(
                argumentSet("nothing set: no channels", Map.of(), List.of(), 0),
                argumentSet("blank values count as unset", Map.of("TELEGRAM_BOT_TOKEN", " ", "TWILIO_ACCOUNT_SID", ""), List.of(), 0),
                argumentSet("Telegram token alone: polling", TELEGRAM, List.of("telegram"), 1),
                argumentSet("Telegram webhook with secret", with(TELEGRAM, "TELEGRAM_MODE", "WEBHOOK",
                        "TELEGRAM_WEBHOOK_SECRET", "abc_DEF-123"), List.of("telegram"), 1),
                argumentSet("a secret without a token leaves Telegram off", Map.of("TELEGRAM_WEBHOOK_SECRET", "x"), List.of(), 0),
                argumentSet("Twilio with an SMS sender", TWILIO, List.of("twilio"), 0),
                argumentSet("Twilio with only a WhatsApp sender", with(env(TWILIO), "TWILIO_SMS_FROM", "",
                        "TWILIO_WHATSAPP_FROM", "whatsapp:+14155238886"), List.of("twilio"), 0),
                argumentSet("WhatsApp Cloud API", WHATSAPP, List.of("whatsapp"), 0),
                argumentSet("all three, with optional settings", with(env(TELEGRAM, TWILIO, WHATSAPP),
                        "TELEGRAM_API_URL", "http://127.0.0.1:8081", "TELEGRAM_SEND_RATE", "20",
                        "TWILIO_API_URL", "http://127.0.0.1:8082/twilio", "TWILIO_WHATSAPP_TEMPLATE_SID", "HX0123456789abcdef",
                        "WHATSAPP_API_URL", "http://127.0.0.1:8083", "WHATSAPP_GRAPH_VERSION", "v24.0",
                        "WHATSAPP_TEMPLATE_NAME", "answer_ready", "WHATSAPP_SEND_RATE", "40.5"),
                        List.of("telegram", "twilio", "whatsapp"), 1));
    }

    @ParameterizedTest
    @MethodSource("enabled")
    void enables(Map<String, String> env, List<String> channels, int sources) {
        Channels built = Channels.fromEnvironment(env, BASE);

        assertThat(built.adapters()).extracting(ChannelAdapter::channel).containsExactlyElementsOf(channels);
        assertThat(built.sources()).hasSize(sources);
        // the same variables through a lookup function (the gateway's Spring environment) give the same channels
        Channels looked = Channels.fromEnvironment(env::get, BASE);
        assertThat(looked.adapters()).extracting(ChannelAdapter::channel).containsExactlyElementsOf(channels);
        looked.sources().forEach(InboundSource::close);
        built.sources().forEach(InboundSource::close);
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                argumentSet("Telegram token of the wrong shape", Map.of("TELEGRAM_BOT_TOKEN", "not a token"), "TELEGRAM_BOT_TOKEN"),
                argumentSet("unknown Telegram mode", with(TELEGRAM, "TELEGRAM_MODE", "push"), "TELEGRAM_MODE"),
                argumentSet("webhook mode without a secret", with(TELEGRAM, "TELEGRAM_MODE", "webhook"), "TELEGRAM_WEBHOOK_SECRET"),
                argumentSet("secret with characters Telegram refuses", with(TELEGRAM, "TELEGRAM_MODE", "webhook",
                        "TELEGRAM_WEBHOOK_SECRET", "has spaces!"), "TELEGRAM_WEBHOOK_SECRET"),
                argumentSet("malformed Telegram API URL", with(TELEGRAM, "TELEGRAM_API_URL", "api.telegram.org"), "TELEGRAM_API_URL"),
                argumentSet("Telegram API URL with a path prefix", with(TELEGRAM, "TELEGRAM_API_URL", "http://proxy:8081/telegram"),
                        "TELEGRAM_API_URL"),
                argumentSet("non-numeric Telegram rate", with(TELEGRAM, "TELEGRAM_SEND_RATE", "fast"), "TELEGRAM_SEND_RATE"),
                argumentSet("zero Telegram rate", with(TELEGRAM, "TELEGRAM_SEND_RATE", "0"), "TELEGRAM_SEND_RATE"),
                argumentSet("Twilio SID without token", Map.of("TWILIO_ACCOUNT_SID", "ACa1b2c3d4e5f60718293a4b5c6d7e8f90",
                        "TWILIO_SMS_FROM", "+966115550100"), "TWILIO_AUTH_TOKEN"),
                argumentSet("Twilio token without SID", Map.of("TWILIO_AUTH_TOKEN", "x", "TWILIO_SMS_FROM", "+966115550100"),
                        "TWILIO_ACCOUNT_SID"),
                argumentSet("Twilio without a sender", with(TWILIO, "TWILIO_SMS_FROM", ""), "TWILIO_SMS_FROM"),
                argumentSet("SMS sender not in E.164", with(TWILIO, "TWILIO_SMS_FROM", "0115550100"), "TWILIO_SMS_FROM"),
                argumentSet("WhatsApp sender without whatsapp:", with(TWILIO, "TWILIO_WHATSAPP_FROM", "+14155238886"),
                        "TWILIO_WHATSAPP_FROM"),
                argumentSet("Twilio template that is not a Content SID", with(TWILIO, "TWILIO_WHATSAPP_TEMPLATE_SID", "answer_ready"),
                        "TWILIO_WHATSAPP_TEMPLATE_SID"),
                argumentSet("malformed Twilio API URL", with(TWILIO, "TWILIO_API_URL", "ftp://x"), "TWILIO_API_URL"),
                argumentSet("non-numeric Twilio rate", with(TWILIO, "TWILIO_SEND_RATE", "1/s"), "TWILIO_SEND_RATE"),
                argumentSet("WhatsApp without its app secret", with(WHATSAPP, "WHATSAPP_APP_SECRET", ""), "WHATSAPP_APP_SECRET"),
                argumentSet("WhatsApp phone number id not numeric", with(WHATSAPP, "WHATSAPP_PHONE_NUMBER_ID", "+966115550100"),
                        "WHATSAPP_PHONE_NUMBER_ID"),
                argumentSet("Graph version without v", with(WHATSAPP, "WHATSAPP_GRAPH_VERSION", "23.0"), "WHATSAPP_GRAPH_VERSION"),
                argumentSet("malformed WhatsApp API URL", with(WHATSAPP, "WHATSAPP_API_URL", "graph facebook com"), "WHATSAPP_API_URL"),
                argumentSet("template name with capitals", with(WHATSAPP, "WHATSAPP_TEMPLATE_NAME", "Answer Ready"),
                        "WHATSAPP_TEMPLATE_NAME"),
                argumentSet("negative WhatsApp rate", with(WHATSAPP, "WHATSAPP_SEND_RATE", "-5"), "WHATSAPP_SEND_RATE"));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void namesTheWrongVariable(Map<String, String> env, String variable) {
        assertThatThrownBy(() -> Channels.fromEnvironment(env, BASE))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).startsWith(variable + ": ");
                });
    }

    @Test
    void telegramWebhookOnRealTelegramNeedsHttps() {
        var env = with(TELEGRAM, "TELEGRAM_MODE", "webhook", "TELEGRAM_WEBHOOK_SECRET", "abc");

        assertThatThrownBy(() -> Channels.fromEnvironment(env, "http://localhost:8080"))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.variable()).isEqualTo("PUBLIC_BASE_URL"));
    }

    @Test
    void secretsNeverAppearInErrors() {
        var env = Map.of("TELEGRAM_BOT_TOKEN", "leaky secret token");

        assertThatThrownBy(() -> Channels.fromEnvironment(env, BASE)).hasMessageNotContaining("leaky");
    }
}
