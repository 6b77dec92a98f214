package dev.taskflow.panel.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.Phase;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.Task;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.taskflow.panel.checks.FrontendBrowserTests.answer;
import static dev.taskflow.panel.checks.FrontendBrowserTests.assumeBrowserInstalled;
import static dev.taskflow.panel.checks.FrontendBrowserTests.closedPort;
import static dev.taskflow.panel.checks.FrontendBrowserTests.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frontend check against stand-in pages in headless Chromium: a clean page passes, console errors and failed
 * backend calls fail it, and a target without a frontend or a machine without a browser skips it with the reason.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrontendBrowserCheckTests {

    HttpServer server;

    TargetRegistry targets = new TargetRegistry(new TargetsProperties(Map.of()));

    SecretMasker masker = new SecretMasker();

    FrontendBrowserCheck check = new FrontendBrowserCheck(targets, new FrontendBrowser(FrontendBrowserTests.INSTALLED),
            masker);

    List<String> progress = new ArrayList<>();

    @BeforeEach
    void serveStandInFrontend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "application/json", "{\"status\":\"ok\"}"));
        server.createContext("/api/tasks", exchange -> answer(exchange, 500, "application/json", "{}"));
        server.createContext("/clean", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "fetch('/health').then(r => r.json()).then(b => document.body.dataset.health = b.status);")));
        server.createContext("/console-error", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "console.error('TaskFlow failed to load tasks: Authorization Bearer s3cr3t-t0ken');")));
        server.createContext("/many-errors", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "for (let i = 1; i <= 7; i++) { console.error('error number ' + i); }")));
        server.createContext("/broken-backend", exchange -> answer(exchange, 200, "text/html", page("TaskFlow",
                "fetch('/api/tasks').then(r => document.body.dataset.status = r.status);")));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aCleanFrontendPassesWithItsLoadTimeAndBackendCalls() throws Exception {
        assumeBrowserInstalled();
        targets.register(new Target("minikube", url(""), url("/clean"), "test"));

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary())
                .matches("Frontend loaded in \\d+ ms without console errors; 1 request to the backend");
        Evidence evidence = onlyEvidence(outcome);
        assertThat(evidence.kind()).isEqualTo(Evidence.Kind.HTTP);
        assertThat(evidence.title()).isEqualTo(url("/clean").toString());
        assertThat(evidence.values()).containsEntry("title", "TaskFlow").containsEntry("consoleErrors", "0")
                .containsEntry("failedRequests", "0").containsEntry("backendRequests", "1").containsKey("loadMs");
        assertThat(evidence.body()).contains("Console errors: none", "Failed requests: none");
        assertThat(progress).first().asString().isEqualTo("Loading " + url("/clean") + " in headless Chromium");
    }

    @Test
    void aConsoleErrorFailsTheCheckWithSecretsMasked() throws Exception {
        assumeBrowserInstalled();
        targets.register(new Target("compose", url(""), url("/console-error"), "test"));

        TaskOutcome outcome = check.run(context(Map.of("target", "compose")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("The frontend at " + url("/console-error") + " shows 1 problem: ")
                .contains("console: TaskFlow failed to load tasks: Authorization Bearer " + SecretMasker.HIDDEN)
                .contains("DevTools").doesNotContain("s3cr3t");
        Evidence evidence = onlyEvidence(outcome);
        assertThat(evidence.values()).containsEntry("consoleErrors", "1").containsEntry("failedRequests", "0");
        assertThat(evidence.body()).contains("Console errors: 1", "- TaskFlow failed to load tasks")
                .doesNotContain("s3cr3t");
    }

    @Test
    void aFailedBackendCallFailsTheCheckAndSaysWhereToLook() throws Exception {
        assumeBrowserInstalled();
        targets.register(new Target("minikube", url(""), url("/broken-backend"), "test"));

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("shows 1 problem: request GET " + url("/api/tasks") + " → 500")
                .contains("API base URL", "CORS origins");
        assertThat(onlyEvidence(outcome).body()).contains("Failed requests: 1", "- GET " + url("/api/tasks") + " → 500");
    }

    @Test
    void theSummaryNamesTheFirstFiveProblemsAndCountsTheRest() throws Exception {
        assumeBrowserInstalled();
        targets.register(new Target("minikube", url(""), url("/many-errors"), "test"));

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("shows 7 problems", "error number 1", "error number 5", "; and 2 more")
                .doesNotContain("error number 6");
        assertThat(onlyEvidence(outcome).body()).contains("error number 6", "error number 7");
    }

    @Test
    void aFrontendThatIsDownFailsNamingItsAddress() throws Exception {
        assumeBrowserInstalled();
        URI down = URI.create("http://127.0.0.1:" + closedPort());
        targets.register(new Target("minikube", url(""), down, "test"));

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("The frontend at " + down, "net::ERR_CONNECTION_REFUSED");
        assertThat(onlyEvidence(outcome).title()).isEqualTo(down.toString());
    }

    @Test
    void aTargetWithoutAFrontendIsSkippedSayingSo() throws Exception {
        targets.register(new Target("minikube", url(""), null, "test"));

        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome.summary()).contains("'minikube' has no frontend URL", "panel.targets.minikube.frontend-url");
        assertThat(outcome.evidence()).isEmpty();
    }

    @Test
    void noBrowserSkipsTheCheckWithTheReason(@TempDir Path empty) throws Exception {
        targets.register(new Target("minikube", url(""), url("/clean"), "test"));
        FrontendBrowser missing = new FrontendBrowser(new BrowserProperties(empty.resolve("chromium"),
                empty.resolve("chromedriver"), Duration.ofSeconds(5), Duration.ofMillis(100)));

        TaskOutcome outcome = new FrontendBrowserCheck(targets, missing, masker).run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome.summary()).startsWith("Chromium is not installed here")
                .contains("apt-get install chromium chromium-driver");
    }

    @Test
    void anUnknownTargetFailsListingTheKnownOnes() throws Exception {
        targets.register(new Target("compose", url(""), url("/clean"), "test"));

        TaskOutcome outcome = check.run(context(Map.of("target", "staging")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).contains("No target named 'staging'", "Known targets: compose");
    }

    @Test
    void itsIdIsWhatPlansName() {
        assertThat(check.id()).isEqualTo("frontend-browser");
    }

    private static Evidence onlyEvidence(TaskOutcome outcome) {
        assertThat(outcome.evidence()).hasSize(1);
        return outcome.evidence().getFirst();
    }

    private CheckContext context(Map<String, String> parameters) {
        Task task = new Task("T046", false, null, "Frontend", "Load the frontend in a browser",
                new Task.SatisfiedBy(Task.Kind.AUTOMATED, "frontend-browser", parameters, null, null));
        Plan plan = new Plan("test-plan", "Test plan", "seed.md", "A plan for tests",
                List.of(new Phase("phase-5", "Verify", null, null, null, "Frontend works", null, List.of(),
                        List.of(task))));
        return new CheckContext(plan, task, parameters, progress::add, () -> false);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
