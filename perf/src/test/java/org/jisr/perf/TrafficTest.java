package org.jisr.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.telegram.TelegramAdapter;
import org.jisr.bots.telegram.TelegramSettings;
import org.jisr.bots.twilio.TwilioAdapter;
import org.jisr.bots.twilio.TwilioSettings;
import org.jisr.bots.webchat.WebchatAdapter;
import org.jisr.bots.whatsapp.WhatsAppCloudAdapter;
import org.jisr.bots.whatsapp.WhatsAppSettings;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness's requests, byte for byte, are accepted by the real adapters configured with the settings the harness
 * gives the gateway (so a signing mistake fails here, not as a mysterious 403 in a run), and each message's token is
 * the address the gateway will reply to.
 */
class TrafficTest {

    static final URI API = URI.create("http://127.0.0.1:9");
    static final byte[] WEBCHAT_SECRET = "perf-webchat-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final Traffic traffic = new Traffic(7, List.of(Traffic.Channel.values()), WEBCHAT_SECRET);

    static Stream<Arguments> channels() {
        return Stream.of(
                Arguments.of(Named.of("Telegram", Traffic.Channel.TELEGRAM), new TelegramAdapter(TelegramSettings.of(Traffic.TELEGRAM_TOKEN,
                        Traffic.TELEGRAM_SECRET, TelegramSettings.Mode.WEBHOOK, API, Traffic.PUBLIC_BASE_URL))),
                Arguments.of(Named.of("Twilio SMS", Traffic.Channel.SMS), twilio()),
                Arguments.of(Named.of("WhatsApp through Twilio", Traffic.Channel.WA_TWILIO), twilio()),
                Arguments.of(Named.of("WhatsApp Cloud", Traffic.Channel.WHATSAPP), new WhatsAppCloudAdapter(new WhatsAppSettings(
                        Traffic.WHATSAPP_TOKEN, Traffic.WHATSAPP_SECRET, Traffic.WHATSAPP_VERIFY, Traffic.WHATSAPP_PHONE_ID, API, "v23.0", null, 80))),
                Arguments.of(Named.of("web chat", Traffic.Channel.WEBCHAT), new WebchatAdapter(WEBCHAT_SECRET, (v, m, key) -> "x", 100)));
    }

    static TwilioAdapter twilio() {
        return new TwilioAdapter(new TwilioSettings(Traffic.TWILIO_SID, Traffic.TWILIO_TOKEN, Traffic.TWILIO_SMS_FROM,
                Traffic.TWILIO_WHATSAPP_FROM, API, Traffic.PUBLIC_BASE_URL, null, 1, 3));
    }

    @ParameterizedTest
    @MethodSource("channels")
    void everyChannelsRequestIsAcceptedAndRepliesGoToItsToken(Traffic.Channel channel, ChannelAdapter adapter) throws IOException {
        long seq = channel.ordinal(); // the mix rotates over the channels in declaration order
        Traffic.Message m = traffic.message(seq, "127.0.0.1:8080");
        assertThat(m.channel()).isEqualTo(channel);
        WebhookResult r = adapter.handle(parse(m.request()));
        assertThat(r).as(r.toString()).isInstanceOf(WebhookResult.Accepted.class);
        InboundMessage in = ((WebhookResult.Accepted) r).messages().getFirst();
        assertThat(m.token()).isEqualTo(in.channel() + ":" + in.sender());
        assertThat(in.text()).isNotBlank();
    }

    @Test
    void sendersAreUniquePerMessageExceptWebChatVisitors() {
        List<String> tokens = new ArrayList<>();
        for (long seq = 0; seq < 500; seq++) {
            Traffic.Message m = traffic.message(seq, "127.0.0.1:8080");
            if (m.channel() != Traffic.Channel.WEBCHAT) {
                tokens.add(m.token());
            }
        }
        assertThat(tokens).doesNotHaveDuplicates();
    }

    /** The raw request bytes as the gateway's WebhookRequest (the public URL is what providers sign). */
    static WebhookRequest parse(byte[] raw) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(raw);
        String[] start = line(in).split(" ");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>()).add(h.substring(colon + 1).trim());
        }
        return new WebhookRequest(start[0], Traffic.PUBLIC_BASE_URL + start[1], headers, Map.of(), in.readAllBytes());
    }

    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
