package dev.taskflow.panel.checks;

import java.time.Instant;
import java.util.List;

import dev.taskflow.panel.contract.ApiContract;
import dev.taskflow.panel.contract.ApiEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiMapProposalTests {

    @Test
    void aContractWithUserIdsInPathsAndAToggleRouteBecomesAMapThatValidates() {
        ApiContract contract = new ApiContract("http://x/openapi.json", Instant.now(), List.of(
                endpoint("GET", "/health", List.of()),
                endpoint("POST", "/api/auth/register", List.of("email", "name", "password")),
                endpoint("POST", "/api/auth/login", List.of("email", "password")),
                endpoint("GET", "/api/auth/me", List.of()),
                endpoint("GET", "/api/{uid}/tasks", List.of()),
                endpoint("POST", "/api/{uid}/tasks", List.of("description", "title")),
                endpoint("GET", "/api/{uid}/tasks/{id}", List.of()),
                endpoint("PUT", "/api/{uid}/tasks/{id}", List.of("completed", "description", "title")),
                endpoint("PATCH", "/api/{uid}/tasks/{id}/toggle", List.of()),
                endpoint("DELETE", "/api/{uid}/tasks/{id}", List.of()),
                endpoint("POST", "/api/{uid}/chat", List.of("message"))));

        ApiMapProposal proposal = ApiMapProposal.from(contract);

        assertThat(proposal.missing()).isEmpty();
        assertThat(proposal.operations().get("read")).isEqualTo(ApiOperation.of("GET", "/api/{user_id}/tasks/{task_id}"));
        assertThat(proposal.operations().get("complete"))
                .isEqualTo(ApiOperation.of("PATCH", "/api/{user_id}/tasks/{task_id}/toggle"));
        assertThat(proposal.operations().get("signup").body())
                .isEqualTo("{\"email\":\"{email}\",\"name\":\"{name}\",\"password\":\"{password}\"}");
        assertThat(proposal.operations().get("update").body()).isEqualTo("{\"title\":\"{title}\"}");
        new ApiMap(proposal.operations(), "", "/token", "/user/id", "/id", "/response", 400).validated();
        assertThat(proposal.yaml()).contains("    api-map:\n      health:\n        method: GET\n        path: \"/health\"");
    }

    @Test
    void operationsNoEndpointLooksLikeAreListedAsMissing() {
        ApiContract contract = new ApiContract("x", Instant.now(), List.of(endpoint("GET", "/health", List.of())));

        assertThat(ApiMapProposal.from(contract).missing()).containsExactly("signup", "login", "me", "list", "create",
                "read", "update", "complete", "delete", "chat");
    }

    private static ApiEndpoint endpoint(String method, String path, List<String> body) {
        return new ApiEndpoint(method, path, false, body, List.of("200"), null, null);
    }
}
