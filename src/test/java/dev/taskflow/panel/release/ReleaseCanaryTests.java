package dev.taskflow.panel.release;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The canary: install the chart with unique secret values through the plan's own tasks, then look everywhere a
 * secret could leak — every page, every API answer, every log line and every file the panel wrote except the one
 * values file Helm must read — and find none of them, plain or base64.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReleaseCanaryTests {

    static final HelmMockCluster MOCK = HelmMockCluster.start();

    static final String CANARY = UUID.randomUUID().toString().replace("-", "");

    static final List<String> SECRETS = List.of("canary-db-" + CANARY, "canary-auth-secret-" + CANARY,
            "sk-canary-" + CANARY);

    @TempDir
    static Path workspace;

    @TempDir
    static Path deployment;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) throws Exception {
        MOCK.actAsControllersContinuously(HelmMockCluster.NAMESPACE, Duration.ofMillis(100));
        Files.writeString(deployment.resolve("secrets.env"), """
                DATABASE_URL=postgresql://app:%s@127.0.0.1:1/app
                BETTER_AUTH_SECRET=%s
                ANTHROPIC_API_KEY=%s
                CORS_ORIGINS=http://localhost:3000
                BETTER_AUTH_URL=http://localhost:3000
                """.formatted(SECRETS.get(0), SECRETS.get(1), SECRETS.get(2)));
        registry.add("panel.pipeline.workspace", workspace::toString);
        registry.add("panel.secrets.file", () -> deployment.resolve("secrets.env").toString());
        registry.add("panel.cluster.kubeconfig", () -> MOCK.kubeconfig().toString());
        registry.add("panel.release.timeout", () -> "30s");
    }

    @AfterAll
    static void stopTheMock() {
        MOCK.close();
    }

    @Test
    void noSecretValueAppearsInAnyPageApiAnswerLogLineOrEvidence(CapturedOutput output) throws Exception {
        String release = run("[\"T036\",\"T037\",\"T039\",\"T040\"]");
        String secrets = run("[\"T013\",\"T014\",\"T015\"]");
        for (String task : List.of("T036", "T037", "T039", "T040")) {
            assertThat(status(release, task)).as(task + " in " + release).isEqualTo("passed");
        }
        assertThat(status(secrets, "T015")).as("the probe of an unreachable database").isEqualTo("failed");
        assertThat(MOCK.client().secrets().inNamespace("default").withName("taskflow-backend-secret").get()
                .getData().get("BETTER_AUTH_SECRET")).as("the chart was installed with the secrets")
                .isEqualTo(base64(SECRETS.get(1)));

        List<String> shown = new ArrayList<>(List.of(release, secrets));
        for (String path : List.of("/api/releases", "/api/releases/chart/template", "/api/releases/chart/scan",
                "/api/releases/chart/dry-run", "/api/releases/revisions/1/manifest", "/api/releases/diff?from=1&to=1",
                "/api/secrets?plan=taskflow", "/api/runs", "/release", "/secrets", "/plans/taskflow",
                "/plans/taskflow/phases/phase-2", "/plans/taskflow/phases/phase-4", "/runs")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            shown.add(response.body());
        }
        shown.add(post("/api/secrets/database-probe", "").body());
        shown.add(post("/api/releases/values-local", "").body());
        shown.add(post("/release/lint", "strict=true").body());
        shown.add(output.getAll());
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("values-local.yaml")) {
                    shown.add(Files.readString(file));
                }
            }
        }

        String everything = String.join("\n", shown);
        for (String secret : SECRETS) {
            assertThat(everything).doesNotContain(secret, base64(secret), CANARY);
        }
        assertThat(everything).contains("sha256:", "••••");
    }

    private String status(String run, String taskId) {
        for (var result : json.readTree(run).path("results")) {
            if (result.path("taskId").asString().equals(taskId)) {
                return result.path("status").asString();
            }
        }
        throw new AssertionError("No result for " + taskId + " in " + run);
    }

    private String run(String tasks) throws Exception {
        HttpResponse<String> started = post("/api/runs", "{\"plan\":\"taskflow\",\"tasks\":" + tasks + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json.readTree(started.body()).path("id").asString();
        await().atMost(Duration.ofSeconds(90)).until(() -> !json.readTree(get("/api/runs/" + id).body())
                .path("status").asString().matches("queued|running"));
        return get("/api/runs/" + id).body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        boolean form = !body.startsWith("{") && !body.isEmpty();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json")
                .header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
