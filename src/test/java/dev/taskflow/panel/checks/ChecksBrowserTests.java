package dev.taskflow.panel.checks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.taskflow.panel.HeadlessChromium;
import dev.taskflow.panel.checks.StandInTaskFlow.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Checks page in headless Chromium: a person runs the suite and watches each check's result arrive live. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChecksBrowserTests {

    @TempDir
    static Path workspace;

    static StandInTaskFlow production;

    @LocalServerPort
    int port;

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    WebDriver browser;

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        // A little latency per call, so the results arrive one by one where the browser can see them.
        production = StandInTaskFlow.start(Variant.seed().withAllowedOrigins(Set.of(StandInTaskFlow.SELF))
                .withLatencyMs(15));
        production.configureAsProduction(registry, workspace);
    }

    @AfterAll
    static void stop() {
        production.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium.browser();
    }

    @Test
    void runningTheSuiteShowsEachResultLiveAndTheLatencyChart() {
        browser.get("http://127.0.0.1:" + port + "/checks");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.__sameDocument = 'yes';");

        browser.findElement(By.cssSelector("#run-checks input[name='target']")).sendKeys("production");
        browser.findElement(By.cssSelector("#run-checks button")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        String reportId = wait.until(driver -> driver.findElement(By.cssSelector("#live-report .card"))
                .getAttribute("data-report"));
        wait.until(driver -> "ended".equals(driver.findElement(By.id("suite-" + reportId)).getAttribute("data-live-state")));

        for (String check : EndToEndSuite.CHECKS.keySet()) {
            assertThat(browser.findElement(By.id("suite-" + reportId + "-" + check)).getAttribute("data-status"))
                    .as(check).isEqualTo("passed");
        }
        assertThat(browser.findElements(By.cssSelector("#suite-" + reportId + "-e2e-latency .latency-chart .progress")))
                .hasSize(3);
        assertThat(browser.findElement(By.id("suite-" + reportId + "-header")).getText()).contains("16 passed");
        assertThat(page.executeScript("return window.__sameDocument;")).isEqualTo("yes");
    }
}
