package dev.taskflow.panel.checks;

import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The functional suite that proves a deployment behaves like production: health, signup, login, token claims,
 * current user, task create/read/update/complete/delete, chat, user isolation, CORS, latency and the frontend page.
 * It works from the {@link ApiMap}, so implementations that differ in paths and shapes pass with configuration only.
 * Each check creates its own uniquely named user and cleans up the tasks it made.
 */
@Service
public class EndToEndSuite {

    /** Every check, in the order the suite runs them, with what each proves. */
    public static final Map<String, String> CHECKS = checks();

    private final ChecksProperties properties;

    private final SecretMasker masker;

    public EndToEndSuite(ChecksProperties properties, SecretMasker masker) {
        this.properties = properties;
        this.masker = masker;
    }

    private static Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("e2e-health", "Backend health answers");
        checks.put("e2e-signup", "Signup creates a user, refuses a duplicate and a malformed request");
        checks.put("e2e-login", "Login returns a token; a wrong password is refused");
        checks.put("e2e-jwt-claims", "The token carries sub, email, exp, iat and the expected algorithm and signature");
        checks.put("e2e-current-user", "The current user is the one logged in; no token is refused");
        checks.put("e2e-task-create", "A task is created");
        checks.put("e2e-task-persist", "The task is read back after a fresh list");
        checks.put("e2e-task-update", "The task's title is updated");
        checks.put("e2e-task-complete", "The task is completed");
        checks.put("e2e-task-delete", "The task is deleted and gone");
        checks.put("e2e-chat", "The chatbot answers Hello");
        checks.put("e2e-chat-tool", "Asking the chatbot to create a task creates it");
        checks.put("e2e-isolation", "Another user can neither see nor change the task");
        checks.put("e2e-cors", "CORS allows the frontend's origin and refuses a foreign one");
        checks.put("e2e-latency", "p95 latency per endpoint is within budget");
        checks.put("e2e-frontend", "The frontend's root page is served");
        return java.util.Collections.unmodifiableMap(checks);
    }

    /** Runs every check against the target, handing each result over as it finishes. */
    public List<StepResult> runAll(Target target, Consumer<StepResult> onResult) {
        SuiteSession session = session(target);
        List<StepResult> results = new ArrayList<>();
        try {
            for (String id : CHECKS.keySet()) {
                StepResult result = run(id, session);
                results.add(result);
                onResult.accept(result);
            }
        }
        finally {
            session.cleanUp();
        }
        return results;
    }

    /** Runs one check on its own, with its own user. */
    public StepResult runOne(String id, Target target) {
        SuiteSession session = session(target);
        try {
            return run(id, session);
        }
        finally {
            session.cleanUp();
        }
    }

    SuiteSession session(Target target) {
        return new SuiteSession(target, properties.effectiveMap(), new TargetClient(properties.requestTimeout(), masker));
    }

    StepResult run(String id, SuiteSession session) {
        String title = CHECKS.get(id);
        if (title == null) {
            throw new IllegalArgumentException("No end-to-end check '" + id + "'. Known: " + CHECKS.keySet());
        }
        long started = System.nanoTime();
        session.record();
        Map<String, String> values = new LinkedHashMap<>();
        TaskStatus status;
        String summary;
        try {
            summary = step(id, session, values);
            status = summary.startsWith("Skipped") ? TaskStatus.SKIPPED : TaskStatus.PASSED;
        }
        catch (StepFailure | TargetFaultException | InvalidApiMapException ex) {
            status = TaskStatus.FAILED;
            summary = ex.getMessage();
        }
        long took = (System.nanoTime() - started) / 1_000_000;
        return new StepResult(id, title, status, masker.mask(summary), session.record(), values, took);
    }

    private String step(String id, SuiteSession session, Map<String, String> values) {
        return switch (id) {
            case "e2e-health" -> health(session, values);
            case "e2e-signup" -> signup(session, values);
            case "e2e-login" -> login(session, values);
            case "e2e-jwt-claims" -> claims(session, values);
            case "e2e-current-user" -> currentUser(session, values);
            case "e2e-task-create" -> create(session, values);
            case "e2e-task-persist" -> persist(session, values);
            case "e2e-task-update" -> update(session, values);
            case "e2e-task-complete" -> complete(session, values);
            case "e2e-task-delete" -> delete(session, values);
            case "e2e-chat" -> chat(session, values);
            case "e2e-chat-tool" -> chatTool(session, values);
            case "e2e-isolation" -> isolation(session, values);
            case "e2e-cors" -> cors(session, values);
            case "e2e-latency" -> latency(session, values);
            case "e2e-frontend" -> frontend(session, values);
            default -> throw new IllegalArgumentException(id);
        };
    }

    private String health(SuiteSession session, Map<String, String> values) {
        TargetClient.Reply reply = session.call("health", "health", Map.of(), null);
        session.expect(reply, "Health", Set.of(200), "backend up");
        values.put("status", String.valueOf(reply.status()));
        values.put("latencyMs", String.valueOf(reply.exchange().durationMs()));
        return "Health answered 200 in " + reply.exchange().durationMs() + " ms";
    }

    private String signup(SuiteSession session, Map<String, String> values) {
        TargetClient.Reply first = session.call("signup (new user)", "signup", session.credentials(), null);
        session.expect(first, "Signup of a new user", Set.of(200, 201), "user created");
        TargetClient.Reply again = session.call("signup again (existing user)", "signup", session.credentials(), null);
        session.expect(again, "Signup of an existing user", anyOf(400, 409, session.map.validationStatus()),
                "refused as existing");
        session.markSignedUp();
        Map<String, String> malformed = Map.of("email", "not-an-email", "password", "", "name", "");
        TargetClient.Reply invalid = session.call("signup malformed", "signup", malformed, null);
        session.expect(invalid, "Signup with a malformed request", anyOf(session.map.validationStatus(), 400, 422),
                "validation refuses it");
        values.put("newUser", String.valueOf(first.status()));
        values.put("existingUser", String.valueOf(again.status()));
        values.put("malformed", String.valueOf(invalid.status()));
        return "Signup answered " + first.status() + " for a new user, " + again.status() + " for an existing one and "
                + invalid.status() + " for a malformed request";
    }

    private String login(SuiteSession session, Map<String, String> values) {
        String token = session.token();
        Map<String, String> wrong = new LinkedHashMap<>(session.credentials());
        wrong.put("password", session.password + "-wrong");
        TargetClient.Reply refused = session.call("login with a wrong password", "login", wrong, null);
        session.expect(refused, "Login with a wrong password", Set.of(400, 401, 403), "refused");
        values.put("token", SecretMasker.fingerprint(token));
        values.put("wrongPassword", String.valueOf(refused.status()));
        return "Login returned a token (" + SecretMasker.fingerprint(token) + "); a wrong password got "
                + refused.status();
    }

    private String claims(SuiteSession session, Map<String, String> values) {
        String token = session.token();
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        }
        catch (ParseException ex) {
            throw new StepFailure("The login token is not a JWT (" + ex.getMessage() + ").");
        }
        List<String> missing = new ArrayList<>();
        if (claims.getSubject() == null) {
            missing.add("sub");
        }
        if (claims.getClaim("email") == null) {
            missing.add("email");
        }
        if (claims.getExpirationTime() == null) {
            missing.add("exp");
        }
        if (claims.getIssueTime() == null) {
            missing.add("iat");
        }
        values.put("alg", jwt.getHeader().getAlgorithm().getName());
        values.put("sub", String.valueOf(claims.getSubject()));
        values.put("email", String.valueOf(claims.getClaim("email")));
        if (!missing.isEmpty()) {
            throw new StepFailure("The token lacks " + String.join(", ", missing) + ": the backend must put the user id "
                    + "(sub), email, exp and iat in it.");
        }
        Instant now = Instant.now();
        values.put("exp", claims.getExpirationTime().toInstant().toString());
        values.put("iat", claims.getIssueTime().toInstant().toString());
        values.put("lifetimeSeconds", String.valueOf((claims.getExpirationTime().getTime()
                - claims.getIssueTime().getTime()) / 1000));
        if (!session.email.equalsIgnoreCase(String.valueOf(claims.getClaim("email")))) {
            throw new StepFailure("The token's email is " + claims.getClaim("email") + ", not the user who logged in ("
                    + session.email + ").");
        }
        if (!claims.getExpirationTime().toInstant().isAfter(now)) {
            throw new StepFailure("The token expired already (" + claims.getExpirationTime().toInstant() + ").");
        }
        if (claims.getIssueTime().toInstant().isAfter(now.plusSeconds(60))) {
            throw new StepFailure("The token was issued in the future (" + claims.getIssueTime().toInstant()
                    + "): the backend's clock is off.");
        }
        if (!"HS256".equals(jwt.getHeader().getAlgorithm().getName())) {
            throw new StepFailure("The token is signed with " + jwt.getHeader().getAlgorithm() + "; the app's "
                    + "JWT_ALGORITHM is HS256.");
        }
        String secret = properties.sharedSecret();
        if (secret == null || secret.isBlank()) {
            values.put("signature", "not verified");
            return "Token claims sub, email, exp, iat present (HS256); signature not verified: set "
                    + "panel.checks.shared-secret to the BETTER_AUTH_SECRET to verify it";
        }
        values.put("secret", SecretMasker.fingerprint(secret));
        try {
            if (!jwt.verify(new MACVerifier(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
                throw new StepFailure("The token's signature does not verify with the shared secret ("
                        + SecretMasker.fingerprint(secret) + "): frontend and backend must share one BETTER_AUTH_SECRET.");
            }
        }
        catch (JOSEException ex) {
            throw new StepFailure("The token's signature cannot be checked with the shared secret: " + ex.getMessage());
        }
        values.put("signature", "verified");
        return "Token claims sub, email, exp, iat present; HS256 signature verified with the shared secret";
    }

    private String currentUser(SuiteSession session, Map<String, String> values) {
        TargetClient.Reply me = session.call("current user", "me", Map.of(), session.token());
        session.expect(me, "Current user", Set.of(200), "the logged-in user");
        String email = session.payload(me, "Current user").path("email").asString("");
        if (!session.email.equalsIgnoreCase(email)) {
            throw new StepFailure("Current user is '" + email + "', not the user who logged in (" + session.email + ").");
        }
        TargetClient.Reply anonymous = session.call("current user without a token", "me", Map.of(), null);
        session.expect(anonymous, "Current user without a token", Set.of(401, 403), "refused");
        values.put("withToken", String.valueOf(me.status()));
        values.put("withoutToken", String.valueOf(anonymous.status()));
        return "Current user is " + email + "; without a token: " + anonymous.status();
    }

    private String create(SuiteSession session, Map<String, String> values) {
        String id = session.task();
        values.put("taskId", id);
        return "Task " + id + " created";
    }

    private String persist(SuiteSession session, Map<String, String> values) {
        String id = session.task();
        TargetClient.Reply list = session.call("list tasks (fresh)", "list", Map.of(), session.token());
        session.expect(list, "List tasks", Set.of(200), "the user's tasks");
        if (!ids(session, list).contains(id)) {
            throw new StepFailure("Task " + id + " was created but is not in a fresh list: it was not persisted "
                    + "(check the database connection).");
        }
        TargetClient.Reply read = session.call("read task", "read", Map.of("task_id", id), session.token());
        session.expect(read, "Read task", Set.of(200), "the task");
        values.put("listed", "true");
        return "Task " + id + " is listed and read back";
    }

    private String update(SuiteSession session, Map<String, String> values) {
        String id = session.task();
        String title = "Renamed by the panel " + System.nanoTime();
        TargetClient.Reply updated = session.call("update title", "update",
                Map.of("task_id", id, "title", title, "completed", "false"), session.token());
        session.expect(updated, "Update task", Set.of(200, 204), "updated");
        String stored = read(session, id).path("title").asString("");
        if (!title.equals(stored)) {
            throw new StepFailure("After the update the task's title is '" + stored + "', not '" + title + "'.");
        }
        values.put("title", title);
        return "Title updated and read back";
    }

    private String complete(SuiteSession session, Map<String, String> values) {
        String id = session.task();
        TargetClient.Reply done = session.call("complete task", "complete",
                Map.of("task_id", id, "completed", "true", "title", "Completed by the panel"), session.token());
        session.expect(done, "Complete task", Set.of(200, 204), "completed");
        JsonNode completed = read(session, id).path("completed");
        if (!completed.asBoolean(false)) {
            throw new StepFailure("After completing, the task's completed is " + completed + ", not true.");
        }
        values.put("completed", "true");
        return "Task completed and read back as completed";
    }

    private String delete(SuiteSession session, Map<String, String> values) {
        String id = session.task();
        TargetClient.Reply deleted = session.call("delete task", "delete", Map.of("task_id", id), session.token());
        session.expect(deleted, "Delete task", Set.of(200, 204), "deleted");
        session.forgetTask();
        TargetClient.Reply gone = session.call("read deleted task", "read", Map.of("task_id", id), session.token());
        session.expect(gone, "Reading the deleted task", Set.of(404), "gone");
        TargetClient.Reply list = session.call("list after delete", "list", Map.of(), session.token());
        if (ids(session, list).contains(id)) {
            throw new StepFailure("Task " + id + " is still listed after it was deleted.");
        }
        values.put("afterDelete", String.valueOf(gone.status()));
        return "Task deleted; reading it gives 404 and it is not listed";
    }

    private String chat(SuiteSession session, Map<String, String> values) {
        TargetClient.Reply reply = session.call("chat Hello", "chat", Map.of("message", "Hello"), session.token());
        session.expect(reply, "Chat", Set.of(200, 201), "the assistant answers");
        JsonNode text = session.payload(reply, "Chat").at(session.map.chatReplyPointer());
        if (!text.isString() || text.asString().isBlank()) {
            throw new StepFailure("The chatbot answered without text at " + session.map.chatReplyPointer()
                    + ". Set panel.checks.chat-reply-pointer.");
        }
        values.put("replyLength", String.valueOf(text.asString().length()));
        return "The chatbot answered (" + text.asString().length() + " characters)";
    }

    private String chatTool(SuiteSession session, Map<String, String> values) {
        int before = ids(session, session.call("list before chat", "list", Map.of(), session.token())).size();
        TargetClient.Reply reply = session.call("chat create task", "chat",
                Map.of("message", "Create a task to test deployment"), session.token());
        session.expect(reply, "Chat", Set.of(200, 201), "the assistant answers");
        TargetClient.Reply list = session.call("list after chat", "list", Map.of(), session.token());
        JsonNode tasks = session.payload(list, "List tasks");
        List<String> titles = new ArrayList<>();
        tasks.forEach(task -> titles.add(task.path("title").asString("")));
        boolean created = titles.stream().anyMatch(title -> title.toLowerCase(Locale.ROOT).contains("test deployment"));
        values.put("tasksBefore", String.valueOf(before));
        values.put("tasksAfter", String.valueOf(titles.size()));
        if (!created) {
            throw new StepFailure("After asking the chatbot to create a task, no task about 'test deployment' is "
                    + "listed (" + before + " tasks before, " + titles.size() + " after): the add_task tool did not run.");
        }
        tasks.forEach(task -> {
            if (task.path("title").asString("").toLowerCase(Locale.ROOT).contains("test deployment")) {
                session.createdTaskByChat(task.at(session.map.taskIdPointer()).asString());
            }
        });
        return "The chatbot created a task (" + before + " → " + titles.size() + " tasks)";
    }

    private String isolation(SuiteSession session, Map<String, String> values) {
        String id = session.task();
        SuiteSession other = session(session.target);
        try {
            other.token();
            TargetClient.Reply read = other.call("another user reads the task", "read", Map.of("task_id", id),
                    other.token());
            TargetClient.Reply update = other.call("another user renames the task", "update",
                    Map.of("task_id", id, "title", "Taken over", "completed", "false"), other.token());
            TargetClient.Reply list = other.call("another user's list", "list", Map.of(), other.token());
            session.recordAll(other.record());
            values.put("read", String.valueOf(read.status()));
            values.put("update", String.valueOf(update.status()));
            if (read.status() / 100 == 2) {
                throw new StepFailure("Another user read this user's task " + id + " (" + read.status() + "): tasks "
                        + "must be filtered by the token's user.");
            }
            if (update.status() / 100 == 2) {
                throw new StepFailure("Another user changed this user's task " + id + " (" + update.status() + ").");
            }
            if (ids(other, list).contains(id)) {
                throw new StepFailure("Another user's list shows this user's task " + id + ".");
            }
            return "Another user gets " + read.status() + " reading and " + update.status()
                    + " changing the task, and does not list it";
        }
        finally {
            other.cleanUp();
        }
    }

    private String cors(SuiteSession session, Map<String, String> values) {
        String origin = session.target.frontendUrl() != null ? origin(session.target.frontendUrl())
                : properties.frontendOrigin();
        URI url = URI.create(session.target.backendUrl() + fillUserPath(session, session.map.operation("list").path()));
        TargetClient.Reply allowed = session.raw("preflight from the frontend's origin", "OPTIONS", url, null, null,
                preflight(origin));
        String allowedOrigin = allowed.header("Access-Control-Allow-Origin");
        values.put("frontendOrigin", origin);
        values.put("allowOrigin", String.valueOf(allowedOrigin));
        if (!(origin.equals(allowedOrigin) || "*".equals(allowedOrigin))) {
            throw new StepFailure("CORS refuses the frontend's origin " + origin + " (preflight " + allowed.status()
                    + ", Access-Control-Allow-Origin: " + allowedOrigin + "). Add it to CORS_ORIGINS.");
        }
        String foreign = properties.foreignOrigin();
        TargetClient.Reply refused = session.raw("preflight from a foreign origin", "OPTIONS", url, null, null,
                preflight(foreign));
        String foreignAllowed = refused.header("Access-Control-Allow-Origin");
        values.put("foreignAllowOrigin", String.valueOf(foreignAllowed));
        if (foreign.equals(foreignAllowed) || "*".equals(foreignAllowed)) {
            throw new StepFailure("CORS also allows the foreign origin " + foreign + " (Access-Control-Allow-Origin: "
                    + foreignAllowed + "): CORS_ORIGINS is too open.");
        }
        return "CORS allows " + origin + " and refuses " + foreign;
    }

    private String latency(SuiteSession session, Map<String, String> values) {
        String token = session.token();
        List<String> over = new ArrayList<>();
        for (String operation : List.of("health", "me", "list")) {
            long[] samples = new long[properties.latencySamples()];
            for (int i = 0; i < samples.length; i++) {
                TargetClient.Reply reply = session.call(operation + " #" + (i + 1), operation, Map.of(),
                        "health".equals(operation) ? null : token);
                session.expect(reply, operation, Set.of(200), "answers");
                samples[i] = reply.exchange().durationMs();
            }
            Arrays.sort(samples);
            long p50 = percentile(samples, 50);
            long p95 = percentile(samples, 95);
            values.put(operation + ".p50Ms", String.valueOf(p50));
            values.put(operation + ".p95Ms", String.valueOf(p95));
            if (p95 > properties.latencyBudget().toMillis()) {
                over.add(operation + " p95 " + p95 + " ms");
            }
        }
        session.keepOnlyFirstAndLast();
        values.put("budgetMs", String.valueOf(properties.latencyBudget().toMillis()));
        if (!over.isEmpty()) {
            throw new StepFailure("Over the " + properties.latencyBudget().toMillis() + " ms budget: "
                    + String.join(", ", over) + ".");
        }
        return "p95 within " + properties.latencyBudget().toMillis() + " ms for health, me and list (over "
                + properties.latencySamples() + " calls each)";
    }

    private String frontend(SuiteSession session, Map<String, String> values) {
        URI frontend = session.target.frontendUrl();
        if (frontend == null) {
            return "Skipped: target " + session.target.name() + " has no frontend URL";
        }
        TargetClient.Reply page = session.raw("frontend root page", "GET", URI.create(frontend + "/"), null, null,
                Map.of("Accept", "text/html"));
        session.expect(page, "The frontend's root page", Set.of(200), "served");
        String type = page.exchange().contentType();
        values.put("contentType", type);
        if (!type.toLowerCase(Locale.ROOT).contains("text/html")) {
            throw new StepFailure("The frontend's root page is " + type + ", not HTML.");
        }
        return "The frontend's root page is served as HTML";
    }

    private JsonNode read(SuiteSession session, String id) {
        TargetClient.Reply read = session.call("read task", "read", Map.of("task_id", id), session.token());
        session.expect(read, "Read task", Set.of(200), "the task");
        return session.payload(read, "Read task");
    }

    private static List<String> ids(SuiteSession session, TargetClient.Reply list) {
        JsonNode tasks = session.payload(list, "List tasks");
        if (!tasks.isArray()) {
            throw new StepFailure("List tasks answered " + JsonShape.of(tasks) + ", not a list.");
        }
        List<String> ids = new ArrayList<>();
        tasks.forEach(task -> ids.add(task.at(session.map.taskIdPointer()).asString()));
        return ids;
    }

    private static String fillUserPath(SuiteSession session, String path) {
        return path.contains("{user_id}") ? path.replace("{user_id}", session.userId()) : path;
    }

    private static Map<String, String> preflight(String origin) {
        return Map.of("Origin", origin, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization,content-type");
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getAuthority();
    }

    private static Set<Integer> anyOf(Integer... statuses) {
        return Set.copyOf(new java.util.HashSet<>(List.of(statuses)));
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
