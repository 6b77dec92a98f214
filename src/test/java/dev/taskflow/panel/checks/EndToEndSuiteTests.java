package dev.taskflow.panel.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpServer;
import dev.taskflow.panel.checks.StandInTaskFlow.Completion;
import dev.taskflow.panel.checks.StandInTaskFlow.Variant;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite against an in-process stand-in of the TaskFlow backend that signs real JWTs: the seed contract and four
 * real-world variants pass with configuration only; a misbehaving stand-in fails the right check with the right words.
 */
class EndToEndSuiteTests {

    private StandInTaskFlow app;

    private HttpServer other;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (other != null) {
            other.stop(0);
        }
    }

    @Test
    void theSeedContractPassesEveryCheck() {
        app = StandInTaskFlow.start(Variant.seed().withAllowedOrigins(Set.of(StandInTaskFlow.SELF)));

        List<StepResult> results = suite(settings()).runAll(target(), result -> { });

        assertThat(results).extracting(StepResult::id).containsExactlyElementsOf(EndToEndSuite.CHECKS.keySet());
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.id() + ": " + result.summary())
                .isEqualTo(TaskStatus.PASSED));
        StepResult claims = result(results, "e2e-jwt-claims");
        assertThat(claims.values()).containsEntry("alg", "HS256").containsEntry("signature", "verified")
                .containsEntry("lifetimeSeconds", "86400");
        assertThat(result(results, "e2e-latency").values()).containsKeys("health.p95Ms", "me.p50Ms", "list.p95Ms");
        assertThat(app.taskCount(emailOf(results))).as("the suite cleans up its tasks").isZero();
    }

    @Test
    void envelopeBodiesPassWithTheDataPointer() {
        app = StandInTaskFlow.start(Variant.seed().withEnvelope(true).withAllowedOrigins(Set.of(StandInTaskFlow.SELF)));

        assertAllPass(suite(settings().dataPointer("/data")).runAll(target(), result -> { }));
    }

    @Test
    void userIdInPathsWithoutV1PassWithPathOverrides() {
        app = StandInTaskFlow.start(Variant.seed().withUserIdInPath(true).withApiPrefix("/api")
                .withAllowedOrigins(Set.of(StandInTaskFlow.SELF)));
        Settings settings = settings()
                .operation("signup", "POST", "/api/auth/signup", null)
                .operation("login", "POST", "/api/auth/login", null)
                .operation("me", "GET", "/api/auth/me", null)
                .operation("list", "GET", "/api/{user_id}/tasks", null)
                .operation("create", "POST", "/api/{user_id}/tasks", null)
                .operation("read", "GET", "/api/{user_id}/tasks/{task_id}", null)
                .operation("update", "PUT", "/api/{user_id}/tasks/{task_id}", null)
                .operation("complete", "PATCH", "/api/{user_id}/tasks/{task_id}/complete", null)
                .operation("delete", "DELETE", "/api/{user_id}/tasks/{task_id}", null)
                .operation("chat", "POST", "/api/{user_id}/chat", null);

        assertAllPass(suite(settings).runAll(target(), result -> { }));
    }

    @Test
    void integerIdsWithAPatchToggleAndAccessTokenPass() {
        app = StandInTaskFlow.start(Variant.seed().withIntegerIds(true).withCompletion(Completion.PATCH_TOGGLE)
                .withTokenField("access_token").withAllowedOrigins(Set.of(StandInTaskFlow.SELF)));
        Settings settings = settings().tokenPointer("/access_token")
                .operation("complete", "PATCH", "/api/v1/tasks/{task_id}/toggle", null);

        List<StepResult> results = suite(settings).runAll(target(), result -> { });

        assertAllPass(results);
        assertThat(result(results, "e2e-task-create").values().get("taskId")).matches("\\d+");
    }

    @Test
    void validation422AuthBeforeRoutingAndCompletionByPutPass() {
        app = StandInTaskFlow.start(Variant.seed().withValidationStatus(422).withAuthBeforeRouting(true)
                .withCompletion(Completion.PUT_COMPLETED).withAllowedOrigins(Set.of(StandInTaskFlow.SELF)));
        Settings settings = settings().validationStatus(422)
                .operation("complete", "PUT", "/api/v1/tasks/{task_id}", "{\"completed\":{completed}}");

        List<StepResult> results = suite(settings).runAll(target(), result -> { });

        assertAllPass(results);
        assertThat(result(results, "e2e-signup").values()).containsEntry("malformed", "422");
    }

    @Test
    void aFailingSignupIsReportedWithTheStatusAndWhatWasExpected() {
        app = StandInTaskFlow.start(Variant.seed().withSignupStatus(500));

        StepResult signup = suite(settings()).runOne("e2e-signup", target());

        assertThat(signup.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(signup.summary()).isEqualTo("Signup of a new user answered 500; expected 200 or 201 (user created).");
        assertThat(signup.exchanges()).first().satisfies(exchange -> {
            assertThat(exchange.requestBody()).contains("\"password\":\"" + SecretMasker.HIDDEN + "\"");
            assertThat(exchange.status()).isEqualTo(500);
        });
    }

    @Test
    void aTokenWithoutAClaimFailsNamingIt() {
        app = StandInTaskFlow.start(Variant.seed().withDropClaim("email"));

        StepResult claims = suite(settings()).runOne("e2e-jwt-claims", target());

        assertThat(claims.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(claims.summary()).startsWith("The token lacks email");
    }

    @Test
    void aTokenSignedWithAnotherSecretFailsTheSignature() {
        app = StandInTaskFlow.start(Variant.seed());

        StepResult claims = suite(settings().secret("a-different-secret-of-at-least-32-chars!")).runOne("e2e-jwt-claims",
                target());

        assertThat(claims.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(claims.summary()).contains("does not verify with the shared secret")
                .doesNotContain("a-different-secret");
    }

    @Test
    void aTaskThatIsNotPersistedFailsThePersistenceCheck() {
        app = StandInTaskFlow.start(Variant.seed().withForgetTasks(true));

        StepResult persist = suite(settings()).runOne("e2e-task-persist", target());

        assertThat(persist.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(persist.summary()).contains("is not in a fresh list: it was not persisted");
    }

    @Test
    void corsThatRefusesTheFrontendFailsNamingTheOrigin() {
        app = StandInTaskFlow.start(Variant.seed().withCorsRefuseAll(true));

        StepResult cors = suite(settings()).runOne("e2e-cors", target());

        assertThat(cors.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(cors.summary()).startsWith("CORS refuses the frontend's origin " + app.baseUrl())
                .endsWith("Add it to CORS_ORIGINS.");
    }

    @Test
    void anotherUsersTaskThatIsVisibleFailsIsolation() {
        app = StandInTaskFlow.start(Variant.seed().withLeakTasksAcrossUsers(true));

        StepResult isolation = suite(settings()).runOne("e2e-isolation", target());

        assertThat(isolation.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(isolation.summary()).startsWith("Another user read this user's task");
    }

    @Test
    void aSlowBackendFailsLatencyAgainstTheBudget() {
        app = StandInTaskFlow.start(Variant.seed().withLatencyMs(120));

        StepResult latency = suite(settings().samples(3)).runOne("e2e-latency", target());

        assertThat(latency.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(latency.summary()).startsWith("Over the 100 ms budget: health p95");
        assertThat(latency.exchanges()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aTargetThatIsDownSaysConnectionRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Target down = new Target("down", URI.create("http://127.0.0.1:" + closed), null, "test");

        StepResult health = suite(settings()).runOne("e2e-health", down);

        assertThat(health.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(health.summary()).isEqualTo("GET http://127.0.0.1:" + closed + "/health: connection refused. Is the "
                + "backend running at http://127.0.0.1:" + closed + "?");
    }

    @Test
    void aTargetThatAnswersTooSlowlySaysItDidNotAnswer() {
        app = StandInTaskFlow.start(Variant.seed().withLatencyMs(1500));

        StepResult health = suite(settings().timeout(Duration.ofMillis(300))).runOne("e2e-health", target());

        assertThat(health.summary()).contains("did not answer within 0 s").contains("too slow or stuck");
    }

    @Test
    void aTargetThatAnswersHtmlInsteadOfJsonSaysSo() throws IOException {
        other = serve(200, "text/html", "<html><body>Welcome</body></html>", null);

        StepResult login = suite(settings()).runOne("e2e-login", otherTarget());

        assertThat(login.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(login.summary()).contains("an HTML page, not JSON");
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() throws IOException {
        other = serve(302, "text/plain", "", "https://elsewhere.example/health");

        StepResult health = suite(settings()).runOne("e2e-health", otherTarget());

        assertThat(health.summary()).contains("redirects to another host (https://elsewhere.example)");
    }

    @Test
    void anApiMapEntryWithAnUnknownPlaceholderIsRefusedNamingIt() {
        ChecksProperties properties = settings().operation("read", "GET", "/api/v1/tasks/{taskid}", null).properties();

        assertThatThrownBy(properties::effectiveMap).isInstanceOf(InvalidApiMapException.class)
                .hasMessageStartingWith("API map entry 'read' uses {taskid}, which the suite cannot fill.");
    }

    @Test
    void theFrontendCheckIsSkippedWithoutAFrontendUrl() {
        app = StandInTaskFlow.start(Variant.seed());

        StepResult frontend = suite(settings()).runOne("e2e-frontend",
                new Target("backend-only", app.baseUrl(), null, "test"));

        assertThat(frontend.status()).isEqualTo(TaskStatus.SKIPPED);
    }

    private static void assertAllPass(List<StepResult> results) {
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.id() + ": " + result.summary())
                .isEqualTo(TaskStatus.PASSED));
    }

    private static StepResult result(List<StepResult> results, String id) {
        return results.stream().filter(result -> result.id().equals(id)).findFirst().orElseThrow();
    }

    private static String emailOf(List<StepResult> results) {
        return result(results, "e2e-jwt-claims").values().get("email");
    }

    private Target target() {
        return new Target("stand-in", app.baseUrl(), app.baseUrl(), "test");
    }

    private Target otherTarget() {
        return new Target("other", URI.create("http://127.0.0.1:" + other.getAddress().getPort()), null, "test");
    }

    private EndToEndSuite suite(Settings settings) {
        return new EndToEndSuite(settings.properties(), new SecretMasker());
    }

    private Settings settings() {
        return new Settings(new LinkedHashMap<>(), "", "/token", 400, app == null ? null : app.secret(), 5,
                Duration.ofSeconds(5));
    }

    private static HttpServer serve(int status, String type, String body, String location) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The suite's configuration as a test changes it. */
    record Settings(Map<String, ApiOperation> overrides, String dataPointer, String tokenPointer, int validation,
            String secret, int samples, Duration timeout) {

        Settings operation(String name, String method, String path, String body) {
            Map<String, ApiOperation> next = new LinkedHashMap<>(overrides);
            next.put(name, new ApiOperation(method, path, body));
            return new Settings(next, dataPointer, tokenPointer, validation, secret, samples, timeout);
        }

        Settings dataPointer(String pointer) {
            return new Settings(overrides, pointer, tokenPointer, validation, secret, samples, timeout);
        }

        Settings tokenPointer(String pointer) {
            return new Settings(overrides, dataPointer, pointer, validation, secret, samples, timeout);
        }

        Settings validationStatus(int status) {
            return new Settings(overrides, dataPointer, tokenPointer, status, secret, samples, timeout);
        }

        Settings secret(String value) {
            return new Settings(overrides, dataPointer, tokenPointer, validation, value, samples, timeout);
        }

        Settings samples(int count) {
            return new Settings(overrides, dataPointer, tokenPointer, validation, secret, count, timeout);
        }

        Settings timeout(Duration value) {
            return new Settings(overrides, dataPointer, tokenPointer, validation, secret, samples, value);
        }

        ChecksProperties properties() {
            return new ChecksProperties(overrides, dataPointer, tokenPointer, "/user/id", "/id", "/response", validation,
                    secret, "http://localhost:3000", "https://foreign.example", Duration.ofMillis(100), samples, timeout);
        }
    }
}
