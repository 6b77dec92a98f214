package dev.taskflow.panel.checks;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.taskflow.panel.checks.StandInTaskFlow.Variant;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The panel running the suite through its API and pages against the stand-in TaskFlow backend. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChecksFlowTests {

    @TempDir
    static Path workspace;

    static StandInTaskFlow production;

    static StandInTaskFlow local;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        production = StandInTaskFlow.start(Variant.seed().withAllowedOrigins(Set.of(StandInTaskFlow.SELF)));
        local = StandInTaskFlow.start(Variant.seed().withAllowedOrigins(Set.of(StandInTaskFlow.SELF))
                .withValidationStatus(422));
        production.configureAsProduction(registry, workspace);
    }

    @AfterAll
    static void stop() {
        production.close();
        local.close();
    }

    @Test
    void theSuiteRunsThroughTheApiAndStreamsEachCheck() throws Exception {
        HttpResponse<String> started = post("/api/checks/runs", "{\"target\":\"production\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json.readTree(started.body()).path("id").asString();

        List<String> events = eventNames("/api/checks/runs/" + id + "/events");

        assertThat(events).filteredOn("check"::equals).hasSize(EndToEndSuite.CHECKS.size());
        assertThat(events.getLast()).isEqualTo("end");
        JsonNode report = getJson("/api/checks/runs/" + id);
        for (JsonNode step : report.path("steps")) {
            assertThat(step.path("status").asString()).as(step.path("id").asString() + ": "
                    + step.path("summary").asString()).isEqualTo("passed");
        }
        String page = get("/checks/runs/" + id).body();
        assertThat(page).contains("e2e-chat-tool").contains("latency-chart").contains("data-status=\"passed\"");
    }

    @Test
    void parityFlagsWhatALocalDeploymentAnswersDifferently() throws Exception {
        post("/api/targets", "{\"name\":\"local\",\"backendUrl\":\"" + local.baseUrl() + "\"}");

        JsonNode diff = json.readTree(post("/api/parity", "{\"left\":\"production\",\"right\":\"local\"}").body());

        List<String> differences = new ArrayList<>();
        diff.path("rows").forEach(row -> {
            if (!row.path("difference").isNull()) {
                differences.add(row.path("request").asString() + ": " + row.path("difference").asString());
            }
        });
        assertThat(differences).anySatisfy(difference -> assertThat(difference)
                .startsWith("signup malformed: status 400 vs 422"));
        String page = http.send(HttpRequest.newBuilder(uri("/parity?left=production&right=local")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("table-danger").contains("status 400 vs 422");
    }

    @Test
    void secretsAndTokensNeverLeaveThePanel() throws Exception {
        String id = json.readTree(post("/api/checks/runs", "{\"target\":\"production\"}").body()).path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> getJson("/api/checks/runs/" + id).path("finishedAt").isString());

        String everything = get("/api/checks/runs/" + id).body() + get("/checks/runs/" + id).body()
                + get("/api/checks/api-map").body();

        assertThat(everything).doesNotContain(production.secret()).doesNotContain("eyJhbGciOi")
                .contains("\\\"token\\\":\\\"" + SecretMasker.HIDDEN + "\\\"");
    }

    @Test
    void theFrozenContractProposesTheSeedsApiMap() throws Exception {
        assertThat(post("/api/contract/freeze", "{\"target\":\"production\"}").statusCode()).isEqualTo(200);

        JsonNode proposal = getJson("/api/checks/api-map/proposal");

        assertThat(proposal.path("missing").isEmpty()).as(proposal.toString()).isTrue();
        for (String operation : ApiMap.OPERATIONS) {
            assertThat(proposal.path("operations").path(operation).path("path").asString()).as(operation)
                    .isEqualTo(ApiMap.seed().operation(operation).path());
        }
        assertThat(get("/checks").body()).contains("Proposed from the frozen contract");
    }

    @Test
    void badTargetsAreRefusedWithTheFix() throws Exception {
        HttpResponse<String> unknown = post("/api/checks/runs", "{\"target\":\"minikube\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).path("detail").asString()).contains("No target named 'minikube'");

        HttpResponse<String> badUrl = post("/api/targets", "{\"name\":\"x\",\"backendUrl\":\"ftp://nowhere\"}");
        assertThat(badUrl.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badUrl.body()).path("detail").asString()).contains("is not an http(s) URL");
    }

    @Test
    void theChecksAndParityPagesRender() throws Exception {
        assertThat(get("/checks").body()).contains("End-to-end checks").contains("production").contains("/api/v1/tasks");
        assertThat(get("/parity").statusCode()).isEqualTo(200);
    }

    private List<String> eventNames(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    names.add(line.substring(6).strip());
                }
            }
        }
        return names;
    }

    private JsonNode getJson(String path) throws Exception {
        return json.readTree(get(path).body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
