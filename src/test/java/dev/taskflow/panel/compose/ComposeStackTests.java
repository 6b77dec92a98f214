package dev.taskflow.panel.compose;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.LocalBaseImage;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The compose stack against the real Docker engine and this machine's compose, with test stacks of tiny Python HTTP
 * servers on the local python stand-in (no image can be pulled here), each under its own project name and on free
 * ports; every container and network a test makes is removed after it, passed or failed. Also the compose-up and
 * compose-verify checks, which need a running stack to prove anything.
 */
class ComposeStackTests {

    private static final List<String> IMAGES = new CopyOnWriteArrayList<>();

    @TempDir
    static Path shared;

    private static String image;

    /** Why the tests that need Docker and compose cannot run here, told on each of them. */
    private static String skipReason;

    @TempDir
    Path folder;

    private final String project = ComposeFixture.project();

    private final SecretMasker masker = new SecretMasker();

    private final TargetRegistry targets = ComposeFixture.targets();

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void buildTheServiceImage() throws IOException {
        String base;
        try {
            base = LocalBaseImage.python();
            ComposeFixture.assumeComposeTool();
        }
        catch (TestAbortedException ex) {
            skipReason = ex.getMessage();
            return;
        }
        ComposeFixture.writeService(shared, base);
        image = "panel-compose-test:" + UUID.randomUUID().toString().substring(0, 8);
        LocalBaseImage.Outcome build = LocalBaseImage.run(Duration.ofMinutes(5), "docker", "build", "-q", "-t", image,
                shared.resolve("svc").toString());
        assertThat(build.exitCode()).as(build.output()).isZero();
        IMAGES.add(image);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        if (skipReason == null) {
            ComposeFixture.removeEverything(project);
        }
    }

    @AfterAll
    static void removeTheTestImages() {
        for (String tag : IMAGES) {
            LocalBaseImage.run(Duration.ofMinutes(1), "docker", "rmi", "-f", tag);
        }
    }

