package dev.taskflow.panel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium: a person runs the prerequisites phase and watches results and minikube's
 * output arrive without a reload, and a refused action shows its error. minikube and kubectl are stand-ins that
 * print what the real tools print; helm is absent; Docker is the real engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTests {

    @TempDir
    static Path workspace;

    @TempDir
    static Path tools;

    @LocalServerPort
    int port;

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    WebDriver browser;

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) throws IOException {
        standIn("minikube", """
                case "$1" in
                  version) echo "minikube version: v1.34.0"; echo "commit: 210b148df93a80eb872ecbeb7e35281b3c582c61";;
                  start) echo "* minikube v1.34.0 on Debian 12"; sleep 1
                         echo "* Using the docker driver based on user configuration"; sleep 1
                         echo "* Done! kubectl is now configured to use \\"minikube\\" cluster";;
                  status) echo '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';;
                  ip) echo 192.168.49.2;;
                esac
                """);
        standIn("kubectl", """
                echo "Client Version: v1.32.4-dispatcher"
                echo "Kustomize Version: v5.5.0"
                """);
        registry.add("panel.pipeline.workspace", workspace::toString);
        registry.add("panel.tools.search-path", tools::toString);
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium.browser();
    }

    @Test
    void runningThePrerequisitesPhaseShowsResultsLiveWithoutAReload() {
        browser.get(url("/plans/taskflow"));
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.__sameDocument = 'yes';");

        browser.findElement(By.cssSelector("button.run-phase[data-phase='phase-1']")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live-run .run-card")));
        String runId = card.getAttribute("data-run");
        // minikube start prints three lines a second apart: at least one arrives while the task still runs.
        wait.until(driver -> !driver.findElements(By.cssSelector("#run-" + runId + "-T011-progress .log-line")).isEmpty());
        wait.until(driver -> "ended".equals(driver.findElement(By.id("run-" + runId)).getAttribute("data-live-state")));

        assertThat(status(runId, "T008")).isEqualTo("passed");
        assertThat(status(runId, "T009")).isEqualTo("failed");
        assertThat(status(runId, "T010")).isEqualTo("passed");
        assertThat(status(runId, "T011")).isEqualTo("passed");
        assertThat(status(runId, "T012")).isEqualTo("passed");
        assertThat(browser.findElements(By.cssSelector("#run-" + runId + "-T011-progress .log-line")))
                .extracting(WebElement::getText).contains("* Done! kubectl is now configured to use \"minikube\" cluster");
        assertThat(browser.findElement(By.id("run-" + runId + "-T009")).getText()).contains("helm is not installed");
        assertThat(browser.findElement(By.id("run-" + runId + "-checkpoint-phase-1")).getText()).contains("failed");
        // The page was never reloaded, and the phase cards refreshed themselves when the run ended.
        assertThat(page.executeScript("return window.__sameDocument;")).isEqualTo("yes");
        wait.until(driver -> driver.findElement(By.cssSelector("#phase-phase-1 .status-badge")).getAttribute("data-status")
                .equals("failed"));
    }

    @Test
    void aRefusedManualRecordShowsItsErrorAndAGoodOneIsKept() {
        browser.get(url("/plans/taskflow/phases/phase-6"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);

        browser.findElement(By.cssSelector("#task-T068 form.done-form button")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#error-area .alert")));
        assertThat(error.getText()).contains("Say what you did for T068");

        browser.findElement(By.cssSelector("#task-T068 input[name='note']")).sendKeys("Wrote DEPLOYMENT.md from quickstart");
        browser.findElement(By.cssSelector("#task-T068 form.done-form button")).click();
        wait.until(driver -> "manual-done".equals(driver.findElement(By.id("task-T068")).getAttribute("data-status")));
        assertThat(browser.findElement(By.id("task-T068")).getText()).contains("Wrote DEPLOYMENT.md from quickstart");
    }

    private String status(String runId, String taskId) {
        return browser.findElement(By.id("run-" + runId + "-" + taskId)).getAttribute("data-status");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void standIn(String name, String body) throws IOException {
        Path program = tools.resolve(name);
        Files.writeString(program, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
