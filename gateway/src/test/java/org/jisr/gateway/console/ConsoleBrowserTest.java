package org.jisr.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.security.StaffAccount;
import org.jisr.gateway.security.StaffAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole staff loop in a real browser: a citizen asks in the web chat something the knowledge base cannot
 * answer; a liaison signs in to the console (Arabic, right-to-left), claims the case and replies; the open web
 * chat page shows the reply without reloading; the case is ANSWERED. Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"KB_IMPORT=" + TestKb.FILE, "ADMIN_USERNAME=admin", "ADMIN_PASSWORD=admin-password-1"})
@DirtiesContext
class ConsoleBrowserTest {

    static ChromeDriver driver;

    @LocalServerPort
    int port;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    EscalationService cases;

    @BeforeAll
    static void open() {
        driver = Browser.start();
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    void signIn(String user, String password) {
        driver.get(url("/console"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waitUpTo(10).until(ExpectedConditions.urlContains("/console/cases"));
    }

    @Test
    void aCitizensQuestionIsClaimedAndAnsweredFromTheConsoleAndTheReplyAppearsInTheWebChat() {
        accounts.upsert("amal", "liaison-password", Set.of(StaffAccount.Role.LIAISON), true);
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String question = "متى تطير القطط الزرقاء فوق البحر في المهرجان " + marker
                + " <script>window.__xss=1</script> <img src=x onerror=\"window.__xss=2\">";

        // the citizen, in the web chat (Arabic by default)
        driver.get(url("/"));
        String chat = driver.getWindowHandle();
        waitUpTo(10).until(d -> !d.findElements(By.id("text")).isEmpty());
        driver.findElement(By.id("text")).sendKeys(question);
        driver.findElement(By.id("sendBtn")).click();
        waitUpTo(15).until(d -> {
            String log = d.findElement(By.id("log")).getText();
            return log.contains("أحلته إلى فريق التواصل") || log.contains("passed your question to our staff");
        });

        // the liaison, in another tab: the Arabic console is right-to-left
        driver.switchTo().newWindow(WindowType.TAB);
        String console = driver.getWindowHandle();
        driver.get(url("/console"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        Browser.screenshot(driver, "01-login-ar");
        signIn("amal", "liaison-password");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        WebElement link = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText(marker)));
        assertThat(link.getText()).contains("<script>window.__xss=1</script>"); // shown as text, not run
        waitUpTo(5).until(d -> !d.findElements(By.cssSelector(".sla")).isEmpty()
                && d.findElement(By.cssSelector(".sla")).getText().contains("متبقٍ"));
        String before = driver.findElement(By.cssSelector(".sla")).getText();
        waitUpTo(5).until(d -> !d.findElement(By.cssSelector(".sla")).getText().equals(before)); // counts down without reload
        Browser.screenshot(driver, "02-cases-ar");

        link.click();
        waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.id("claim"))).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("release")));
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("مسند");
        String reply = "مرحباً، يفتح المتحف يومياً من التاسعة صباحاً. (" + marker + ")";
        driver.findElement(By.id("reply-text")).sendKeys(reply);
        driver.findElement(By.id("send-reply")).click();
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("case-status"), "تم الرد"));
        assertThat(driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
        Browser.screenshot(driver, "03-case-answered-ar");

        Case c = cases.list(EscalationService.Filter.ANSWERED, 50).stream().filter(x -> x.question().contains(marker)).findFirst().orElseThrow();
        assertThat(c.status()).isEqualTo(Case.Status.ANSWERED);
        assertThat(c.answeredBy()).isEqualTo("amal");

        // back in the web chat: the staff reply arrived on the open page
        driver.switchTo().window(chat);
        waitUpTo(15).until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), reply));
        Browser.screenshot(driver, "04-webchat-reply");

        // the English console is left-to-right
        driver.switchTo().window(console);
        driver.findElement(By.id("lang-switch")).click();
        waitUpTo(10).until(d -> "ltr".equals(d.findElement(By.tagName("html")).getAttribute("dir")));
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("Answered");
        Browser.screenshot(driver, "05-case-answered-en");
        driver.get(url("/console/cases?status=answered"));
        Browser.screenshot(driver, "06-cases-answered-en");
        driver.get(url("/console/dashboard"));
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#unanswered li")).isEmpty());
        assertThat(driver.findElement(By.id("unanswered")).getText()).contains(marker);
        Browser.screenshot(driver, "07-dashboard-en");
    }

    @Test
    void editorsAndAdminsPagesRenderInBothLanguagesOnALaptopAndATablet() {
        driver.get(url("/console"));
        driver.manage().deleteAllCookies();
        signIn("admin", "admin-password-1");
        List<String> pages = List.of("/console/kb", "/console/kb/articles/gcc-001", "/console/kb/drafts", "/console/dashboard",
                "/console/admin/staff", "/console/admin/journalists", "/console/admin/audit");
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("ar", "en")) {
            for (String p : pages) {
                driver.get(url(p + "?lang=" + lang));
                String dir = driver.findElement(By.tagName("html")).getAttribute("dir");
                if (!dir.equals(lang.equals("ar") ? "rtl" : "ltr")) {
                    problems.add(p + " " + lang + ": dir=" + dir);
                }
                if (driver.getPageSource().contains("Whitelabel") || driver.getPageSource().contains("??")) {
                    problems.add(p + " " + lang + ": error page or a missing message");
                }
            }
        }
        assertThat(problems).isEmpty();
        driver.get(url("/console/kb/articles/gcc-001?lang=ar"));
        Browser.screenshot(driver, "08-kb-article-ar");
        driver.get(url("/console/dashboard?lang=ar"));
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#unanswered li")).isEmpty());
        Browser.screenshot(driver, "09-dashboard-ar");
        // a few waiting cases for the tablet view: a journalist's (first, sooner due) and two citizens'
        cases.journalists().register("phone", "+971501234567", "هدى", "صحيفة الخليج", "admin", java.time.Instant.now());
        cases.open("tablet:1", "whatsapp", "971501234567", "whatsapp:971501234567", "ar", "كم عدد المدارس الجديدة هذا العام؟", List.of());
        cases.open("tablet:2", "telegram", "52211447", "telegram:52211447", "ar", "هل تغير موعد الدوام في رمضان؟", List.of());
        cases.open("tablet:3", "sms", "+971559876543", "sms:+971559876543", "en", "Is the Corniche road closed this weekend?", List.of());
        driver.manage().window().setSize(new Dimension(820, 1180)); // a tablet, portrait
        driver.get(url("/console/cases?lang=ar"));
        assertThat(driver.findElements(By.cssSelector(".badge.journalist"))).isNotEmpty();
        Browser.screenshot(driver, "10-cases-tablet-ar");
        driver.get(url("/console/admin/audit?lang=ar"));
        Browser.screenshot(driver, "11-audit-tablet-ar");
        driver.manage().window().setSize(new Dimension(1366, 900));
    }
}
