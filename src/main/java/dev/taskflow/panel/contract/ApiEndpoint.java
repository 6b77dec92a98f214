package dev.taskflow.panel.contract;

import java.util.List;

/**
 * One operation of the app's API as its OpenAPI document describes it.
 *
 * @param method       HTTP method, upper case
 * @param path         the path template, e.g. {@code /api/v1/tasks/{task_id}}
 * @param requiresAuth whether it needs a bearer token
 * @param bodyFields   the request body's top-level fields, sorted
 * @param statusCodes  the documented response status codes, sorted
 * @param operationId  the operation's id, if documented
 * @param summary      the operation's summary, if documented
 */
public record ApiEndpoint(String method, String path, boolean requiresAuth, List<String> bodyFields,
        List<String> statusCodes, String operationId, String summary) {

    public ApiEndpoint {
        bodyFields = bodyFields == null ? List.of() : List.copyOf(bodyFields);
        statusCodes = statusCodes == null ? List.of() : List.copyOf(statusCodes);
    }

    /** {@code POST /api/v1/tasks}: how endpoints are named and matched. */
    public String key() {
        return method + " " + path;
    }
}
