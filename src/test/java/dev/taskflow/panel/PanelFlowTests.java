package dev.taskflow.panel;

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

/** The whole panel on a random port: the API, the live event stream and actuator, as a client sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PanelFlowTests {

    @TempDir
    static Path workspace;

    @TempDir
    static Path emptyToolFolder;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        registry.add("panel.pipeline.workspace", () -> workspace.toString());
        // No minikube, helm or kubectl: the prerequisites must fail with their remediation.
        registry.add("panel.tools.search-path", () -> emptyToolFolder.toString());
    }

    @Test
    void listsTheThreePlansWithTheirTaskCounts() throws Exception {
        JsonNode plans = getJson("/api/plans");

        assertThat(plans.findValuesAsString("id")).containsExactly("taskflow", "habit-tracker", "todo-app");
        assertThat(plans.findValues("tasks")).extracting(JsonNode::asInt).containsExactly(72, 50, 114);
    }

    @Test
    void runningThePrerequisitesPhaseGivesRealResultsAndStreamsThemLive() throws Exception {
        HttpResponse<String> started = post("/api/runs", "{\"plan\":\"taskflow\",\"phase\":\"phase-1\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json.readTree(started.body()).path("id").asString();
        assertThat(started.headers().firstValue("Location")).contains("/api/runs/" + id);

        List<String[]> events = readEvents("/api/runs/" + id + "/events");

        assertThat(events).extracting(event -> event[0]).contains("task", "checkpoint").endsWith("end");
        assertThat(events).extracting(event -> Long.parseLong(event[1])).isSorted().doesNotHaveDuplicates();
        JsonNode run = getJson("/api/runs/" + id);
        assertThat(run.path("status").asString()).isEqualTo("failed");
        JsonNode minikube = result(run, "T008");
        assertThat(minikube.path("status").asString()).isEqualTo("failed");
        assertThat(minikube.path("summary").asString()).contains("minikube is not installed").contains("Install minikube");
        assertThat(result(run, "T009").path("summary").asString()).contains("helm is not installed");
        assertThat(result(run, "T007").path("durationMs").asLong()).isNotNegative();
        assertThat(result(run, "T007").path("evidence").get(0).path("values").path("host").asString()).isNotEmpty();
        assertThat(run.path("checkpoints").get(0).path("state").asString()).isEqualTo("failed");

        JsonNode blocked = runToEnd("{\"plan\":\"taskflow\",\"tasks\":[\"T016\"]}");
        assertThat(result(blocked, "T016").path("status").asString()).isEqualTo("blocked");
        assertThat(getJson("/actuator/metrics/panel.task.runs").path("name").asString()).isEqualTo("panel.task.runs");
    }

    @Test
    void badRequestsAreProblemDetailsThatNameTheFault() throws Exception {
        HttpResponse<String> unknownPlan = post("/api/runs", "{\"plan\":\"nope\"}");
        assertThat(unknownPlan.statusCode()).isEqualTo(404);
        assertThat(unknownPlan.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(unknownPlan.body()).path("detail").asString()).contains("Unknown plan 'nope'");

        HttpResponse<String> unknownPhase = post("/api/runs", "{\"plan\":\"taskflow\",\"phase\":\"phase-9\"}");
        assertThat(unknownPhase.statusCode()).isEqualTo(404);

        HttpResponse<String> malformed = post("/api/runs", "not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).path("detail").asString()).contains("not the JSON this endpoint takes");
    }

    @Test
    void healthStaysUpWithoutAClusterAndReportsTheEnvironmentApart() throws Exception {
        assertThat(getJson("/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
        assertThat(getJson("/actuator/health/readiness").path("status").asString()).isEqualTo("UP");
        assertThat(getJson("/actuator/health").path("status").asString()).isEqualTo("UP");

        HttpResponse<String> environment = get("/actuator/health/environment");
        JsonNode components = json.readTree(environment.body()).path("components");
        assertThat(components.path("kubeContext").path("details").path("reason").asString()).isNotEmpty();
        assertThat(components.path("dockerEngine").path("details").path("host").asString()).isNotEmpty();
    }

    @Test
    void apiDocsDescribeTheRunEndpoints() throws Exception {
        JsonNode docs = getJson("/v3/api-docs");
        assertThat(docs.path("paths").propertyNames()).contains("/api/plans", "/api/plans/{plan}", "/api/runs",
                "/api/runs/{id}", "/api/runs/{id}/events", "/api/runs/{id}/cancel");
        assertThat(get("/swagger-ui.html").statusCode()).isIn(200, 302);
    }

    @Test
    void pagesRenderForEveryPlanAndPhase() throws Exception {
        for (JsonNode plan : getJson("/api/plans")) {
            String planId = plan.path("id").asString();
            assertThat(get("/plans/" + planId).statusCode()).isEqualTo(200);
            for (JsonNode phase : getJson("/api/plans/" + planId).path("phases")) {
                HttpResponse<String> page = get("/plans/" + planId + "/phases/" + phase.path("id").asString());
                assertThat(page.statusCode()).as(planId + " " + phase.path("id")).isEqualTo(200);
            }
        }
        assertThat(get("/plans/nope").statusCode()).isEqualTo(404);
        assertThat(get("/plans/nope").body()).contains("Unknown plan");
    }

    private JsonNode runToEnd(String body) throws Exception {
        String id = json.readTree(post("/api/runs", body).body()).path("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String status = getJson("/api/runs/" + id).path("status").asString();
            return !status.equals("queued") && !status.equals("running");
        });
        return getJson("/api/runs/" + id);
    }

    private static JsonNode result(JsonNode run, String taskId) {
        for (JsonNode result : run.path("results")) {
            if (result.path("taskId").asString().equals(taskId)) {
                return result;
            }
        }
        throw new AssertionError("No result for " + taskId + " in " + run);
    }

    /** Reads a server-sent event stream to its end: each event as [name, id]. */
    private List<String[]> readEvents(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String[]> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                }
                else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                }
                else if (line.isEmpty() && name != null) {
                    events.add(new String[] { name, id });
                    name = null;
                }
            }
        }
        return events;
    }

    private JsonNode getJson(String path) throws Exception {
        return json.readTree(get(path).body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
