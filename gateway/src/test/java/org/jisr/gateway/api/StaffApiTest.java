package org.jisr.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.Json;
import org.jisr.gateway.StaffHttp;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.security.StaffAccount.Role;
import org.jisr.gateway.security.StaffAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/** The staff API over real HTTP: roles, the case workflow, journalists, staff accounts, audit, lock-out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"KB_IMPORT=" + TestKb.FILE, "ADMIN_USERNAME=admin", "ADMIN_PASSWORD=admin-password-1",
                "JISR_LOGIN_MAX_FAILURES=3"})
@DirtiesContext
class StaffApiTest {

    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static final String ADMIN = "admin:admin-password-1";
    static final String EDITOR = "eddie:editor-password";
    static final String LIAISON = "lina:liaison-password";
    static final String LIAISON2 = "layla:liaison-password";

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
    StaffAccounts accounts;
    @Autowired
    EscalationService cases;
    StaffHttp http;

    @BeforeEach
    void accounts() {
        http = new StaffHttp(port);
        if (accounts.find("eddie").isEmpty()) {
            accounts.upsert("eddie", "editor-password", Set.of(Role.EDITOR), true);
            accounts.upsert("lina", "liaison-password", Set.of(Role.LIAISON), true);
            accounts.upsert("layla", "liaison-password", Set.of(Role.LIAISON), true);
        }
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    /** name, method, path, credentials, body, expected status. */
    static Stream<Arguments> access() {
        return Stream.of(
                Arguments.of("no login: escalations 401", "GET", "/api/v1/escalations?status=open", null, null, 401),
                Arguments.of("wrong password 401", "GET", "/api/v1/escalations", "lina:wrong-password", null, 401),
                Arguments.of("liaison lists escalations", "GET", "/api/v1/escalations?status=open", LIAISON, null, 200),
                Arguments.of("unknown status is a 400", "GET", "/api/v1/escalations?status=pending", LIAISON, null, 400),
                Arguments.of("liaison cannot reassign 403", "POST", "/api/v1/escalations/c-x/reassign", LIAISON, "{\"to\":\"lina\"}", 403),
                Arguments.of("editor reassigns an unknown case: 404", "POST", "/api/v1/escalations/c-x/reassign", EDITOR, "{\"to\":\"lina\"}", 404),
                Arguments.of("liaison cannot list staff 403", "GET", "/api/v1/staff", LIAISON, null, 403),
                Arguments.of("editor cannot list staff 403", "GET", "/api/v1/staff", EDITOR, null, 403),
                Arguments.of("admin lists staff", "GET", "/api/v1/staff", ADMIN, null, 200),
                Arguments.of("editor cannot register journalists 403", "PUT", "/api/v1/journalists/phone/+97150", EDITOR, "{\"name\":\"a\",\"outlet\":\"b\"}", 403),
                Arguments.of("liaison cannot read the audit log 403", "GET", "/api/v1/audit", LIAISON, null, 403),
                Arguments.of("admin reads the audit log", "GET", "/api/v1/audit", ADMIN, null, 200),
                Arguments.of("liaison cannot import 403", "POST", "/api/v1/kb/import", LIAISON, "", 403),
                Arguments.of("liaison cannot retire 403", "DELETE", "/api/v1/kb/articles/gcc-001", LIAISON, null, 403),
                Arguments.of("no login: claim 401", "POST", "/api/v1/escalations/c-x/claim", null, null, 401),
                Arguments.of("claim of an unknown case 404", "POST", "/api/v1/escalations/c-x/claim", LIAISON, null, 404),
                Arguments.of("reply without text 400", "POST", "/api/v1/escalations/c-x/reply", LIAISON, "{}", 400),
                Arguments.of("liaison cannot export the audit log 403", "GET", "/api/v1/audit/export?format=csv", LIAISON, null, 403),
                Arguments.of("unknown export format 400", "GET", "/api/v1/audit/export?format=xml", ADMIN, null, 400),
                Arguments.of("metrics need ADMIN", "GET", "/actuator/prometheus", EDITOR, null, 403),
                Arguments.of("health is open", "GET", "/actuator/health", null, null, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("access")
    void rolesOverHttp(String name, String method, String path, String credentials, String body, int status) {
        HttpResponse<String> r = http.call(method, path, credentials, body);
        assertThat(r.statusCode()).isEqualTo(status);
        if (status == 401 || status == 403) {
            assertThat(json(r).get("status").asInt()).isEqualTo(status);
            assertThat(json(r).get("error").asString()).isNotBlank();
        }
    }

    String escalate(String person) {
        String u = UUID.randomUUID().toString();
        assertThat(http.webhook("m-" + u, person, "xyzzy plugh frobnicate " + u).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> cases.openCaseOf("test:" + person).isPresent());
        return cases.openCaseOf("test:" + person).orElseThrow().id();
    }

    @Test
    void claimReplyAndTheAnswerReachesThePersonWithDeliveryStatusOnTheCase() {
        String person = "p-" + UUID.randomUUID();
        String id = escalate(person);
        JsonNode open = json(http.call("GET", "/api/v1/escalations?status=open", LIAISON, null));
        JsonNode listed = null;
        for (JsonNode n : open) {
            if (n.get("id").asString().equals(id)) {
                listed = n;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("person").asString()).doesNotContain(person).endsWith(person.substring(person.length() - 4));
        assertThat(listed.get("status").asString()).isEqualTo("open");
        assertThat(listed.get("priority").asString()).isEqualTo("normal");
        assertThat(listed.get("due_at").asString()).isNotBlank();

        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/claim", LIAISON, null).statusCode()).isEqualTo(200);
        HttpResponse<String> taken = http.call("POST", "/api/v1/escalations/" + id + "/claim", LIAISON2, null);
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(json(taken).get("error").asString()).isEqualTo("already claimed by lina");
        HttpResponse<String> notYours = http.call("POST", "/api/v1/escalations/" + id + "/reply", LIAISON2, "{\"text\":\"hi\"}");
        assertThat(notYours.statusCode()).isEqualTo(409);
        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/reply", LIAISON, "{\"text\":\"  \"}").statusCode()).isEqualTo(400);

        HttpResponse<String> replied = http.call("POST", "/api/v1/escalations/" + id + "/reply", LIAISON,
                "{\"text\":\"The office opens at 8 am. مرحبا\"}");
        assertThat(replied.statusCode()).isEqualTo(200);
        assertThat(json(replied).get("status").asString()).isEqualTo("answered");
        assertThat(json(replied).get("answered_by").asString()).isEqualTo("lina");
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo(person).contains("The office opens at 8 am. مرحبا"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(http.call("GET", "/api/v1/escalations/" + id, LIAISON, null))
                .get("deliveries").toString()).contains("SENT"));
        JsonNode answered = json(http.call("GET", "/api/v1/escalations?status=answered", LIAISON, null));
        assertThat(answered.toString()).contains(id);
        assertThat(json(http.call("GET", "/api/v1/escalations?status=open", LIAISON, null)).toString()).doesNotContain(id);
        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/close", LIAISON2, null).statusCode()).isEqualTo(200);
        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/close", LIAISON2, null).statusCode()).isEqualTo(409);

        String audit = http.call("GET", "/api/v1/audit/export?format=jsonl", ADMIN, null).body();
        assertThat(audit).contains("\"actor\":\"lina\",\"action\":\"claim\",\"target\":\"" + id + "\"")
                .contains("\"action\":\"reply\"").contains("\"actor\":\"layla\",\"action\":\"close\"");
    }

    @Test
    void releaseAndReassign() {
        String id = escalate("r-" + UUID.randomUUID());
        http.call("POST", "/api/v1/escalations/" + id + "/claim", LIAISON, null);
        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/release", LIAISON2, null).statusCode()).isEqualTo(403);
        assertThat(json(http.call("POST", "/api/v1/escalations/" + id + "/reassign", EDITOR, "{\"to\":\"layla\"}")).get("claimed_by").asString())
                .isEqualTo("layla");
        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/reassign", EDITOR, "{\"to\":\"nobody\"}").statusCode()).isEqualTo(400);
        assertThat(json(http.call("POST", "/api/v1/escalations/" + id + "/release", EDITOR, null)).get("status").asString()).isEqualTo("open");
        assertThat(json(http.call("POST", "/api/v1/escalations/" + id + "/priority", LIAISON, "{\"priority\":\"urgent\"}")).get("priority").asString())
                .isEqualTo("urgent");
        assertThat(http.call("POST", "/api/v1/escalations/" + id + "/priority", LIAISON, "{\"priority\":\"soon\"}").statusCode()).isEqualTo(400);
        assertThat(json(http.call("GET", "/api/v1/escalations?status=open", LIAISON, null)).get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void journalistsAreRegisteredByAdminsAndTheirCasesMarkedAndFirst() {
        String reporter = "+9715055" + (100000 + new java.util.Random().nextInt(800000));
        HttpResponse<String> put = http.call("PUT", "/api/v1/journalists/phone/" + reporter, ADMIN, "{\"name\":\"Huda\",\"outlet\":\"Gulf Daily\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(http.call("PUT", "/api/v1/journalists/phone/not-a-phone", ADMIN, "{\"name\":\"Huda\",\"outlet\":\"x\"}").body())
                .contains("identity: not a phone number");
        assertThat(http.call("PUT", "/api/v1/journalists/phone/" + reporter, ADMIN, "{\"name\":\"Huda\"}").body()).contains("outlet: required");
        String id = escalate(reporter);
        JsonNode c = json(http.call("GET", "/api/v1/escalations/" + id, LIAISON, null));
        assertThat(c.get("journalist").get("outlet").asString()).isEqualTo("Gulf Daily");
        assertThat(c.get("priority").asString()).isEqualTo("high");
        assertThat(json(http.call("GET", "/api/v1/escalations?journalist=true", LIAISON, null)).toString()).contains(id);
        http.call("POST", "/api/v1/escalations/" + id + "/reply", LIAISON, "{\"text\":\"Confirmed: 120 schools.\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo(reporter).stream()
                .anyMatch(t -> t.startsWith("Confirmed: 120 schools.") && t.contains("Attribution: Government Communication Center (liaison team), as of")));
        assertThat(http.call("DELETE", "/api/v1/journalists/phone/" + reporter, ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(http.call("DELETE", "/api/v1/journalists/phone/" + reporter, ADMIN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void staffAccountsAreManagedByAdminsWithHashedPasswords() {
        String u = "new" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.call("PUT", "/api/v1/staff/" + u, ADMIN, "{\"password\":\"a-long-password\",\"roles\":[\"editor\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("a-long-password").doesNotContain("bcrypt");
        assertThat(accounts.find(u).orElseThrow().passwordHash()).startsWith("{bcrypt}");
        assertThat(http.call("GET", "/api/v1/escalations", u + ":a-long-password", null).statusCode()).isEqualTo(200);
        assertThat(http.call("PUT", "/api/v1/staff/" + u, ADMIN, "{\"roles\":[\"boss\"]}").statusCode()).isEqualTo(400);
        assertThat(http.call("PUT", "/api/v1/staff/x" + u, ADMIN, "{\"roles\":[\"editor\"]}").body()).contains("password: required");
        assertThat(http.call("PUT", "/api/v1/staff/" + u, ADMIN, "{\"password\":\"short\"}").body()).contains("password: 8 to 200");
        assertThat(http.call("PUT", "/api/v1/staff/admin", ADMIN, "{\"enabled\":false}").statusCode()).isEqualTo(400);
        assertThat(http.call("DELETE", "/api/v1/staff/" + u, ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/api/v1/escalations", u + ":a-long-password", null).statusCode()).as("disabled").isEqualTo(401);
        String csv = http.call("GET", "/api/v1/audit/export?format=csv", ADMIN, null).body();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("id,at,actor,action,target,detail");
        assertThat(csv).contains(",admin,account_create," + u + ",").contains(",admin,account_disable," + u + ",");
    }

    @Test
    void repeatedFailedLoginsLockTheAccountEvenForTheRightPassword() {
        String u = "lock" + UUID.randomUUID().toString().substring(0, 8);
        accounts.upsert(u, "right-password", Set.of(Role.LIAISON), true);
        assertThat(http.call("GET", "/api/v1/escalations", u + ":right-password", null).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(http.call("GET", "/api/v1/escalations", u + ":wrong", null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = http.call("GET", "/api/v1/escalations", u + ":right-password", null);
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(locked.body()).contains("locked");
        String audit = http.call("GET", "/api/v1/audit/export?format=jsonl", ADMIN, null).body();
        assertThat(audit).contains("\"actor\":\"" + u + "\",\"action\":\"login_failed\"").contains("\"action\":\"locked_out\"");
    }

    @Test
    void theStaffApiIsInTheOpenApiDocumentAndTheConsoleIsNot() {
        String doc = http.call("GET", "/v3/api-docs", null, null).body();
        for (String path : new String[] {"/api/v1/escalations", "/api/v1/escalations/{id}/claim", "/api/v1/escalations/{id}/reply",
                "/api/v1/escalations/{id}/release", "/api/v1/escalations/{id}/close", "/api/v1/escalations/{id}/reassign",
                "/api/v1/escalations/{id}/phrasing", "/api/v1/escalations/{id}/draft", "/api/v1/staff/{username}",
                "/api/v1/journalists/{channel}/{identity}", "/api/v1/audit", "/api/v1/audit/export", "/api/v1/kb/drafts/{id}/approve",
                "/api/v1/kb/articles/{id}/versions"}) {
            assertThat(doc).as(path).contains("\"" + path + "\"");
        }
        assertThat(doc).doesNotContain("/console");
    }
}
