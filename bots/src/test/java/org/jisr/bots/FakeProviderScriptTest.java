package org.jisr.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jisr.bots.testing.FakeProvider;
import org.junit.jupiter.api.Test;

/** The shared fake provider's scripting: a rule narrowed to one body is tried before the general rule. */
class FakeProviderScriptTest {

    final HttpClient http = HttpClient.newHttpClient();

    int post(FakeProvider fake, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/Messages.json"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aBodyRuleScriptsOneRecipientWhileTheGeneralRuleAnswersTheOthers() throws Exception {
        try (FakeProvider fake = FakeProvider.start()) {
            fake.on("POST", "/Messages.json$").reply(201, "{}");
            fake.on("POST", "/Messages.json$").whenBody("To=\\+966500000001").reply(429, "{}").reply(201, "{}");

            assertThat(post(fake, "To=%2B966500000002&Body=a")).isEqualTo(201); // form-encoded: matched decoded
            assertThat(post(fake, "To=%2B966500000001&Body=b")).isEqualTo(429);
            assertThat(post(fake, "To=%2B966500000001&Body=c")).isEqualTo(201);
            assertThat(post(fake, "To=%2B966500000001&Body=d")).isEqualTo(201);
            assertThat(fake.requests("/Messages.json$")).hasSize(4);
        }
    }
}
