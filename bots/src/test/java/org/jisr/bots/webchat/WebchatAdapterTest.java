package org.jisr.bots.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebchatAdapterTest {

    static final List<OutboundMessage> sent = new ArrayList<>();
    static final WebchatAdapter adapter = new WebchatAdapter("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
            (visitor, m, key) -> {
                sent.add(m);
                return key != null ? "wc-" + key : "wc-" + sent.size();
            }, 100);
    static final String token = adapter.newSessionToken();

    static WebhookRequest post(String cookie, String body) {
        return new WebhookRequest("POST", "http://localhost/webchat/send",
                cookie == null ? Map.of() : Map.of("Cookie", List.of("other=1; " + WebchatAdapter.COOKIE + "=" + cookie)),
                Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Expected: "text:<kind>:<content>" for accepted messages, else "<status>". */
    static Stream<Arguments> cases() {
        String forged = token.substring(0, token.indexOf('.')) + ".AAAA";
        return Stream.of(
                Arguments.of(Named.of("Arabic text", post(token, "{\"id\":\"msg-00001\",\"text\":\" ما هو مركز التواصل؟ \"}")), "TEXT:ما هو مركز التواصل؟"),
                Arguments.of(Named.of("English text", post(token, "{\"id\":\"msg-00002\",\"text\":\"What is GCC?\"}")), "TEXT:What is GCC?"),
                Arguments.of(Named.of("button choice", post(token, "{\"id\":\"msg-00003\",\"choice\":\"pick:gcc-001\"}")), "CHOICE:pick:gcc-001"),
                Arguments.of(Named.of("no session cookie", post(null, "{\"id\":\"msg-00004\",\"text\":\"hi\"}")), "403"),
                Arguments.of(Named.of("forged session", post(forged, "{\"id\":\"msg-00005\",\"text\":\"hi\"}")), "403"),
                Arguments.of(Named.of("malformed JSON", post(token, "{\"id\":")), "400"),
                Arguments.of(Named.of("missing id", post(token, "{\"text\":\"hi\"}")), "400"),
                Arguments.of(Named.of("empty text", post(token, "{\"id\":\"msg-00006\",\"text\":\"  \"}")), "400"),
                Arguments.of(Named.of("too long", post(token, "{\"id\":\"msg-00007\",\"text\":\"" + "x".repeat(2001) + "\"}")), "413"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inbound(WebhookRequest request, String expected) {
        WebhookResult r = adapter.handle(request);
        String got = switch (r) {
            case WebhookResult.Accepted a -> {
                InboundMessage m = a.messages().getFirst();
                assertThat(m.channel()).isEqualTo("webchat");
                assertThat(m.sender()).isEqualTo(token.substring(0, token.indexOf('.')));
                assertThat(m.providerMessageId()).startsWith(m.sender() + ":msg-");
                yield m.kind() + ":" + m.text();
            }
            case WebhookResult.Rejected rej -> Integer.toString(rej.status());
            default -> r.toString();
        };
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void sendHandsTheMessageToTheOutbox() {
        SendResult r = adapter.send(OutboundMessage.text("webchat", "visitor-1", "أهلاً", "ar"));
        assertThat(r).isInstanceOf(SendResult.Sent.class);
        assertThat(sent).last().extracting(OutboundMessage::text).isEqualTo("أهلاً");
    }

    @Test
    void sendHandsTheGatewaysKeyToTheOutbox() {
        SendResult r = adapter.send(OutboundMessage.text("webchat", "visitor-1", "hello", "en"), "job-7");
        assertThat(r).isEqualTo(new SendResult.Sent(List.of("wc-job-7")));
    }

    @Test
    void tokensFromAnotherSecretAreRefused() {
        WebchatAdapter other = new WebchatAdapter("another-secret-of-20b".getBytes(StandardCharsets.UTF_8), (v, m, key) -> "x", 1);
        assertThat(adapter.verify(other.newSessionToken())).isEmpty();
        assertThat(adapter.verify(token)).isPresent();
        assertThat(adapter.verify("garbage")).isEmpty();
    }
}
