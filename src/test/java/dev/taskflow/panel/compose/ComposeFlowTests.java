package dev.taskflow.panel.compose;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.taskflow.panel.pipeline.CheckRegistry;
import dev.taskflow.panel.support.LocalBaseImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole panel: the compose checks are registered, the defaults bound, and the page and API answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComposeFlowTests {

    @TempDir
    static Path folder;

    private static final String PROJECT = ComposeFixture.project();

    @LocalServerPort
    int port;

    @Autowired
    CheckRegistry checks;

    @Autowired
    ComposeStack stack;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        registry.add("panel.pipeline.workspace", () -> folder.resolve("workspace").toString());
        registry.add("panel.pipeline.repo-root", () -> folder.resolve("repo").toString());
        registry.add("panel.secrets.file", () -> folder.resolve("deploy/secrets.env").toString());
        registry.add("panel.compose.project-name", () -> PROJECT);
    }

    @Test
    void theComposeChecksAreRegisteredAndTheDefaultsBound() {
        assertThat(checks.ids()).contains("compose-up", "compose-verify");
        ComposeProperties properties = stack.properties();
        assertThat(properties.upTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backendUrl()).isEqualTo(URI.create("http://localhost:8000"));
        assertThat(properties.frontendUrl()).isEqualTo(URI.create("http://localhost:3000"));
        assertThat(properties.backendService()).isEqualTo("backend");
        assertThat(properties.frontendService()).isEqualTo("frontend");
        assertThat(stack.project()).isEqualTo(PROJECT);
        assertThat(stack.file()).isEqualTo(folder.resolve("repo/docker-compose.yml").toAbsolutePath());
        assertThat(stack.envFile()).as("no secrets file yet").isEmpty();
    }

    @Test
    void thePageAndTheApiShowAProjectWithNoContainersAsDown() throws Exception {
        LocalBaseImage.assumeDockerEngine();

        HttpResponse<String> page = get("/compose");
        HttpResponse<String> api = get("/api/compose");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Compose stack", PROJECT, "the stack is down");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"project\":\"" + PROJECT + "\"", "\"services\":[]", "\"condition\":\"down\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
