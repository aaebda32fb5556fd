package org.jisr.gateway.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for browser tests. Missing Chromium is a failure, not a skip — unless
 * {@code JISR_SKIP_BROWSER_TESTS=1} is set explicitly. Nothing is downloaded: the driver and browser paths are
 * given, so Selenium Manager never runs.
 */
final class Browser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static ChromeDriver start() {
        if ("1".equals(System.getenv("JISR_SKIP_BROWSER_TESTS"))) {
            Assumptions.abort("JISR_SKIP_BROWSER_TESTS=1: browser tests skipped on request");
        }
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            Assertions.fail("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them), or JISR_SKIP_BROWSER_TESTS=1");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("jisr-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1366,900", "--lang=ar");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }

    /** The whole page: the window is made as tall as the page for the shot (at most 3000 px), then restored. */
    static Path screenshot(ChromeDriver d, String name) {
        org.openqa.selenium.Dimension before = d.manage().window().getSize();
        Object h = d.executeScript("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        int height = Math.min(3000, Math.max(before.getHeight(), ((Number) h).intValue() + 140));
        d.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), height));
        d.executeScript("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path p = SCREENSHOTS.resolve(name + ".png");
            Files.write(p, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            d.manage().window().setSize(before);
        }
    }
}
