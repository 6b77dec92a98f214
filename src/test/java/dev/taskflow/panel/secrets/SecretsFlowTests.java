package dev.taskflow.panel.secrets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.taskflow.panel.pipeline.CheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.taskflow.panel.secrets.SecretsFixtures.CANARIES;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole panel with a secrets file full of canaries: created from the template, filled, validated, probed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecretsFlowTests {

    @TempDir
    static Path folder;

    @LocalServerPort
    int port;

    @Autowired
    CheckRegistry checks;

    @Autowired
    SecretsProperties properties;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        registry.add("panel.pipeline.workspace", () -> folder.resolve("workspace").toString());
        registry.add("panel.tools.search-path", () -> folder.resolve("no-tools").toString());
        registry.add("panel.secrets.file", () -> folder.resolve("deploy/secrets.env").toString());
        registry.add("panel.secrets.app-root", () -> folder.resolve("app").toString());
        registry.add("panel.secrets.connect-timeout", () -> "2s");
    }

    @Test
    void theChecksThePlansNameAreRegisteredAndThePropertiesBound() {
        assertThat(checks.ids()).contains("secrets-template", "secret-length", "database-probe", "gitignore-entries");
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.keysFor("habit-tracker")).contains("JWT_SECRET", "GEMINI_API_KEY");
    }

    @Test
    void fromTemplateToFilledFileNoValueLeavesThePanel() throws Exception {
        HttpResponse<String> created = post("/api/secrets/template?plan=taskflow");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json.readTree(get("/api/secrets?plan=taskflow").body()).path("valid").asBoolean()).isFalse();

        Path file = Path.of(json.readTree(created.body()).path("location").asString());
        Files.writeString(file, SecretsFixtures.TASKFLOW_FILE.replace("127.0.0.1:5432", "127.0.0.1:1"));

        JsonNode report = json.readTree(noCanary(get("/api/secrets?plan=taskflow")));
        assertThat(report.path("valid").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("keys")).hasSize(5);
        JsonNode probe = json.readTree(noCanary(post("/api/secrets/database-probe")));
        assertThat(probe.path("failure").path("kind").asString()).isEqualTo("connection-refused");
        String page = noCanary(get("/secrets?plan=taskflow"));
        assertThat(page).contains("id=\"secrets-table\"", "Plan: <span>TaskFlow</span>");
        noCanary(post("/secrets/database-probe"));
    }

    @Test
    void theApiDocsDescribeTheSecretsEndpoints() throws Exception {
        JsonNode docs = json.readTree(get("/v3/api-docs").body());

        assertThat(docs.path("paths").propertyNames()).contains("/api/secrets", "/api/secrets/template",
                "/api/secrets/gitignore", "/api/secrets/database-probe");
    }

    private String noCanary(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CANARIES.forEach(canary -> assertThat(response.body()).doesNotContain(canary));
        return response.body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
