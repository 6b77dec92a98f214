package dev.taskflow.panel.contract;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiReaderTests {

    private final OpenApiReader reader = new OpenApiReader();

    private final Instant now = Instant.parse("2026-01-10T10:00:00Z");

    @Test
    void listsEveryOperationSortedByPathThenMethod() {
        ApiContract contract = reader.read(ContractFixtures.resource("taskflow-openapi.json"), "http://prod/openapi.json", now);

        assertThat(contract.source()).isEqualTo("http://prod/openapi.json");
        assertThat(contract.capturedAt()).isEqualTo(now);
        assertThat(contract.endpoints()).extracting(ApiEndpoint::key).containsExactly("POST /api/v1/auth/login",
                "GET /api/v1/auth/me", "POST /api/v1/auth/signup", "POST /api/v1/chat", "GET /api/v1/tasks",
                "POST /api/v1/tasks", "DELETE /api/v1/tasks/{task_id}", "GET /api/v1/tasks/{task_id}",
                "PUT /api/v1/tasks/{task_id}", "PATCH /api/v1/tasks/{task_id}/complete", "GET /health");
    }

    @Test
    void operationSecurityMarksTheEndpointsThatNeedABearerToken() {
        ApiContract contract = reader.read(ContractFixtures.resource("taskflow-openapi.json"), "x", now);

        assertThat(contract.endpoints()).filteredOn(ApiEndpoint::requiresAuth).hasSize(8);
        assertThat(contract.endpoint("GET", "/api/v1/auth/me")).get().extracting(ApiEndpoint::requiresAuth).isEqualTo(true);
        assertThat(contract.endpoint("POST", "/api/v1/auth/login")).get().extracting(ApiEndpoint::requiresAuth).isEqualTo(false);
        assertThat(contract.endpoint("GET", "/health")).get().extracting(ApiEndpoint::requiresAuth).isEqualTo(false);
    }

    @Test
    void bodyFieldsFollowSchemaReferencesAndAllOfAndAreSorted() {
        ApiContract contract = reader.read(ContractFixtures.resource("taskflow-openapi.json"), "x", now);

        assertThat(contract.endpoint("POST", "/api/v1/auth/signup").orElseThrow().bodyFields())
                .containsExactly("email", "name", "password");
        assertThat(contract.endpoint("PUT", "/api/v1/tasks/{task_id}").orElseThrow().bodyFields())
                .containsExactly("completed", "description", "title");
        assertThat(contract.endpoint("GET", "/api/v1/tasks").orElseThrow().bodyFields()).isEmpty();
    }

    @Test
    void statusCodesAreTheDocumentedResponsesSorted() {
        ApiContract contract = reader.read(ContractFixtures.resource("taskflow-openapi.json"), "x", now);

        ApiEndpoint create = contract.endpoint("POST", "/api/v1/tasks").orElseThrow();
        assertThat(create.statusCodes()).containsExactly("201", "401", "422");
        assertThat(create.operationId()).isEqualTo("create_task_api_v1_tasks_post");
        assertThat(create.summary()).isEqualTo("Create Task");
    }

    @Test
    void globalSecurityAppliesUnlessTheOperationOptsOutAndRequestBodyReferencesResolve() {
        ApiContract contract = reader.read(ContractFixtures.resource("global-security-openapi.json"), "x", now);

        ApiEndpoint privateNote = contract.endpoint("POST", "/private").orElseThrow();
        assertThat(privateNote.requiresAuth()).isTrue();
        assertThat(privateNote.bodyFields()).containsExactly("pinned", "text");
        assertThat(privateNote.statusCodes()).isEqualTo(List.of("201", "default"));
        assertThat(contract.endpoint("GET", "/public").orElseThrow().requiresAuth()).isFalse();
    }

    @Test
    void aJsonDocumentThatIsNotOpenApiIsRefusedWithTheParsersMessages() {
        assertThatThrownBy(() -> reader.read(ContractFixtures.resource("not-openapi.json"), "http://b/openapi.json", now))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining("http://b/openapi.json is not an OpenAPI document")
                .hasMessageContaining("attribute openapi is missing")
                .hasMessageContaining("panel.contract.openapi-path");
    }

    @Test
    void aDocumentThatDoesNotParseIsRefusedNamingIt() {
        assertThatThrownBy(() -> reader.read(ContractFixtures.resource("broken.json"), "http://b/openapi.json", now))
                .isInstanceOf(ContractSourceUnavailableException.class)
                .hasMessageContaining("http://b/openapi.json is not an OpenAPI document the panel can read: ");
    }
}
