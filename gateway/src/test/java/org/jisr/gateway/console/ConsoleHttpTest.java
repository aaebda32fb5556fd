package org.jisr.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.StaffHttp;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.escalation.Case;
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

/**
 * The console over real HTTP: who may open what (sign-in redirect, 401 for htmx, 403 for the wrong role),
 * session cookie flags, CSRF, lock-out, and citizen text escaped everywhere it is shown — with the payloads
 * coming in through a real webhook and the real web chat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"KB_IMPORT=" + TestKb.FILE, "ADMIN_USERNAME=admin", "ADMIN_PASSWORD=admin-password-1",
                "JISR_LOGIN_MAX_FAILURES=3"})
@DirtiesContext
class ConsoleHttpTest {

    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(2)>";

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
    @Autowired
    org.jisr.gateway.store.Store store;

    @BeforeEach
    void accounts() {
        if (accounts.find("lina").isEmpty()) {
            accounts.upsert("lina", "liaison-password", Set.of(Role.LIAISON), true);
            accounts.upsert("eddie", "editor-password", Set.of(Role.EDITOR), true);
        }
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    ConsoleSession as(String user) {
        ConsoleSession s = new ConsoleSession(base());
        if (user != null) {
            String password = switch (user) {
                case "admin" -> "admin-password-1";
                case "eddie" -> "editor-password";
                default -> "liaison-password";
            };
            HttpResponse<String> r = s.signIn(user, password);
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/console/cases");
        }
        return s;
    }

    /** name, user (null: not signed in), path, expected status. */
    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("login page is open", null, "/console", 200),
                Arguments.of("queue without login: to the login page", null, "/console/cases", 302),
                Arguments.of("KB without login: to the login page", null, "/console/kb", 302),
                Arguments.of("admin page without login: to the login page", null, "/console/admin/staff", 302),
                Arguments.of("liaison: queue", "lina", "/console/cases", 200),
                Arguments.of("liaison: dashboard", "lina", "/console/dashboard", 200),
                Arguments.of("liaison: KB editor 403", "lina", "/console/kb", 403),
                Arguments.of("liaison: drafts 403", "lina", "/console/kb/drafts", 403),
                Arguments.of("liaison: staff accounts 403", "lina", "/console/admin/staff", 403),
                Arguments.of("liaison: audit 403", "lina", "/console/admin/audit", 403),
                Arguments.of("editor: KB editor", "eddie", "/console/kb", 200),
                Arguments.of("editor: an article", "eddie", "/console/kb/articles/gcc-001", 200),
                Arguments.of("editor: drafts", "eddie", "/console/kb/drafts", 200),
                Arguments.of("editor: staff accounts 403", "eddie", "/console/admin/staff", 403),
                Arguments.of("editor: journalists 403", "eddie", "/console/admin/journalists", 403),
                Arguments.of("admin: staff accounts", "admin", "/console/admin/staff", 200),
                Arguments.of("admin: journalists", "admin", "/console/admin/journalists", 200),
                Arguments.of("admin: audit", "admin", "/console/admin/audit", 200),
                Arguments.of("admin: audit export", "admin", "/console/admin/audit/export?format=csv", 200),
                Arguments.of("unknown case 404", "lina", "/console/cases/c-nothing", 404),
                Arguments.of("unknown article 404", "eddie", "/console/kb/articles/nothing", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void whoMayOpenWhat(String name, String user, String path, int status) {
        HttpResponse<String> r = as(user).get(path);
        assertThat(r.statusCode()).isEqualTo(status);
        if (status == 302) {
            assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        }
        if (status == 200 && path.startsWith("/console") && !path.contains("export")) {
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        }
    }

    @Test
    void anHtmxCallAfterTheSessionEndedGets401WithARedirectHeader() {
        HttpResponse<String> r = as(null).get("/console/cases/rows", "HX-Request", "true");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("HX-Redirect")).contains("/console");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndSignInChangesIt() {
        ConsoleSession s = new ConsoleSession(base());
        HttpResponse<String> page = s.get("/console");
        String before = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JISR_SESSION=")).findFirst().orElseThrow();
        HttpResponse<String> login = s.post("/console/login", Map.of("username", "lina", "password", "liaison-password"));
        String after = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JISR_SESSION=")).findFirst().orElseThrow();
        assertThat(after).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        assertThat(after.split(";")[0]).as("a new session id after sign-in (fixation)").isNotEqualTo(before.split(";")[0]);
        assertThat(page.body()).contains("lang=\"ar\"").contains("dir=\"rtl\"");
    }

    @Test
    void signInAndActionsNeedTheCsrfToken() {
        ConsoleSession anon = new ConsoleSession(base());
        anon.get("/console");
        assertThat(anon.post("/console/login", Map.of("username", "lina", "password", "liaison-password"), false).statusCode()).isEqualTo(403);
        String id = escalateByWebhook("csrf-" + UUID.randomUUID(), "a question nobody can answer xyzzy");
        ConsoleSession lina = as("lina");
        lina.get("/console/cases/" + id);
        assertThat(lina.post("/console/cases/" + id + "/claim", Map.of(), false).statusCode()).isEqualTo(403);
        assertThat(cases.get(id).orElseThrow().status()).isEqualTo(Case.Status.OPEN);
        assertThat(lina.post("/console/cases/" + id + "/claim", Map.of()).statusCode()).isEqualTo(302);
        assertThat(cases.get(id).orElseThrow().claimedBy()).isEqualTo("lina");
    }

    @Test
    void repeatedFailedConsoleSignInsLockTheAccount() {
        String u = "lock" + UUID.randomUUID().toString().substring(0, 6);
        accounts.upsert(u, "right-password", Set.of(Role.LIAISON), true);
        for (int i = 0; i < 3; i++) {
            assertThat(new ConsoleSession(base()).signIn(u, "wrong").headers().firstValue("Location").orElseThrow()).endsWith("/console?error");
        }
        assertThat(new ConsoleSession(base()).signIn(u, "right-password").headers().firstValue("Location").orElseThrow()).endsWith("/console?locked");
    }

    @Test
    void aWebChatReplyLeavesNoDeliveryRecordNothingWouldEverMatch() throws Exception {
        String id = escalateByWebchat("frobnicate " + UUID.randomUUID().toString().substring(0, 8).replaceAll("[a-f]", "7"));
        String visitor = cases.get(id).orElseThrow().sender();
        String feed = store.keys().webchatBox(visitor);
        await().atMost(Duration.ofSeconds(10)).until(() -> !store.newest(feed, 1).isEmpty()); // "staff will reply" sent
        String sent = store.newest(feed, 1).get(0).id();
        // the page reads its feed and nothing reports a web chat delivery: no record kept to match reports against
        assertThat(store.get(store.keys().delivery("webchat", sent))).isEmpty();
    }

    String escalateByWebhook(String person, String text) {
        assertThat(new StaffHttp(port).webhook("m-" + UUID.randomUUID(), person, text).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> cases.openCaseOf("test:" + person).isPresent());
        return cases.openCaseOf("test:" + person).orElseThrow().id();
    }

    String escalateByWebchat(String text) throws Exception {
        ConsoleSession visitor = new ConsoleSession(base());
        String v = visitor.get("/webchat/session").body().replaceAll(".*\"visitor\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> sent = visitor.http.send(HttpRequest.newBuilder(URI.create(base() + "/webchat/send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(org.jisr.gateway.Json.write(Map.of("id", "msg-" + UUID.randomUUID(), "text", text))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> cases.openCaseOf("webchat:" + v).isPresent());
        return cases.openCaseOf("webchat:" + v).orElseThrow().id();
    }

    static void assertEscaped(String html) {
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain(SCRIPT).doesNotContain("<img src=x");
    }

    @Test
    void citizenTextIsEscapedInTheQueueTheCaseAndTheDrafts() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String byWebhook = escalateByWebhook("xss-" + marker, "xyzzy " + marker + " " + SCRIPT + " " + IMG);
        String byWebchat = escalateByWebchat("frobnicate " + marker + " " + SCRIPT + " " + IMG);
        new StaffHttp(port).webhook("m2-" + marker, "xss-" + marker, "more: " + IMG + " " + SCRIPT);

        ConsoleSession lina = as("lina");
        String queue = lina.get("/console/cases").body();
        assertThat(queue).contains(marker);
        assertEscaped(queue);
        assertEscaped(lina.get("/console/cases/rows").body());
        for (String id : new String[] {byWebhook, byWebchat}) {
            String page = lina.get("/console/cases/" + id).body();
            assertThat(page).contains(marker);
            assertEscaped(page);
            assertEscaped(lina.get("/console/cases/" + id + "/live").body());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> lina.get("/console/cases/" + byWebhook + "/live").body().contains("more: &lt;img"));

        // the question travels into a draft article: still escaped on the editor's page
        lina.get("/console/cases/" + byWebhook);
        lina.post("/console/cases/" + byWebhook + "/reply", Map.of("text", "An answer."));
        lina.get("/console/cases/" + byWebhook + "/draft");
        HttpResponse<String> drafted = lina.post("/console/cases/" + byWebhook + "/draft", Map.of("id", "xss-" + marker, "lang", "en",
                "question", "xyzzy " + SCRIPT + " " + IMG, "answer", "An answer.", "sourceName", "GCC", "sourceUrl", ""));
        assertThat(drafted.statusCode()).isEqualTo(302);
        String drafts = as("eddie").get("/console/kb/drafts").body();
        assertThat(drafts).contains("xss-" + marker);
        assertEscaped(drafts);
    }

    static Map<String, String> article(String id, boolean isNew, String shortEn, String verdict) {
        Map<String, String> f = new java.util.HashMap<>();
        f.put("id", id);
        f.put("isNew", Boolean.toString(isNew));
        f.put("type", "rumor");
        f.put("verdict", verdict);
        f.put("questionsAr", "هل ستغلق الحدائق العامة في الصيف؟");
        f.put("questionsEn", "Will public parks close in summer?\nAre the parks closing this summer?");
        f.put("answerAr", "لا، تبقى الحدائق مفتوحة.");
        f.put("answerEn", "No, the parks stay open.");
        f.put("shortAr", "");
        f.put("shortEn", shortEn);
        f.put("sourceName", "Municipality");
        f.put("sourceUrl", "https://municipality.example.gov/parks");
        f.put("tags", "parks, summer");
        f.put("validFrom", "2026-01-01");
        f.put("validUntil", "2027-12-31");
        f.put("updated", "2026-05-01");
        return f;
    }

    @Test
    void anEditorPublishesEditsAndRetiresThroughTheConsole() {
        String id = "parks-" + UUID.randomUUID().toString().substring(0, 6);
        ConsoleSession eddie = as("eddie");
        eddie.get("/console/kb/new");
        HttpResponse<String> bad = eddie.post("/console/kb/articles", article(id, true, "x".repeat(141), "false"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("short.en: أطول من 140 حرف"); // the page is Arabic: the import rule's problem in Arabic
        HttpResponse<String> wrongVerdict = eddie.post("/console/kb/articles", article(id, true, "", "maybe"));
        assertThat(wrongVerdict.body()).contains("verdict: حكم غير معروف &#39;maybe&#39;"); // quotes escaped in the page
        HttpResponse<String> ok = eddie.post("/console/kb/articles", article(id, true, "No, they stay open.", "false"));
        assertThat(ok.statusCode()).isEqualTo(302);
        String page = eddie.get("/console/kb/articles/" + id).body();
        assertThat(page).contains("Are the parks closing this summer?").contains("2027-12-31").contains("Municipality");
        assertThat(new StaffHttp(port).call("POST", "/api/v1/ask", "admin:admin-password-1",
                "{\"text\":\"Are the parks closing this summer?\"}").body()).contains("\"decision\":\"answer\"").contains(id);

        Map<String, String> edit = article(id, false, "Parks stay open.", "false");
        edit.put("questionsEn", "Will public parks close in summer?");
        assertThat(eddie.post("/console/kb/articles", edit).statusCode()).isEqualTo(302);
        assertThat(new StaffHttp(port).call("GET", "/api/v1/kb/articles/" + id, "admin:admin-password-1", null).body())
                .doesNotContain("Are the parks closing this summer?").contains("Parks stay open.");
        assertThat(eddie.get("/console/kb/articles/" + id).body()).contains("edited in the console").contains("created in the console");
        assertThat(eddie.get("/console/kb?q=parks").body()).contains(id);

        eddie.get("/console/kb/articles/" + id);
        assertThat(eddie.post("/console/kb/articles/" + id + "/retire", Map.of()).statusCode()).isEqualTo(302);
        assertThat(eddie.get("/console/kb/articles/" + id).statusCode()).isEqualTo(404);
        assertThat(new StaffHttp(port).call("GET", "/api/v1/kb/articles/" + id + "/versions", "admin:admin-password-1", null).body())
                .contains("\"action\":\"retire\"");
    }

    @Test
    void aLiaisonsPhrasingIsApprovedByAnEditorInTheConsole() {
        String person = "ph-" + UUID.randomUUID();
        // one word in common with gcc-001, too little to suggest it: escalated, with gcc-001 as a near-miss
        // digits only: a random hex suffix sometimes spelled a word the knowledge base suggests on, and no case opened
        String id = escalateByWebhook(person, "government xyzzy plugh frobnicate zork "
                + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000, 10000));
        Case c = cases.get(id).orElseThrow();
        assertThat(c.nearMisses()).isNotEmpty();
        String article = c.nearMisses().getFirst().articleId();
        ConsoleSession lina = as("lina");
        lina.get("/console/cases/" + id);
        assertThat(lina.post("/console/cases/" + id + "/phrasing", Map.of("article", article)).statusCode()).isEqualTo(302);
        assertThat(lina.post("/console/cases/" + id + "/phrasing", Map.of("article", "not-a-near-miss")).statusCode()).isEqualTo(400);
        ConsoleSession eddie = as("eddie");
        String drafts = eddie.get("/console/kb/drafts").body();
        assertThat(drafts).contains(c.question());
        String draftId = drafts.replaceAll("(?s).*data-draft=\"([^\"]+)\".*", "$1");
        assertThat(eddie.post("/console/kb/drafts/" + draftId + "/approve", Map.of()).statusCode()).isEqualTo(302);
        assertThat(eddie.get("/console/kb/articles/" + article).body()).contains(c.question());
        assertThat(eddie.get("/console/kb/drafts").body()).doesNotContain("data-draft=\"" + draftId + "\"");
    }

    @Test
    void aProblemIsWordedInThePagesLanguage() {
        ConsoleSession lina = as("lina");
        HttpResponse<String> ar = lina.get("/console/cases/c-nothing");
        assertThat(ar.statusCode()).isEqualTo(404);
        assertThat(ar.body()).contains("dir=\"rtl\"").contains("لا توجد حالة &#39;c-nothing&#39;").doesNotContain("no case");
        HttpResponse<String> en = lina.get("/console/cases/c-nothing?lang=en");
        assertThat(en.body()).contains("no case &#39;c-nothing&#39;");
    }

    @Test
    void anOpenSessionEndsWhenItsAccountIsDisabledOrGivenOtherRoles() {
        String demoted = "demoted" + UUID.randomUUID().toString().substring(0, 6);
        String disabled = "disabled" + UUID.randomUUID().toString().substring(0, 6);
        accounts.upsert(demoted, "a-good-password", Set.of(Role.EDITOR), true);
        accounts.upsert(disabled, "a-good-password", Set.of(Role.EDITOR), true);
        ConsoleSession d = new ConsoleSession(base());
        d.signIn(demoted, "a-good-password");
        ConsoleSession x = new ConsoleSession(base());
        x.signIn(disabled, "a-good-password");
        assertThat(d.get("/console/kb").statusCode()).isEqualTo(200);
        assertThat(x.get("/console/kb").statusCode()).isEqualTo(200);

        accounts.upsert(demoted, null, Set.of(Role.LIAISON), null);
        accounts.upsert(disabled, null, null, false);

        HttpResponse<String> r = d.get("/console/kb");
        assertThat(r.statusCode()).as("roles changed: signed out, not served with the old roles").isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(x.get("/console/cases").statusCode()).as("disabled: signed out").isEqualTo(302);
        d.signIn(demoted, "a-good-password");
        assertThat(d.get("/console/kb").statusCode()).as("signed in again: the new role applies").isEqualTo(403);
        assertThat(d.get("/console/cases").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminManagesStaffAndJournalistsInTheConsoleAndExportsTheAuditLog() {
        ConsoleSession admin = as("admin");
        String u = "new" + UUID.randomUUID().toString().substring(0, 6);
        admin.get("/console/admin/staff");
        assertThat(admin.post("/console/admin/staff", Map.of("username", u, "role", "EDITOR", "enabled", "true", "password", "short")).statusCode())
                .isEqualTo(302);
        assertThat(accounts.find(u)).as("password too short: refused").isEmpty();
        admin.post("/console/admin/staff", Map.of("username", u, "role", "EDITOR", "enabled", "true", "password", "a-good-password"));
        assertThat(accounts.find(u).orElseThrow().roles()).containsExactly(Role.EDITOR);
        ConsoleSession newcomer = new ConsoleSession(base());
        newcomer.signIn(u, "a-good-password");
        assertThat(newcomer.get("/console/kb").statusCode()).isEqualTo(200);
        admin.post("/console/admin/staff", Map.of("username", u, "role", "LIAISON"));
        assertThat(accounts.find(u).orElseThrow().enabled()).as("unchecked box: disabled").isFalse();
        assertThat(new ConsoleSession(base()).signIn(u, "a-good-password").headers().firstValue("Location").orElseThrow()).endsWith("/console?error");

        admin.get("/console/admin/journalists");
        admin.post("/console/admin/journalists", Map.of("channel", "phone", "identity", "+971 50 765 4321", "name", "Omar", "outlet", "Radio Gulf"));
        assertThat(admin.get("/console/admin/journalists").body()).contains("Radio Gulf").contains("<span>****4321</span>");
        String csv = admin.get("/console/admin/audit/export?format=csv").body();
        assertThat(csv).startsWith("id,at,actor,action,target,detail").contains(",admin,account_create," + u).contains(",admin,journalist_add,");
        assertThat(admin.get("/console/admin/audit").body()).contains(u);
    }
}
