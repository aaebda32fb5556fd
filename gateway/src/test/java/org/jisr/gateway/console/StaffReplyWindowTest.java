package org.jisr.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.StaffHttp;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.security.StaffAccount.Role;
import org.jisr.gateway.security.StaffAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A staff answer on a channel with a reply window (like WhatsApp's 24 hours, here 2 seconds) after the window
 * closed: the configured template goes out first and the answer is held until the person responds; the case
 * view says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"KB_IMPORT=" + TestKb.FILE, "ADMIN_USERNAME=admin", "ADMIN_PASSWORD=admin-password-1"})
@DirtiesContext
class StaffReplyWindowTest {

    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), Duration.ofSeconds(2), "answer_ready");

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
    EscalationService cases;
    @Autowired
    StaffAccounts accounts;

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void theTemplateGoesFirstAndTheAnswerWhenThePersonResponds() throws Exception {
        accounts.upsert("lina", "liaison-password", Set.of(Role.LIAISON), true);
        String person = "wa-" + UUID.randomUUID();
        StaffHttp http = new StaffHttp(port);
        http.webhook("m1-" + person, person, "xyzzy plugh frobnicate");
        await().atMost(Duration.ofSeconds(10)).until(() -> cases.openCaseOf("test:" + person).isPresent());
        String id = cases.openCaseOf("test:" + person).orElseThrow().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo(person).size() == 1); // "passed to our staff"

        ConsoleSession lina = new ConsoleSession(http.base());
        lina.signIn("lina", "liaison-password");
        assertThat(lina.get("/console/cases/" + id).body()).contains("id=\"window-notice\"").contains("class=\"notice info\"");
        Thread.sleep(2500); // the window closes
        String page = lina.get("/console/cases/" + id).body();
        assertThat(page).contains("class=\"notice warn\"").contains("answer_ready");

        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/reply", "lina:liaison-password",
                "{\"text\":\"The answer you waited for.\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo(person).contains("[template answer_ready]"));
        Thread.sleep(500);
        assertThat(channel.textsTo(person)).doesNotContain("The answer you waited for.");

        http.webhook("m2-" + person, person, "ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo(person).contains("The answer you waited for."));
        assertThat(channel.textsTo(person).stream().filter(t -> t.equals("[template answer_ready]")).count()).as("one template").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cases.get(id).orElseThrow().deliveries()).extracting(d -> d.state()).contains("SENT"));
    }
}
