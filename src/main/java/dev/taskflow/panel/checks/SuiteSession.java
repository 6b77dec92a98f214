package dev.taskflow.panel.checks;

import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

/**
 * What the suite knows while it runs against one target: the calls it made for the step under way, the user it
 * created, the token it got and the task it made. Steps ask for what they need ({@link #token()}, {@link #task()})
 * and the session does the signup, login or create first, so every check also runs on its own.
 */
final class SuiteSession {

    final Target target;

    final ApiMap map;

    private final TargetClient client;

    final String email;

    final String password;

    final String name;

    private List<Exchange> recording = new ArrayList<>();

    private boolean signedUp;

    private String token;

    private String userId;

    private String taskId;

    private final List<String> createdTasks = new ArrayList<>();

    SuiteSession(Target target, ApiMap map, TargetClient client) {
        this.target = target;
        this.map = map;
        this.client = client;
        String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.email = "panel-check-" + tag + "@example.com";
        this.password = "Panel-" + tag + "-pw!";
        this.name = "Panel Check " + tag;
    }

    /** Starts recording the calls of a new step; returns what the previous step recorded. */
    List<Exchange> record() {
        List<Exchange> previous = recording;
        recording = new ArrayList<>();
        return previous;
    }

    /** Calls an operation of the API map, filling its placeholders. */
    TargetClient.Reply call(String label, String operation, Map<String, String> values, String bearer) {
        ApiOperation call = map.operation(operation);
        Map<String, String> all = new LinkedHashMap<>(values);
        if (call.path().contains("{user_id}") && !all.containsKey("user_id")) {
            all.put("user_id", userId());
        }
        if (call.path().contains("{task_id}") && !all.containsKey("task_id")) {
            all.put("task_id", task());
        }
        String path = fill(call.path(), all, false);
        String body = call.body() == null ? null : fill(call.body(), all, true);
        return raw(label, call.method(), target.backendUrl().resolve(target.backendUrl().getPath() + path), body,
                bearer, Map.of());
    }

    TargetClient.Reply raw(String label, String method, URI url, String body, String bearer, Map<String, String> headers) {
        TargetClient.Reply reply = client.send(label, method, url, body, bearer, headers);
        recording.add(reply.exchange());
        return reply;
    }

    /** The payload of a JSON answer (inside the envelope, when the app uses one). */
    JsonNode payload(TargetClient.Reply reply, String what) {
        if (reply.body() == null) {
            String kind = reply.exchange().shape();
            throw new StepFailure(what + " answered " + reply.status() + " with " + ("html".equals(kind)
                    ? "an HTML page, not JSON: is the backend URL pointing at the frontend or a proxy's error page?"
                    : kind + " content, not JSON."));
        }
        JsonNode payload = map.dataPointer().isEmpty() ? reply.body() : reply.body().at(map.dataPointer());
        if (payload.isMissingNode()) {
            throw new StepFailure(what + " answered JSON without " + map.dataPointer() + ": set "
                    + "panel.checks.data-pointer to where the payload is (empty for bare JSON).");
        }
        return payload;
    }

    void expect(TargetClient.Reply reply, String what, Set<Integer> statuses, String meaning) {
        if (!statuses.contains(reply.status())) {
            throw new StepFailure(what + " answered " + reply.status() + "; expected " + statuses.stream().sorted()
                    .map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("") + " (" + meaning + ").");
        }
    }

    /** Notes that a step signed the user up itself. */
    void markSignedUp() {
        signedUp = true;
    }

    /** Signs the suite's user up once; an existing user (400/409) counts as signed up. */
    void signedUp() {
        if (signedUp) {
            return;
        }
        TargetClient.Reply reply = call("signup (new user)", "signup", credentials(), null);
        expect(reply, "Signup", Set.of(200, 201, 400, 409), "new user created, or it already exists");
        signedUp = true;
    }

    String token() {
        if (token == null) {
            signedUp();
            TargetClient.Reply reply = call("login", "login", credentials(), null);
            expect(reply, "Login", Set.of(200, 201), "credentials accepted");
            JsonNode payload = payload(reply, "Login");
            JsonNode found = payload.at(map.tokenPointer());
            if (!found.isString() || found.asString().isBlank()) {
                throw new StepFailure("Login answered without a token at " + map.tokenPointer() + " (fields: "
                        + JsonShape.of(payload) + "). Set panel.checks.token-pointer, e.g. /access_token.");
            }
            token = found.asString();
            JsonNode id = payload.at(map.userIdPointer());
            if (!id.isMissingNode() && !id.isNull()) {
                userId = id.asString();
            }
        }
        return token;
    }

    String userId() {
        token();
        if (userId == null) {
            userId = TokenClaims.subject(token);
        }
        if (userId == null) {
            throw new StepFailure("No user id: not at " + map.userIdPointer() + " in the login answer, and the token "
                    + "has no sub claim. Set panel.checks.user-id-pointer.");
        }
        return userId;
    }

    /** The suite's own task, created on first use. */
    String task() {
        if (taskId == null) {
            taskId = createTask("create task", "Panel check " + email);
        }
        return taskId;
    }

    String createTask(String label, String title) {
        Map<String, String> values = Map.of("title", title, "description", "Created by the TaskFlow panel's checks");
        TargetClient.Reply reply = call(label, "create", values, token());
        expect(reply, "Create task", Set.of(200, 201), "task created");
        JsonNode id = payload(reply, "Create task").at(map.taskIdPointer());
        if (id.isMissingNode() || id.isNull()) {
            throw new StepFailure("Create task answered without an id at " + map.taskIdPointer()
                    + ". Set panel.checks.task-id-pointer.");
        }
        createdTasks.add(id.asString());
        return id.asString();
    }

    void forgetTask() {
        createdTasks.remove(taskId);
        taskId = null;
    }

    /** A task the chatbot made for this user, so clean-up removes it too. */
    void createdTaskByChat(String id) {
        if (id != null && !id.isBlank() && !createdTasks.contains(id)) {
            createdTasks.add(id);
        }
    }

    /** Adds calls another session made to this step's evidence. */
    void recordAll(List<Exchange> exchanges) {
        recording.addAll(exchanges);
    }

    /** Many identical timing calls make poor evidence: keep the first and the last. */
    void keepOnlyFirstAndLast() {
        if (recording.size() > 2) {
            recording = new ArrayList<>(List.of(recording.getFirst(), recording.getLast()));
        }
    }

    Map<String, String> credentials() {
        return Map.of("email", email, "password", password, "name", name);
    }

    /** Deletes what the suite created that is still there; failures here change no verdict. */
    void cleanUp() {
        for (String id : createdTasks) {
            try {
                call("clean up task " + id, "delete", Map.of("task_id", id), token);
            }
            catch (RuntimeException ex) {
                // Best effort: the task stays, named by the suite's user.
            }
        }
        record();
    }

    private static String fill(String template, Map<String, String> values, boolean json) {
        String filled = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String text = value.getValue() == null ? "" : value.getValue();
            filled = filled.replace("{" + value.getKey() + "}", json ? escape(text) : text);
        }
        return filled;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
