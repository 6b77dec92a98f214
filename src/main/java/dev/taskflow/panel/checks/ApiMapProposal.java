package dev.taskflow.panel.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.taskflow.panel.contract.ApiContract;
import dev.taskflow.panel.contract.ApiEndpoint;

/**
 * An API map proposed from a frozen OpenAPI contract: each operation the suite needs, matched to the endpoint that
 * looks like it, with path parameters renamed to the suite's placeholders. A person reviews it and pastes the YAML
 * into the panel's configuration; nothing is applied on its own.
 *
 * @param operations the operations found, by name
 * @param missing    the operations no endpoint looked like
 * @param yaml       the proposal as {@code panel.checks.api-map} configuration
 */
public record ApiMapProposal(Map<String, ApiOperation> operations, List<String> missing, String yaml) {

    public static ApiMapProposal from(ApiContract contract) {
        Map<String, ApiOperation> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : ApiMap.OPERATIONS) {
            Optional<ApiEndpoint> endpoint = contract.endpoints().stream().filter(matcher(name)).findFirst();
            if (endpoint.isEmpty()) {
                missing.add(name);
                continue;
            }
            ApiEndpoint match = endpoint.get();
            found.put(name, new ApiOperation(match.method(), placeholders(match.path()), body(name, match)));
        }
        return new ApiMapProposal(found, missing, yaml(found));
    }

    private static Predicate<ApiEndpoint> matcher(String operation) {
        return endpoint -> {
            String path = endpoint.path().toLowerCase(Locale.ROOT);
            String method = endpoint.method();
            boolean onTask = path.matches(".*/tasks/\\{[^}]+}$");
            return switch (operation) {
                case "health" -> method.equals("GET") && (path.endsWith("/health") || path.endsWith("/healthz"));
                case "signup" -> method.equals("POST") && (path.contains("signup") || path.contains("register"));
                case "login" -> method.equals("POST") && (path.contains("login") || path.endsWith("/token")
                        || path.contains("signin"));
                case "me" -> method.equals("GET") && path.endsWith("/me");
                case "list" -> method.equals("GET") && path.endsWith("/tasks");
                case "create" -> method.equals("POST") && path.endsWith("/tasks");
                case "read" -> method.equals("GET") && onTask;
                case "update" -> (method.equals("PUT") || method.equals("PATCH")) && onTask;
                case "complete" -> method.equals("PATCH") && (path.endsWith("/complete") || path.endsWith("/toggle"));
                case "delete" -> method.equals("DELETE") && onTask;
                case "chat" -> method.equals("POST") && path.contains("chat");
                default -> false;
            };
        };
    }

    /** {@code /api/{user_id}/tasks/{id}} → the suite's names: the task's parameter is task_id, any other user_id. */
    static String placeholders(String path) {
        StringBuilder out = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                boolean task = i > 0 && segments[i - 1].toLowerCase(Locale.ROOT).startsWith("task");
                segment = task ? "{task_id}" : "{user_id}";
            }
            out.append(i == 0 ? "" : "/").append(segment);
        }
        return out.toString();
    }

    private static String body(String operation, ApiEndpoint endpoint) {
        if (endpoint.bodyFields().isEmpty()) {
            return null;
        }
        Map<String, String> values = Map.of("email", "\"{email}\"", "password", "\"{password}\"", "name", "\"{name}\"",
                "title", "\"{title}\"", "description", "\"{description}\"", "message", "\"{message}\"",
                "completed", "{completed}");
        StringBuilder body = new StringBuilder("{");
        for (String field : endpoint.bodyFields()) {
            String value = values.get(field);
            if (value == null || ("update".equals(operation) && !"title".equals(field))) {
                continue;
            }
            body.append(body.length() > 1 ? "," : "").append('"').append(field).append("\":").append(value);
        }
        return body.append('}').toString();
    }

    private static String yaml(Map<String, ApiOperation> operations) {
        StringBuilder yaml = new StringBuilder("panel:\n  checks:\n    api-map:\n");
        operations.forEach((name, operation) -> {
            yaml.append("      ").append(name).append(":\n");
            yaml.append("        method: ").append(operation.method()).append('\n');
            yaml.append("        path: \"").append(operation.path()).append("\"\n");
            if (operation.body() != null) {
                yaml.append("        body: '").append(operation.body()).append("'\n");
            }
        });
        return yaml.toString();
    }
}
