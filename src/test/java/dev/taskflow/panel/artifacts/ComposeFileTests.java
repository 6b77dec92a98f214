package dev.taskflow.panel.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml at the repository root: the local stack (PostgreSQL, backend, frontend) that comes up healthy in
 * order, builds from the app's folders with this repository's Dockerfiles, and holds no secret itself.
 */
class ComposeFileTests {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    /** Variables whose values are secrets: they may be referenced, never given a default. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)SECRET|PASSWORD|API_KEY|TOKEN|DATABASE_URL");

    private static String text;

    private static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(COMPOSE);
        services = new YAMLMapper().readTree(text).path("services");
    }

    @Test
    void theStackIsPostgresBackendAndFrontendWithThePanelBehindAProfile() {
        assertThat(services.propertyNames()).containsExactlyInAnyOrder("postgres", "backend", "frontend", "panel");
        assertThat(services.path("postgres").path("image").asString()).isEqualTo("postgres:16-alpine");
        for (String service : List.of("postgres", "backend", "frontend")) {
            assertThat(services.path(service).has("profiles")).as("%s starts by default", service).isFalse();
        }
        assertThat(strings(services.path("panel").path("profiles"))).containsExactly("panel");
    }

    @Test
    void everyServiceHasAHealthCheckThatProbesItsOwnPort() {
        assertThat(healthCheck("postgres")).startsWith("CMD-SHELL").contains("pg_isready");
        assertThat(healthCheck("backend")).startsWith("CMD").contains("http://127.0.0.1:8000/health");
        assertThat(healthCheck("frontend")).startsWith("CMD").contains("http://127.0.0.1:3000/");
        assertThat(healthCheck("panel")).contains("/dev/tcp/127.0.0.1/8080").contains("/actuator/health/liveness");
    }

    @Test
    void eachTierStartsOnlyOnceTheOneItNeedsIsHealthy() {
        assertThat(services.path("backend").path("depends_on").path("postgres").path("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(services.path("frontend").path("depends_on").path("backend").path("condition").asString())
                .isEqualTo("service_healthy");
    }

    @Test
    void backendAndFrontendBuildFromTheAppFoldersWithThisRepositorysDockerfiles() {
        JsonNode backend = services.path("backend").path("build");
        JsonNode frontend = services.path("frontend").path("build");

        assertThat(backend.path("context").asString()).isEqualTo("${BACKEND_DIR:-../app/backend}");
        assertThat(frontend.path("context").asString()).isEqualTo("${FRONTEND_DIR:-../app/frontend}");
        assertThat(backend.path("dockerfile").asString()).isEqualTo("${PWD}/dockerfiles/backend.Dockerfile");
        assertThat(frontend.path("dockerfile").asString()).isEqualTo("${PWD}/dockerfiles/frontend.Dockerfile");
        assertThat(Path.of("dockerfiles/backend.Dockerfile")).isRegularFile();
        assertThat(Path.of("dockerfiles/frontend.Dockerfile")).isRegularFile();
        assertThat(backend.path("args").path("BASE_IMAGE").asString())
                .isEqualTo("${BACKEND_BASE_IMAGE:-python:3.11-slim}");
        assertThat(frontend.path("args").path("NEXT_PUBLIC_API_URL").asString())
                .isEqualTo("${NEXT_PUBLIC_API_URL:-http://localhost:8000}");
    }

    @Test
    void backendAndFrontendArePublishedOnLocalhostOnlyAndShareOneNetwork() {
        assertThat(strings(services.path("backend").path("ports"))).containsExactly("127.0.0.1:8000:8000");
        assertThat(strings(services.path("frontend").path("ports"))).containsExactly("127.0.0.1:3000:3000");
        assertThat(strings(services.path("panel").path("ports"))).containsExactly("127.0.0.1:8080:8080");
        assertThat(services.path("postgres").has("ports")).as("the database stays inside the stack").isFalse();
        for (String service : services.propertyNames()) {
            assertThat(strings(services.path(service).path("networks"))).as(service).containsExactly("taskflow");
        }
    }

    @Test
    void secretsComeFromSecretsEnvAndTheBackendUsesTheStacksDatabase() {
        for (String service : List.of("backend", "frontend")) {
            assertThat(strings(services.path(service).path("env_file"))).as(service)
                    .containsExactly("${SECRETS_ENV_FILE:-secrets.env}");
        }
        assertThat(services.path("backend").path("environment").path("DATABASE_URL").asString()).isEqualTo(
                "postgresql://${POSTGRES_USER:-taskflow}:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in the "
                        + "environment or in .env}@postgres:5432/${POSTGRES_DB:-taskflow}");
        assertThat(services.path("postgres").path("environment").path("POSTGRES_PASSWORD").asString())
                .startsWith("${POSTGRES_PASSWORD:?");
    }

    @Test
    void noSecretHasAValueOrADefaultInTheFile() {
        assertThat(secretLeaks(text)).isEmpty();
        // The same scan flags what it is there to catch.
        assertThat(secretLeaks("""
                services:
                  backend:
                    environment:
                      BETTER_AUTH_SECRET: s3cret-value-in-the-file
                      DATABASE_URL: postgresql://app:${DB_PASSWORD:-hunter2}@db/app
                      OPENAI_API_KEY: ${OPENAI_API_KEY}
                """)).containsExactly("BETTER_AUTH_SECRET has a literal value", "${DB_PASSWORD:-...} has a default");
    }

    @Test
    void thePanelReadsTheDockerSocketAndKubeConfigReadOnly() {
        JsonNode panel = services.path("panel");

        assertThat(panel.path("build").path("context").asString()).isEqualTo(".");
        assertThat(panel.path("build").path("dockerfile").asString()).isEqualTo("dockerfiles/panel.Dockerfile");
        List<String> volumes = strings(panel.path("volumes"));
        assertThat(volumes).contains("/var/run/docker.sock:/var/run/docker.sock:ro", "~/.kube:/home/panel/.kube:ro");
        assertThat(volumes).filteredOn(volume -> volume.startsWith("/") || volume.startsWith("~")
                || volume.startsWith("$")).as("every host folder or file").allMatch(volume -> volume.endsWith(":ro"));
    }

    private static String healthCheck(String service) {
        JsonNode healthcheck = services.path(service).path("healthcheck");
        assertThat(healthcheck.path("test").isArray()).as(service).isTrue();
        return String.join(" ", strings(healthcheck.path("test")));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isObject()) {
            values.addAll(node.propertyNames());
        }
        else {
            node.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    /** Secret-looking environment entries with a literal value, and secret-looking variables with a default. */
    private static List<String> secretLeaks(String compose) {
        List<String> leaks = new ArrayList<>();
        JsonNode all = new YAMLMapper().readTree(compose).path("services");
        for (String service : all.propertyNames()) {
            JsonNode environment = all.path(service).path("environment");
            for (Map.Entry<String, JsonNode> entry : environment.properties()) {
                if (SECRET_NAME.matcher(entry.getKey()).find() && !entry.getValue().asString().contains("${")) {
                    leaks.add(entry.getKey() + " has a literal value");
                }
            }
        }
        Matcher defaulted = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):?-").matcher(compose);
        while (defaulted.find()) {
            // A *_FILE variable names where secrets are kept, which is no secret.
            if (SECRET_NAME.matcher(defaulted.group(1)).find() && !defaulted.group(1).endsWith("_FILE")) {
                leaks.add("${" + defaulted.group(1) + ":-...} has a default");
            }
        }
        return leaks;
    }
}