    @Test
    void upWaitsForEveryServiceToBeHealthyRegistersTheTargetAndDownWithdrawsIt() throws Exception {
        requireDockerAndCompose();
        int backendPort = ComposeFixture.freePort();
        int frontendPort = ComposeFixture.freePort();
        String backendImage = "panel-compose-test-backend:" + UUID.randomUUID().toString().substring(0, 8);
        IMAGES.add(backendImage);
        ComposeFixture.writeService(folder, image);
        // The backend is built from ${PWD}/svc: only found when compose runs with PWD set to the file's folder.
        Path file = compose("""
                services:
                  backend:
                    build:
                      context: ${PWD}/svc
                    image: %s
                    environment:
                      APP_API_KEY: ${APP_API_KEY}
                    ports:
                      - "127.0.0.1:%d:8000"
                %s
                  frontend:
                    image: %s
                    depends_on:
                      backend:
                        condition: service_healthy
                    ports:
                      - "127.0.0.1:%d:8000"
                %s
                """.formatted(backendImage, backendPort, ComposeFixture.HEALTHCHECK, image, frontendPort,
                ComposeFixture.HEALTHCHECK));
        Path envFile = Files.writeString(folder.resolve("test.env"), "APP_API_KEY=" + ComposeFixture.CANARY + "\n");
        ComposeStack stack = stack(file, envFile, backendPort, frontendPort, Duration.ofMinutes(3));

        // compose-up: up with a build, every service healthy, the target registered
        TaskOutcome up = new ComposeUpCheck(stack).run(context(Map.of()));

        assertThat(up.status()).as(up.summary()).isEqualTo(TaskStatus.PASSED);
        assertThat(up.summary()).containsPattern("The stack is up with docker( |-)compose")
                .contains("every service healthy (backend ", "frontend ", "target 'compose' registered");
        assertThat(up.evidence().getFirst().kind()).isEqualTo(Evidence.Kind.COMMAND);
        assertThat(up.evidence().getFirst().title()).contains("-p " + project, "--project-directory " + folder,
                "--env-file " + envFile, "up -d --build");
        assertThat(up.evidence()).filteredOn(entry -> entry.title().startsWith("service "))
                .extracting(Evidence::title).containsExactly("service backend", "service frontend");
        assertThat(up.evidence()).filteredOn(entry -> entry.title().startsWith("service "))
                .allSatisfy(entry -> assertThat(Long.parseLong(entry.values().get("timeToHealthyMs"))).isPositive());
        assertThat(lines).anyMatch(line -> line.startsWith("Using docker"))
                .anyMatch(line -> line.startsWith("backend: healthy after"))
                .anyMatch(line -> line.startsWith("frontend: healthy after"));
        assertThat(targets.find(ComposeStack.TARGET)).get().isEqualTo(new Target(ComposeStack.TARGET,
                URI.create("http://127.0.0.1:" + backendPort), URI.create("http://127.0.0.1:" + frontendPort),
                "compose"));

        // a healthy stack the registry forgot (a panel restart) is found again when a check asks for the target
        targets.withdraw(ComposeStack.TARGET);
        assertThat(new ComposeTargetProvider(stack).provide("todo-app")).get().extracting(Target::backendUrl)
                .isEqualTo(URI.create("http://127.0.0.1:" + backendPort));
        assertThat(targets.find(ComposeStack.TARGET)).isPresent();

        // status: each service's container, state, health, ports, start time
        ComposeStatus status = stack.status();

        assertThat(status.condition()).isEqualTo("healthy");
        assertThat(status.targetRegistered()).isTrue();
        assertThat(status.services()).extracting(ServiceStatus::service).containsExactly("backend", "frontend");
        ServiceStatus backend = status.services().getFirst();
        assertThat(backend.container()).contains(project).contains("backend");
        assertThat(backend.state()).isEqualTo("running");
        assertThat(backend.health()).isEqualTo("healthy");
        assertThat(backend.ports()).containsExactly("127.0.0.1:" + backendPort + "->8000/tcp");
        assertThat(backend.startedAt()).isNotNull();

        // logs: the service's own lines, the env file's value hidden
        List<String> logs = stack.logs("backend", 50);

        assertThat(logs).contains("listening on 8000 with key " + SecretMasker.HIDDEN);
        assertThat(String.join("\n", logs) + String.join("\n", lines) + up).doesNotContain(ComposeFixture.CANARY);

        // compose-verify through the registered target
        TaskOutcome verify = new ComposeVerifyCheck(stack, targets, masker).run(context(Map.of()));

        assertThat(verify.status()).as(verify.summary()).isEqualTo(TaskStatus.PASSED);
        assertThat(verify.evidence()).filteredOn(entry -> entry.kind() == Evidence.Kind.HTTP)
                .extracting(Evidence::title).containsExactly("GET http://127.0.0.1:" + backendPort + "/health",
                        "GET http://127.0.0.1:" + frontendPort + "/");
        assertThat(verify.evidence()).filteredOn(entry -> entry.kind() == Evidence.Kind.HTTP)
                .allSatisfy(entry -> assertThat(entry.values()).containsEntry("status", "200"));
        // the frontend reached the backend by service name; the stand-in image has no wget or curl, but python3
        assertThat(verify.evidence()).filteredOn(entry -> entry.values().containsKey("reached")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.title()).isEqualTo("in " + status.services().get(1).container()
                            + ": python3 http://backend:8000/health");
                    assertThat(entry.values()).containsEntry("reached", "true").containsEntry("missing", "wget, curl");
                    assertThat(entry.body()).contains("healthy");
                });
        assertThat(verify.summary()).contains("the frontend reached the backend by name inside the stack (python3)");

        // down: nothing of the project is left, and the target is gone
        ComposeOperation down = stack.down(true, lines::add);

        assertThat(down.action()).isEqualTo("down");
        assertThat(down.command()).endsWith("down -v");
        assertThat(down.services()).isEmpty();
        assertThat(targets.find(ComposeStack.TARGET)).isEmpty();
        assertThat(ComposeFixture.leftovers(project)).isEmpty();
        assertThat(new ComposeTargetProvider(stack).provide("todo-app")).as("a stack that is down is not brought up")
                .isEmpty();
        TaskOutcome afterDown = new ComposeVerifyCheck(stack, targets, masker).run(context(Map.of()));
        assertThat(afterDown.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(afterDown.summary()).contains("is down (no containers)", "compose-up", "up: \"true\"");
    }

    @Test
    void aServiceThatExitsFailsTheUpWithItsExitCodeAndLastLogLines() throws Exception {
        requireDockerAndCompose();
        Path file = compose("""
                services:
                  backend:
                    image: %s
                    command: ["python3", "-c", "print('starting the backend'); print('DATABASE_URL is not set: cannot connect', flush=True); raise SystemExit(3)"]
                """.formatted(image));
        ComposeStack stack = stack(file, null, 8000, 3000, Duration.ofMinutes(1));

        assertThatThrownBy(() -> stack.up(false, lines::add)).asInstanceOf(type(ComposeException.class))
                .satisfies(ex -> {
                    assertThat(ex.reason()).isEqualTo(ComposeException.Reason.SERVICE_FAILED);
                    assertThat(ex.getMessage()).contains("Service 'backend'", "exited with code 3",
                            "starting the backend\nDATABASE_URL is not set: cannot connect", "Fix what the log shows");
                });
        assertThat(targets.find(ComposeStack.TARGET)).isEmpty();
    }

    @Test
    void aServiceWhoseHealthCheckKeepsFailingIsReportedUnhealthyAndTheTargetWithdrawn() throws Exception {
        requireDockerAndCompose();
        Path file = compose("""
                services:
                  backend:
                    image: %s
                    healthcheck:
                      test: ["CMD", "python3", "-c", "import sys; print('health endpoint missing'); sys.exit(1)"]
                      interval: 1s
                      timeout: 2s
                      retries: 2
                """.formatted(image));
        ComposeStack stack = stack(file, null, 8000, 3000, Duration.ofMinutes(1));
        targets.register(new Target(ComposeStack.TARGET, URI.create("http://127.0.0.1:8000"), null, "compose"));

        assertThatThrownBy(() -> stack.up(false, lines::add)).asInstanceOf(type(ComposeException.class))
                .satisfies(ex -> {
                    assertThat(ex.reason()).isEqualTo(ComposeException.Reason.SERVICE_FAILED);
                    assertThat(ex.getMessage()).contains("Service 'backend'", "is unhealthy",
                            "(last: exit 1: health endpoint missing)", "listening on 8000");
                });
        assertThat(targets.find(ComposeStack.TARGET)).isEmpty();
        assertThat(stack.status().condition()).isEqualTo("failing");
    }

    @Test
    void aPublishedPortThatIsTakenIsNamedWithHowToFreeIt() throws Exception {
        requireDockerAndCompose();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = compose("""
                    services:
                      backend:
                        image: %s
                        ports:
                          - "127.0.0.1:%d:8000"
                    """.formatted(image, taken.getLocalPort()));
            ComposeStack stack = stack(file, null, taken.getLocalPort(), 3000, Duration.ofMinutes(1));

            assertThatThrownBy(() -> stack.up(false, lines::add)).asInstanceOf(type(ComposeException.class))
                    .satisfies(ex -> {
                        assertThat(ex.reason()).isEqualTo(ComposeException.Reason.PORT_IN_USE);
                        assertThat(ex.getMessage()).startsWith("Port 127.0.0.1:" + taken.getLocalPort()
                                + " is already in use").contains("ss -ltnp 'sport = :" + taken.getLocalPort() + "'");
                    });
        }
    }

    @Test
    void aStackStillStartingWhenTheTimeBudgetEndsTimesOutNamingWhatItWaitsFor() throws Exception {
        requireDockerAndCompose();
        Path file = compose("""
                services:
                  backend:
                    image: %s
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 60s
                """.formatted(image));
        ComposeStack stack = stack(file, null, 8000, 3000, Duration.ofSeconds(8));

        assertThatThrownBy(() -> stack.up(false, lines::add)).asInstanceOf(type(ComposeException.class))
                .satisfies(ex -> {
                    assertThat(ex.reason()).isEqualTo(ComposeException.Reason.TIMEOUT);
                    assertThat(ex.getMessage()).contains("not healthy within PT8S", "still waiting for backend "
                            + "(starting)", "panel.compose.up-timeout");
                });
    }

    @Test
    void logsOfAServiceTheStackDoesNotHaveNameTheServicesItHas() throws Exception {
        requireDockerAndCompose();
        Path file = compose("""
                services:
                  backend:
                    image: %s
                """.formatted(image));
        ComposeStack stack = stack(file, null, 8000, 3000, Duration.ofMinutes(1));
        stack.up(false, lines::add);

        assertThatThrownBy(() -> stack.logs("database", 10)).isInstanceOf(PlanElementNotFoundException.class)
                .hasMessageContaining("database").hasMessageContaining("backend");
        assertThatThrownBy(() -> stack.logs("backend", 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("between 1 and 5000");
        assertThat(stack.logs("backend", 1)).hasSize(1);
    }

    @Test
    void aMissingComposeFileIsNamedWithTheFix() {
        ComposeStack stack = stack(folder.resolve("docker-compose.yml"), null, 8000, 3000, Duration.ofMinutes(1));

        assertThatThrownBy(() -> stack.up(true, lines::add)).asInstanceOf(type(ComposeException.class))
                .satisfies(ex -> {
                    assertThat(ex.reason()).isEqualTo(ComposeException.Reason.FILE_MISSING);
                    assertThat(ex.getMessage()).contains(folder.resolve("docker-compose.yml").toString(),
                            "does not exist", "panel.compose.file");
                });
    }

    @Test
    void anInvalidComposeFileFailsWithComposesOwnWords() throws Exception {
        try {
            ComposeFixture.assumeComposeTool();
        }
        catch (TestAbortedException ex) {
            Assumptions.abort(ex.getMessage());
        }
        Path file = compose("services:\n  backend:\n    image: [unclosed\n");
        ComposeStack stack = stack(file, null, 8000, 3000, Duration.ofMinutes(1));

        assertThatThrownBy(() -> stack.up(true, lines::add)).asInstanceOf(type(ComposeException.class))
                .satisfies(ex -> {
                    assertThat(ex.reason()).isEqualTo(ComposeException.Reason.FILE_INVALID);
                    assertThat(ex.getMessage()).contains("The compose file " + file + " is not valid for docker")
                            .containsIgnoringCase("line 3").contains("config -q");
                });
        assertThat(ComposeFixture.leftovers(project)).isEmpty();
    }

    @Test
    void withNoComposeToolOnTheSearchPathUpSaysHowToInstallOne() throws Exception {
        Path file = compose("services:\n  backend:\n    image: nothing\n");
        Path empty = Files.createDirectories(folder.resolve("no-tools"));
        ComposeStack stack = ComposeFixture.stack(file, project, null, URI.create("http://127.0.0.1:8000"),
                URI.create("http://127.0.0.1:3000"), Duration.ofMinutes(1), targets, masker, empty.toString());

        assertThatThrownBy(() -> stack.up(true, lines::add)).asInstanceOf(type(ComposeException.class))
                .satisfies(ex -> {
                    assertThat(ex.reason()).isEqualTo(ComposeException.Reason.NO_TOOL);
                    assertThat(ex.getMessage()).contains("neither `docker compose`", "nor `docker-compose`",
                            empty.toString(), "apt-get install docker-compose", "panel.tools.search-path");
                });
        assertThatThrownBy(stack::tool).isInstanceOf(ComposeException.class);
    }

    private void requireDockerAndCompose() {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
    }

    private Path compose(String text) throws IOException {
        return Files.writeString(folder.resolve("docker-compose.yml"), text);
    }

    private ComposeStack stack(Path file, Path envFile, int backendPort, int frontendPort, Duration upTimeout) {
        return ComposeFixture.stack(file, project, envFile, URI.create("http://127.0.0.1:" + backendPort),
                URI.create("http://127.0.0.1:" + frontendPort), upTimeout, targets, masker, null);
    }

    private CheckContext context(Map<String, String> parameters) {
        return new CheckContext(null, null, parameters, lines::add, () -> false);
    }

}
