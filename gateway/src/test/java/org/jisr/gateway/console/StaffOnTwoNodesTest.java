package org.jisr.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.Json;
import org.jisr.gateway.StaffHttp;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.security.StaffAccount.Role;
import org.jisr.gateway.security.StaffAccounts;
import org.jisr.gateway.store.RedisStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Staff work on two gateway nodes sharing one real Redis (unique key prefix): a console session made on one
 * node is valid on the other, concurrent claims over HTTP on both nodes have exactly one winner, and an article
 * drafted from a staff reply on one node and approved on the other is answered by the bot on both.
 */
class StaffOnTwoNodesTest {

    static final String prefix = TestRedis.uniquePrefix();
    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static RedisStore redis;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    static ConfigurableApplicationContext node() {
        return TestGateway.start(channel, Map.of(
                "REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE,
                "ADMIN_USERNAME", "admin", "ADMIN_PASSWORD", "admin-password-1",
                "JISR_WORKERS", "2", "JISR_OUTBOUND_WORKERS", "2"));
    }

    @BeforeAll
    static void start() {
        redis = TestRedis.store(prefix);
        a = node();
        b = node();
        StaffAccounts accounts = a.getBean(StaffAccounts.class);
        for (int i = 0; i < 8; i++) {
            accounts.upsert("liaison" + i, "liaison-password", Set.of(Role.LIAISON), true);
        }
        accounts.upsert("eddie", "editor-password", Set.of(Role.EDITOR), true);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        provider.close();
        redis.deleteAllWithPrefix();
        redis.close();
    }

    static int port(ConfigurableApplicationContext c) {
        return TestGateway.port(c);
    }

    static String base(ConfigurableApplicationContext c) {
        return "http://127.0.0.1:" + port(c);
    }

    String escalate(String text) {
        String person = "p-" + UUID.randomUUID();
        new StaffHttp(port(a)).webhook("m-" + UUID.randomUUID(), person, text);
        EscalationService cases = a.getBean(EscalationService.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> cases.openCaseOf("test:" + person).isPresent());
        return cases.openCaseOf("test:" + person).orElseThrow().id();
    }

    @Test
    void aConsoleSessionFromOneNodeIsValidOnTheOther() {
        ConsoleSession onA = new ConsoleSession(base(a));
        assertThat(onA.signIn("liaison0", "liaison-password").statusCode()).isEqualTo(302);
        ConsoleSession onB = new ConsoleSession(base(b), onA.cookies);
        HttpResponse<String> page = onB.get("/console/cases");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("liaison0");
        String id = escalate("xyzzy plugh " + UUID.randomUUID());
        onB.get("/console/cases/" + id);
        assertThat(onB.post("/console/cases/" + id + "/claim", Map.of()).statusCode()).as("the CSRF token travels with the session").isEqualTo(302);
        assertThat(b.getBean(EscalationService.class).get(id).orElseThrow().claimedBy()).isEqualTo("liaison0");
    }

    @Test
    void concurrentClaimsOverHttpOnBothNodesHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = escalate("frobnicate " + UUID.randomUUID());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    StaffHttp http = new StaffHttp(port(i % 2 == 0 ? a : b));
                    String who = "liaison" + i;
                    statuses.add(pool.submit(() -> {
                        go.await();
                        return http.call("POST", "/api/v1/escalations/" + id + "/claim", who + ":liaison-password", null).statusCode();
                    }));
                }
                go.countDown();
                List<Integer> got = new ArrayList<>();
                for (Future<Integer> f : statuses) {
                    got.add(f.get());
                }
                assertThat(got).as("round %d", round).containsOnly(200, 409);
                assertThat(got.stream().filter(s -> s == 200).count()).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            String winner = a.getBean(EscalationService.class).get(id).orElseThrow().claimedBy();
            new StaffHttp(port(b)).call("POST", "/api/v1/escalations/" + id + "/close", winner + ":liaison-password", null);
        }
    }

    @Test
    void anArticleDraftedFromAReplyOnOneNodeAndApprovedOnTheOtherIsAnsweredOnBoth() {
        String question = "When does the falcon hospital in Abu Dhabi open its museum tours";
        String id = escalate(question);
        StaffHttp onA = new StaffHttp(port(a));
        StaffHttp onB = new StaffHttp(port(b));
        assertThat(onA.call("POST", "/api/v1/escalations/" + id + "/reply", "liaison1:liaison-password",
                "{\"text\":\"Falcon hospital museum tours start at 10 am, Sunday to Thursday.\"}").statusCode()).isEqualTo(200);
        String articleId = "falcon-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> draft = onA.call("POST", "/api/v1/escalations/" + id + "/draft", "liaison1:liaison-password",
                "{\"id\":\"" + articleId + "\"}");
        assertThat(draft.statusCode()).isEqualTo(201);
        String draftId = Json.MAPPER.readTree(draft.body()).get("id").asString();
        assertThat(onB.call("POST", "/api/v1/kb/drafts/" + draftId + "/approve", "liaison1:liaison-password", null).statusCode())
                .as("a liaison cannot approve").isEqualTo(403);
        assertThat(onB.call("POST", "/api/v1/kb/drafts/" + draftId + "/approve", "eddie:editor-password", null).statusCode()).isEqualTo(200);
        String ask = "{\"text\":\"" + question + "?\",\"lang\":\"en\"}";
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode r = Json.MAPPER.readTree(onA.call("POST", "/api/v1/ask", "liaison1:liaison-password", ask).body());
            assertThat(r.get("decision").asString()).isEqualTo("answer");
            assertThat(r.get("answer").get("id").asString()).isEqualTo(articleId);
        });
        JsonNode versions = Json.MAPPER.readTree(onA.call("GET", "/api/v1/kb/articles/" + articleId + "/versions", "liaison1:liaison-password", null).body());
        assertThat(versions.get(0).get("action").asString()).isEqualTo("approve");
        assertThat(versions.get(0).get("by").asString()).isEqualTo("eddie");
        assertThat(versions.get(1).get("action").asString()).isEqualTo("draft");
        assertThat(versions.get(1).get("by").asString()).isEqualTo("liaison1");
    }
}
