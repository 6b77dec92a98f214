package dev.taskflow.panel.contract;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractServiceTests {

    @TempDir
    Path folder;

    ContractFixtures.StandIn backend;

    ContractService service;

    @BeforeEach
    void setUp() {
        backend = new ContractFixtures.StandIn();
        service = new ContractService(ContractFixtures.properties(folder.resolve("app"), Duration.ofMillis(700)),
                ContractFixtures.workspace(folder.resolve("workspace")));
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    @Test
    void extractsTheContractFromTheBackendsOpenApiDocument() {
        backend.serve("/openapi.json", 200, "application/json", ContractFixtures.resource("taskflow-openapi.json"));

        ApiContract contract = service.extract(backend.base());

        assertThat(contract.source()).isEqualTo(backend.base() + "/openapi.json");
        assertThat(contract.endpoints()).hasSize(11);
        assertThat(contract.endpoint("DELETE", "/api/v1/tasks/{task_id}").orElseThrow().requiresAuth()).isTrue();
        assertThat(service.missingEndpoints(contract)).isEmpty();
    }

    @Test
    void followsARedirectOnTheSameHost() {
        backend.handle("/openapi.json", exchange -> {
            exchange.getResponseHeaders().add("Location", "/docs/openapi.json");
            ContractFixtures.StandIn.respond(exchange, 307, null, "");
        });
        backend.serve("/docs/openapi.json", 200, "application/json", ContractFixtures.resource("taskflow-openapi.json"));

        assertThat(service.extract(backend.base()).endpoints()).hasSize(11);
    }

    @Test
    void aTargetThatIsDownIsNamedWithTheFix() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + freePort);

        assertThatThrownBy(() -> service.extract(down))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining("Nothing answers at http://127.0.0.1:" + freePort + "/openapi.json")
                .hasMessageContaining("start the backend");
    }

    @Test
    void aSlowTargetTimesOutNamingTheTimeoutSetting() {
        backend.handle("/openapi.json", exchange -> {
            try {
                Thread.sleep(3000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            ContractFixtures.StandIn.respond(exchange, 200, "application/json", "{}");
        });

        assertThatThrownBy(() -> service.extract(backend.base()))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining(backend.base() + "/openapi.json did not answer within 700 ms")
                .hasMessageContaining("panel.contract.fetch-timeout");
    }

    @Test
    void anHtmlPageInsteadOfJsonIsRefused() {
        backend.serve("/openapi.json", 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body>Sign in</body></html>");

        assertThatThrownBy(() -> service.extract(backend.base()))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining(backend.base() + "/openapi.json answered an HTML page instead of OpenAPI JSON")
                .hasMessageContaining("text/html")
                .hasMessageContaining("point the target at the backend");
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() {
        String elsewhere = "http://localhost:" + backend.port() + "/openapi.json";
        backend.handle("/openapi.json", exchange -> {
            exchange.getResponseHeaders().add("Location", elsewhere);
            ContractFixtures.StandIn.respond(exchange, 302, null, "");
        });

        assertThatThrownBy(() -> service.extract(backend.base()))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining(backend.base() + "/openapi.json redirects to another host (" + elsewhere + ")");
    }

    @Test
    void aNonSuccessStatusIsNamedWithTheOpenApiPathSetting() {
        backend.serve("/openapi.json", 404, "application/json", "{\"detail\":\"Not Found\"}");

        assertThatThrownBy(() -> service.extract(backend.base()))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining(backend.base() + "/openapi.json answered HTTP 404 ({\"detail\":\"Not Found\"})")
                .hasMessageContaining("panel.contract.openapi-path");
    }

    @Test
    void aDocumentThatDoesNotParseIsRefusedWithTheParsersMessages() {
        backend.serve("/openapi.json", 200, "application/json", ContractFixtures.resource("not-openapi.json"));

        assertThatThrownBy(() -> service.extract(backend.base()))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining(backend.base() + "/openapi.json is not an OpenAPI document")
                .hasMessageContaining("attribute openapi is missing");
    }

    @Test
    void missingExpectedEndpointsAreNamedAndPathParametersMatchByPosition() {
        String renamed = ContractFixtures.resource("taskflow-openapi.json").replace("{task_id}", "{id}");
        backend.serve("/openapi.json", 200, "application/json", renamed);
        ApiContract contract = service.extract(backend.base());
        ApiContract withoutChat = new ApiContract(contract.source(), contract.capturedAt(), contract.endpoints().stream()
                .filter(endpoint -> !endpoint.path().equals("/api/v1/chat") && !endpoint.path().equals("/health")).toList());

        assertThat(service.missingEndpoints(contract)).isEmpty();
        assertThat(service.missingEndpoints(withoutChat)).containsExactly("GET /health", "POST /api/v1/chat");
    }

    @Test
    void freezingWritesBothFilesAndReadsTheContractBack() throws Exception {
        backend.serve("/openapi.json", 200, "application/json", ContractFixtures.resource("taskflow-openapi.json"));
        assertThat(service.frozenContract()).isEmpty();

        FreezeResult result = service.freeze(service.extract(backend.base()));

        assertThat(result.complete()).isTrue();
        assertThat(Path.of(result.jsonFile())).exists().hasFileName("contracts-freeze.json");
        assertThat(Files.readString(Path.of(result.markdownFile()))).contains("IMMUTABLE");
        assertThat(service.frozenContract()).get().extracting(contract -> contract.endpoints().size()).isEqualTo(11);
        assertThat(service.frozen().orElseThrow().contentHash()).isEqualTo(result.frozen().contentHash());
    }

    @Test
    void freezingAContractThatLacksExpectedEndpointsStillWritesTheFiles() {
        ApiContract partial = new ApiContract("http://prod/openapi.json", java.time.Instant.now(),
                java.util.List.of(new ApiEndpoint("GET", "/health", false, null, java.util.List.of("200"), null, null)));

        FreezeResult result = service.freeze(partial);

        assertThat(result.complete()).isFalse();
        assertThat(result.missingEndpoints()).hasSize(10).contains("POST /api/v1/chat", "DELETE /api/v1/tasks/{task_id}");
        assertThat(Path.of(result.jsonFile())).exists();
        assertThat(Path.of(result.markdownFile())).exists();
    }
}
