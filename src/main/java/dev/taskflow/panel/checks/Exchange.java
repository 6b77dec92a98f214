package dev.taskflow.panel.checks;

/**
 * One request the suite made and what came back, as evidence: secrets and tokens masked, bodies trimmed.
 *
 * @param label        what the request was for, e.g. {@code signup again (existing user)}
 * @param method       HTTP method
 * @param url          the URL called
 * @param requestBody  the body sent, masked
 * @param status       the status answered (0 when nothing came back)
 * @param contentType  the answer's content type
 * @param responseBody the answer, masked and trimmed
 * @param durationMs   how long the call took
 * @param shape        the answer's JSON shape (keys and types, not values), for parity
 */
public record Exchange(String label, String method, String url, String requestBody, int status, String contentType,
        String responseBody, long durationMs, String shape) {

    /** One line for evidence titles: {@code POST http://…/api/v1/tasks → 201 (12 ms)}. */
    public String line() {
        return method + " " + url + " → " + (status == 0 ? "no answer" : status) + " (" + durationMs + " ms)";
    }
}
