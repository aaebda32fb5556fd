package org.jisr.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** Webhook intake over real HTTP (random port), in-memory store, the test channel and a fake provider. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"KB_IMPORT=" + TestKb.FILE, "ADMIN_USERNAME=admin", "ADMIN_PASSWORD=admin-password-1"})
class WebhookIntakeTest {

    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration
    static class Adapters {
        @Bean
        TestChannel testChannel() {
            return channel;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    EscalationService cases;

    @AfterAll
    static void stop() {
        provider.close();
    }

    HttpResponse<String> post(String path, String signature, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        if (signature != null) {
            b.header("X-Test-Signature", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String msg(String id, String from, String text) {
        return "{\"id\":\"" + id + "\",\"from\":\"" + from + "\",\"text\":\"" + text + "\"}";
    }

    /** name, path, signature, body, expected status, expected reply text to the sender (null: none expected). */
    static Stream<Arguments> calls() {
        String u = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("Arabic text is answered", "/webhooks/test", "ok", msg("a-" + u, "ar-" + u, "ما هو مركز التواصل الحكومي؟"), 200, "تنسق الرسائل الرسمية"),
                Arguments.of("English text is answered", "/webhooks/test", "ok", msg("e-" + u, "en-" + u, "What is the Government Communication Center?"), 200, "coordinates official messages"),
                Arguments.of("media gets 'text only'", "/webhooks/test", "ok", "{\"id\":\"m-" + u + "\",\"from\":\"md-" + u + "\",\"media\":true}", 200, "أستطيع قراءة الرسائل النصية فقط"),
                Arguments.of("edited message is ignored", "/webhooks/test", "ok", "{\"id\":\"x-" + u + "\",\"from\":\"ed-" + u + "\",\"edit\":true}", 200, null),
                Arguments.of("bad signature is refused", "/webhooks/test", "forged", msg("b-" + u, "bs-" + u, "hi"), 403, null),
                Arguments.of("malformed payload is refused", "/webhooks/test", "ok", "{\"id\":", 400, null),
                Arguments.of("unknown channel", "/webhooks/nosuch", "ok", msg("n-" + u, "nc-" + u, "hi"), 404, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void webhook(String name, String path, String signature, String body, int status, String reply) throws Exception {
        HttpResponse<String> r = post(path, signature, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(status);
        if (status >= 400) {
            assertThat(r.body()).contains("\"error\"");
        }
        if (reply != null) {
            String from = Json(body).get("from").asString();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(String.join("\n", channel.textsTo(from))).contains(reply));
        }
    }

    static tools.jackson.databind.JsonNode Json(String s) {
        return org.jisr.gateway.Json.MAPPER.readTree(s);
    }

    @Test
    void bodyOverOneMegabyteIs413() throws Exception {
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        HttpResponse<String> r = post("/webhooks/test", "ok", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than");
    }

    @Test
    void aProviderRetryIsAnsweredOnce() throws Exception {
        String u = UUID.randomUUID().toString();
        String body = msg("dup-" + u, "dup-" + u, "What is the Government Communication Center?");
        assertThat(post("/webhooks/test", "ok", body.getBytes()).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/test", "ok", body.getBytes()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo("dup-" + u).size() >= 1);
        Thread.sleep(500);
        assertThat(channel.textsTo("dup-" + u)).hasSize(1);
    }

    @Test
    void sendRetriesOn429ThenSucceeds() throws Exception {
        String u = UUID.randomUUID().toString();
        TestChannel.to(provider, "retry-" + u).reply(FakeProvider.Reply.json(429, "{}").withHeader("Retry-After", "1"))
                .reply(200, "{\"id\":\"p2\"}");
        post("/webhooks/test", "ok", msg("r-" + u, "retry-" + u, "HELP").getBytes());
        await().atMost(Duration.ofSeconds(15)).until(() -> channel.textsTo("retry-" + u).size() == 1);
        assertThat(channel.textsTo("retry-" + u).getFirst()).contains("Commands:");
        assertThat(provider.requests("/send$")).filteredOn(r -> r.bodyText().contains("retry-" + u)).hasSize(2);
    }

    @Test
    void permanentFailureMarksThePersonUnreachableAndIsNotRetried() throws Exception {
        String u = UUID.randomUUID().toString();
        TestChannel.to(provider, "blocked-" + u).reply(403, "{}").reply(200, "{\"id\":\"p3\"}");
        post("/webhooks/test", "ok", msg("f1-" + u, "blocked-" + u, "HELP").getBytes());
        await().atMost(Duration.ofSeconds(10)).until(() -> new org.jisr.gateway.conversation.People(store).reach("test:blocked-" + u)
                == org.jisr.gateway.conversation.People.Reach.UNREACHABLE);
        Thread.sleep(1000);
        assertThat(provider.requests("/send$")).as("not retried").filteredOn(r -> r.bodyText().contains("blocked-" + u)).hasSize(1);
        assertThat(channel.textsTo("blocked-" + u)).isEmpty();
        // writing again shows they can be reached (a Telegram user who unblocked the bot): the question is answered
        post("/webhooks/test", "ok", msg("f2-" + u, "blocked-" + u, "HELP").getBytes());
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo("blocked-" + u).size() == 1);
    }

    @Test
    void escalationCreatesACaseVisibleInTheApiWithBasicAuth() throws Exception {
        String u = UUID.randomUUID().toString();
        post("/webhooks/test", "ok", msg("esc-" + u, "esc-" + u, "xyzzy plugh frobnicate " + u).getBytes());
        await().atMost(Duration.ofSeconds(10)).until(() -> cases.openCaseOf("test:esc-" + u).isPresent());
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/escalations"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin-password-1".getBytes())).build();
        HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("xyzzy plugh frobnicate " + u).doesNotContain("\"esc-" + u + "\"");
        HttpResponse<String> anon = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/escalations")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anon.statusCode()).isEqualTo(401);
        assertThat(anon.body()).contains("authentication required");
    }
}
