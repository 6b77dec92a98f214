package dev.taskflow.panel.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The log viewer in headless Chromium, fed by the panel's SSE endpoint from a mock API server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "panel.logs.reconnect-initial=20ms", "panel.logs.reconnect-max=200ms", "panel.logs.heartbeat=200ms",
        "panel.logs.client-buffer=200000" })
@DirtiesContext
class LogsBrowserTests {

    private static final String NAMESPACE = "logs-browser";

    @TempDir
    static Path folder;

    static LogsMockCluster cluster;

    @LocalServerPort
    int port;

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        cluster = LogsMockCluster.startForPanel(NAMESPACE, folder, registry);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void linesAppearLiveAndTheFilterHidesTheOnesThatDoNotMatch() {
        cluster.runPod("view-1", Map.of("app", "taskflow", "component", "backend"), "backend");
        cluster.append("view-1", "backend", "GET /health 200", "ERROR database timeout", "GET /api/v1/tasks 200");
        WebDriver browser = chromium.browser();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);

        browser.get(url("/logs?pod=view-1"));
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");
        wait.until(driver -> lineTexts(driver).contains("GET /api/v1/tasks 200"));
        cluster.append("view-1", "backend", "POST /api/v1/tasks 201", "ERROR chat provider refused the key");
        wait.until(driver -> lineTexts(driver).contains("ERROR chat provider refused the key"));

        assertThat(lineTexts(browser)).containsExactly("GET /health 200", "ERROR database timeout",
                "GET /api/v1/tasks 200", "POST /api/v1/tasks 201", "ERROR chat provider refused the key");
        assertThat(browser.findElements(By.cssSelector("#log-rows .log-line .log-pod")))
                .extracting(WebElement::getText).containsOnly("view-1/backend");

        browser.findElement(By.id("log-filter")).sendKeys("error");
        wait.until(driver -> lineTexts(driver).size() == 2);
        assertThat(lineTexts(browser)).containsExactly("ERROR database timeout", "ERROR chat provider refused the key");
        // the viewer also holds the panel's marker lines (a reconnect), which the filter hides as well
        assertThat(browser.findElement(By.id("log-count")).getText()).matches("2 of [5-9] lines");
        assertThat(browser.findElements(By.cssSelector("#log-rows .log-marker"))).isEmpty();

        browser.findElement(By.id("log-case")).click();
        wait.until(driver -> lineTexts(driver).isEmpty());
        browser.findElement(By.id("log-filter")).clear();
        browser.findElement(By.id("log-regex")).click();
        browser.findElement(By.id("log-filter")).sendKeys("^(GET|POST) .* 20[01]$");
        wait.until(driver -> lineTexts(driver).size() == 3);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;")).isEqualTo("yes");
    }

    @Test
    void aPodThatDoesNotExistShowsTheReasonInTheViewerAndThePageStaysUsable() {
        WebDriver browser = chromium.browser();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);

        browser.get(url("/logs?pod=no-such-pod"));

        WebElement error = wait.until(driver -> driver.findElements(By.cssSelector("#log-rows .log-error")).stream()
                .findFirst().orElse(null));
        assertThat(error.getText()).contains("There is no pod no-such-pod in namespace " + NAMESPACE);
        assertThat(browser.findElement(By.id("log-status")).getAttribute("data-state")).isEqualTo("failed");
        assertThat(browser.findElements(By.cssSelector("nav a.nav-link"))).isNotEmpty();
    }

    @Test
    void aHundredThousandLinesKeepTheViewerResponsive() {
        cluster.runPod("busy-1", Map.of("app", "taskflow", "component", "frontend"), "frontend");
        cluster.append("busy-1", "frontend", java.util.stream.IntStream.rangeClosed(1, 100_000)
                .mapToObj(i -> "GET /api/v1/tasks/" + i + " 200 " + (i % 1000 == 0 ? "slow" : "fast"))
                .toArray(String[]::new));
        WebDriver browser = chromium.browser();
        JavascriptExecutor page = (JavascriptExecutor) browser;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);

        browser.get(url("/logs?pod=busy-1&tail=100000"));
        wait.until(driver -> lineTexts(driver).stream().anyMatch(text -> text.contains("/tasks/100000 ")));

        // only the rows in view are in the page, however many lines are loaded
        assertThat(browser.findElements(By.cssSelector("#log-rows .log-row")).size()).isLessThan(200);
        assertThat(browser.findElement(By.id("log-count")).getText()).matches("1000\\d\\d lines");
        long filterStarted = System.nanoTime();
        browser.findElement(By.id("log-filter")).sendKeys("slow");
        wait.until(driver -> driver.findElement(By.id("log-count")).getText().startsWith("100 of "));
        assertThat(Duration.ofNanos(System.nanoTime() - filterStarted)).isLessThan(Duration.ofSeconds(5));
        // a frame is drawn promptly while all of it is held: the page is not busy
        Object frameMillis = page.executeAsyncScript("""
                var done = arguments[arguments.length - 1], start = performance.now();
                requestAnimationFrame(function () { done(performance.now() - start); });""");
        assertThat(((Number) frameMillis).doubleValue()).isLessThan(500);
        browser.findElement(By.id("log-filter")).clear();
        browser.findElement(By.id("log-filter")).sendKeys(" ");
        browser.findElement(By.id("log-filter")).sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
        wait.until(driver -> !driver.findElement(By.id("log-count")).getText().contains(" of "));
        page.executeScript("var v = document.getElementById('log-viewport'); v.scrollTop = v.scrollHeight / 2;");
        wait.until(driver -> lineTexts(driver).stream().anyMatch(text -> text.contains("/tasks/50000 ")));
        assertThat(browser.findElements(By.cssSelector("#log-rows .log-row")).size()).isLessThan(200);
    }

    private static List<String> lineTexts(WebDriver driver) {
        return driver.findElements(By.cssSelector("#log-rows .log-line")).stream()
                .map(row -> row.getText().replaceFirst("^[a-z0-9-]+/[a-z]+\\s*", "")).toList();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
