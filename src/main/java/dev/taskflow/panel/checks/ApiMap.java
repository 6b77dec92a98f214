package dev.taskflow.panel.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the end-to-end suite speaks to one implementation of the app: each operation's call, and where in the answers
 * it finds what it needs. Real TaskFlow implementations differ (paths with or without {@code /v1}, user id in the
 * path, envelopes, {@code token} vs {@code access_token}, completion by PUT or PATCH); configuration covers them all.
 *
 * @param operations       the calls, by operation name (see {@link #OPERATIONS})
 * @param dataPointer      JSON pointer to the payload inside every answer ({@code ""}, or {@code /data} for envelopes)
 * @param tokenPointer     JSON pointer to the token inside the login payload
 * @param userIdPointer    JSON pointer to the user's id inside the login payload
 * @param taskIdPointer    JSON pointer to the id inside a task
 * @param chatReplyPointer JSON pointer to the assistant's text inside the chat payload
 * @param validationStatus the status the app answers a malformed request with (400 or 422)
 */
public record ApiMap(Map<String, ApiOperation> operations, String dataPointer, String tokenPointer,
        String userIdPointer, String taskIdPointer, String chatReplyPointer, int validationStatus) {

    /** Every operation the suite calls, in the order it calls them. */
    public static final List<String> OPERATIONS = List.of("health", "signup", "login", "me", "list", "create", "read",
            "update", "complete", "delete", "chat");

    public ApiMap {
        operations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operations));
    }

    /** The map of the TaskFlow seed's contract: {@code /api/v1}, bare JSON, {@code token}, PATCH …/complete. */
    public static ApiMap seed() {
        Map<String, ApiOperation> operations = new LinkedHashMap<>();
        operations.put("health", ApiOperation.of("GET", "/health"));
        operations.put("signup", ApiOperation.of("POST", "/api/v1/auth/signup")
                .withBody("{\"email\":\"{email}\",\"password\":\"{password}\",\"name\":\"{name}\"}"));
        operations.put("login", ApiOperation.of("POST", "/api/v1/auth/login")
                .withBody("{\"email\":\"{email}\",\"password\":\"{password}\"}"));
        operations.put("me", ApiOperation.of("GET", "/api/v1/auth/me"));
        operations.put("list", ApiOperation.of("GET", "/api/v1/tasks"));
        operations.put("create", ApiOperation.of("POST", "/api/v1/tasks")
                .withBody("{\"title\":\"{title}\",\"description\":\"{description}\"}"));
        operations.put("read", ApiOperation.of("GET", "/api/v1/tasks/{task_id}"));
        operations.put("update", ApiOperation.of("PUT", "/api/v1/tasks/{task_id}").withBody("{\"title\":\"{title}\"}"));
        operations.put("complete", ApiOperation.of("PATCH", "/api/v1/tasks/{task_id}/complete"));
        operations.put("delete", ApiOperation.of("DELETE", "/api/v1/tasks/{task_id}"));
        operations.put("chat", ApiOperation.of("POST", "/api/v1/chat").withBody("{\"message\":\"{message}\"}"));
        return new ApiMap(operations, "", "/token", "/user/id", "/id", "/response", 400);
    }

    public ApiOperation operation(String name) {
        ApiOperation operation = operations.get(name);
        if (operation == null) {
            throw new InvalidApiMapException("The API map has no '" + name + "' operation. Add it under "
                    + "panel.checks.api-map." + name + " (method, path, body).");
        }
        return operation;
    }

    /** Checks that every operation is there and uses only placeholders the suite can fill. */
    public ApiMap validated() {
        for (String name : OPERATIONS) {
            List<String> unknown = operation(name).unknownPlaceholders();
            if (!unknown.isEmpty()) {
                throw new InvalidApiMapException("API map entry '" + name + "' uses " + String.join(", ", unknown)
                        + ", which the suite cannot fill. Paths may use {task_id} and {user_id}; bodies may use "
                        + "{email}, {password}, {name}, {title}, {description}, {message}, {completed}.");
            }
        }
        if (validationStatus < 400 || validationStatus > 499) {
            throw new InvalidApiMapException("panel.checks.validation-status is " + validationStatus
                    + "; it must be the 4xx status the app answers malformed requests with (400 or 422).");
        }
        return this;
    }
}
