package dev.taskflow.panel.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The app's API contract at one moment: where it was read from and every endpoint, sorted by path then method.
 *
 * @param source     the URL (or file) the OpenAPI document came from
 * @param capturedAt when it was read
 * @param endpoints  every endpoint
 */
public record ApiContract(String source, Instant capturedAt, List<ApiEndpoint> endpoints) {

    public ApiContract {
        endpoints = List.copyOf(endpoints);
    }

    public Optional<ApiEndpoint> endpoint(String method, String path) {
        return endpoints.stream().filter(endpoint -> endpoint.method().equalsIgnoreCase(method)
                && endpoint.path().equals(path)).findFirst();
    }
}
