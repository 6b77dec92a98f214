package dev.taskflow.panel.checks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.taskflow.panel.checks.StandInTaskFlow.Completion;
import dev.taskflow.panel.checks.StandInTaskFlow.Variant;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class StandInTaskFlowTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct-horse-1";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<StandInTaskFlow> started = new ArrayList<>();

    @AfterEach
    void stopStandIns() {
        started.forEach(StandInTaskFlow::close);
    }

    // ------------------------------------------------------------------ the seed flow

    @Test
    void theSeedBackendIsHealthyAndSignsUpLogsInAndManagesTasksEndToEnd() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");

        Answer health = api.call("GET", "/health", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(JSON.readTree("{\"status\":\"healthy\"}"));

        Answer signup = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "ada@example.com", "password", PASSWORD, "name", "Ada"));
        assertThat(signup.status()).isEqualTo(201);
        String userId = signup.json().get("id").stringValue();
        assertThat(userId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(signup.json().get("email").stringValue()).isEqualTo("ada@example.com");
        assertThat(signup.json().get("name").stringValue()).isEqualTo("Ada");

        Answer duplicate = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "ada@example.com", "password", PASSWORD, "name", "Ada"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("detail").stringValue()).isEqualTo("Email already registered");

        Answer login = api.call("POST", "/api/v1/auth/login", null,
                Map.of("email", "ada@example.com", "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("token_type").stringValue()).isEqualTo("bearer");
        assertThat(login.json().get("user").get("id").stringValue()).isEqualTo(userId);
        String token = login.json().get("access_token").stringValue();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(app.secret().getBytes(StandardCharsets.UTF_8)))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@example.com");
        assertThat(claims.getIssueTime()).isCloseTo(new Date(), 10_000);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(86_400_000L);
        assertThat(app.secret()).hasSize(40);

        Answer me = api.call("GET", "/api/v1/auth/me", token, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").stringValue()).isEqualTo("ada@example.com");

        assertThat(api.call("GET", "/api/v1/tasks", token, null).json()).isEmpty();
        Answer created = api.call("POST", "/api/v1/tasks", token,
                Map.of("title", "Write the chart", "description", "Helm chart for the backend"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode task = created.json();
        String taskId = task.get("id").stringValue();
        assertThat(task.get("title").stringValue()).isEqualTo("Write the chart");
        assertThat(task.get("description").stringValue()).isEqualTo("Helm chart for the backend");
        assertThat(task.get("completed").booleanValue()).isFalse();
        assertThat(task.has("created_at")).isTrue();
        assertThat(task.has("updated_at")).isTrue();
        assertThat(app.taskCount("ada@example.com")).isEqualTo(1);

        Answer read = api.call("GET", "/api/v1/tasks/" + taskId, token, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("title").stringValue()).isEqualTo("Write the chart");
        Answer list = api.call("GET", "/api/v1/tasks", token, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);

        Answer updated = api.call("PUT", "/api/v1/tasks/" + taskId, token, Map.of("title", "Ship the chart"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("title").stringValue()).isEqualTo("Ship the chart");
        assertThat(updated.json().get("description").stringValue()).isEqualTo("Helm chart for the backend");

        Answer completed = api.call("PATCH", "/api/v1/tasks/" + taskId + "/complete", token, null);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().get("completed").booleanValue()).isTrue();
        assertThat(api.call("PATCH", "/api/v1/tasks/" + taskId + "/toggle", token, null).status()).isEqualTo(404);

        Answer deleted = api.call("DELETE", "/api/v1/tasks/" + taskId, token, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        Answer gone = api.call("GET", "/api/v1/tasks/" + taskId, token, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("detail").stringValue()).isEqualTo("Task not found");
        assertThat(app.taskCount("ada@example.com")).isZero();
    }

    @Test
    void theSeedChatGreetsAndCreatesATaskFromTheRestOfTheMessage() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");
        String token = api.signUpAndLogIn("grace@example.com");

        Answer hello = api.call("POST", "/api/v1/chat", token, Map.of("message", "Hello"));
        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.json().get("response").stringValue()).containsIgnoringCase("hello");
        assertThat(hello.json().get("conversation_id").isString()).isTrue();
        assertThat(app.taskCount("grace@example.com")).isZero();

        Answer create = api.call("POST", "/api/v1/chat", token,
                Map.of("message", "Create a task to test deployment"));
        assertThat(create.status()).isEqualTo(200);
        assertThat(create.json().get("response").stringValue()).contains("test deployment").contains("created");
        assertThat(app.taskCount("grace@example.com")).isEqualTo(1);
        JsonNode tasks = api.call("GET", "/api/v1/tasks", token, null).json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("title").stringValue()).isEqualTo("test deployment");

        api.call("POST", "/api/v1/chat", token, Map.of("message", "please CREATE A TASK called Review logs"));
        assertThat(app.taskCount("grace@example.com")).isEqualTo(2);
        assertThat(api.call("GET", "/api/v1/tasks", token, null).json().get(1).get("title").stringValue())
                .isEqualTo("Review logs");
    }

    @Test
    void theSeedAnswers422FastapiErrorsForInvalidBodies() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");

        Answer missing = api.call("POST", "/api/v1/auth/signup", null, Map.of("email", "x@example.com"));
        assertThat(missing.status()).isEqualTo(422);
        JsonNode error = missing.json().get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"password\"]");
        assertThat(error.get("msg").stringValue()).isEqualTo("field required");
        assertThat(error.get("type").stringValue()).isEqualTo("missing");

        Answer shortPassword = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "x@example.com", "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.json().get("detail").get(0).get("loc").get(1).stringValue()).isEqualTo("password");
        assertThat(api.call("POST", "/api/v1/auth/signup", null, Map.of("email", " ", "password", PASSWORD))
                .status()).isEqualTo(422);

        String token = api.signUpAndLogIn("x@example.com");
        Answer blankTitle = api.call("POST", "/api/v1/tasks", token, Map.of("title", "  "));
        assertThat(blankTitle.status()).isEqualTo(422);
        assertThat(blankTitle.json().get("detail").get(0).get("loc").get(1).stringValue()).isEqualTo("title");
        assertThat(app.taskCount("x@example.com")).isZero();
    }

    @Test
    void theSeedRefusesWrongCredentialsAndMissingForgedOrExpiredTokens() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");
        String token = api.signUpAndLogIn("linus@example.com");
        String userId = api.call("GET", "/api/v1/auth/me", token, null).json().get("id").stringValue();

        Answer wrong = api.call("POST", "/api/v1/auth/login", null,
                Map.of("email", "linus@example.com", "password", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail").stringValue()).isEqualTo("Invalid credentials");
        assertThat(api.call("POST", "/api/v1/auth/login", null,
                Map.of("email", "nobody@example.com", "password", PASSWORD)).status()).isEqualTo(401);

        String forged = sign("a-completely-different-secret-of-40-chars", userId, "linus@example.com",
                Instant.now().plusSeconds(3600));
        String expired = sign(app.secret(), userId, "linus@example.com", Instant.now().minusSeconds(60));
        String fresh = sign(app.secret(), userId, "linus@example.com", Instant.now().plusSeconds(3600));
        for (String bad : new String[] {null, "not-a-jwt", forged, expired}) {
            Answer refused = api.call("GET", "/api/v1/tasks", bad, null);
            assertThat(refused.status()).as("token %s", bad).isEqualTo(401);
            assertThat(refused.json().get("detail").stringValue()).isEqualTo("Not authenticated");
        }
        assertThat(api.call("GET", "/api/v1/auth/me", expired, null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/tasks", fresh, null).status()).isEqualTo(200);
    }

    @Test
    void theSeedKeepsEachUsersTasksToThemselves() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");
        String alice = api.signUpAndLogIn("alice@example.com");
        String bob = api.signUpAndLogIn("bob@example.com");
        String aliceTask = api.call("POST", "/api/v1/tasks", alice, Map.of("title", "Alice's")).json().get("id")
                .stringValue();

        assertThat(api.call("GET", "/api/v1/tasks", bob, null).json()).isEmpty();
        assertThat(api.call("GET", "/api/v1/tasks/" + aliceTask, bob, null).status()).isEqualTo(404);
        assertThat(api.call("PUT", "/api/v1/tasks/" + aliceTask, bob, Map.of("title", "Bob's now")).status())
                .isEqualTo(404);
        assertThat(api.call("PATCH", "/api/v1/tasks/" + aliceTask + "/complete", bob, null).status())
                .isEqualTo(404);
        assertThat(api.call("DELETE", "/api/v1/tasks/" + aliceTask, bob, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/tasks/" + aliceTask, alice, null).json().get("title").stringValue())
                .isEqualTo("Alice's");
        assertThat(app.taskCount("alice@example.com")).isEqualTo(1);
        assertThat(app.taskCount("bob@example.com")).isZero();
        assertThat(app.taskCount("nobody@example.com")).isZero();
    }

    @Test
    void theSeedRoutesBeforeAuthSoUnknownPathsAre404AndWrongMethods405() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");

        Answer unknown = api.call("GET", "/api/v1/nothing-here", null, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").stringValue()).isEqualTo("Not Found");
        assertThat(api.call("GET", "/elsewhere", null, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/auth/signup", null, null).status()).isEqualTo(405);
    }

    @Test
    void theStoreIsSafeUnderConcurrentRequests() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");
        String token = api.signUpAndLogIn("busy@example.com");

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 30)
                .mapToObj(i -> http.sendAsync(api.request("POST", "/api/v1/tasks", token,
                        Map.of("title", "task " + i)), HttpResponse.BodyHandlers.ofString()))
                .toList();
        assertThat(calls).allSatisfy(call -> assertThat(call.get().statusCode()).isEqualTo(201));
        assertThat(app.taskCount("busy@example.com")).isEqualTo(30);
        assertThat(api.call("GET", "/api/v1/tasks", token, null).json()).hasSize(30);
    }

    // ------------------------------------------------------------------ variants

    @Test
    void theEnvelopeVariantWrapsBodiesInSuccessAndDataAndErrorsInSuccessFalse() throws Exception {
        StandInTaskFlow app = start(fastApi().withEnvelope(true));
        Api api = new Api(app, "/api/v1");

        Answer signup = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "env@example.com", "password", PASSWORD, "name", "Env"));
        assertThat(signup.status()).isEqualTo(201);
        assertThat(signup.json().get("success").booleanValue()).isTrue();
        assertThat(signup.json().get("data").get("email").stringValue()).isEqualTo("env@example.com");

        Answer login = api.call("POST", "/api/v1/auth/login", null,
                Map.of("email", "env@example.com", "password", PASSWORD));
        String token = login.json().get("data").get("access_token").stringValue();
        assertThat(api.call("POST", "/api/v1/tasks", token, Map.of("title", "wrapped")).json().get("data")
                .get("title").stringValue()).isEqualTo("wrapped");
        JsonNode list = api.call("GET", "/api/v1/tasks", token, null).json();
        assertThat(list.get("success").booleanValue()).isTrue();
        assertThat(list.get("data").isArray()).isTrue();
        assertThat(list.get("data")).hasSize(1);
        assertThat(api.call("GET", "/health", null, null).json().get("data").get("status").stringValue())
                .isEqualTo("healthy");

        Answer refused = api.call("GET", "/api/v1/tasks", null, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("success").booleanValue()).isFalse();
        assertThat(refused.json().get("error").get("message").stringValue()).isEqualTo("Not authenticated");
        Answer duplicate = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "env@example.com", "password", PASSWORD));
        assertThat(duplicate.json().get("error").get("message").stringValue()).isEqualTo("Email already registered");
        Answer invalid = api.call("POST", "/api/v1/auth/signup", null, Map.of("email", "short@example.com",
                "password", "x"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("success").booleanValue()).isFalse();
        assertThat(invalid.json().get("error").get("message").stringValue()).contains("password");
    }

    @Test
    void theUserIdInPathVariantScopesRoutesByUserAndForbidsOtherIds() throws Exception {
        StandInTaskFlow app = start(fastApi().withUserIdInPath(true));
        Api api = new Api(app, "/api/v1");
        String alice = api.signUpAndLogIn("alice@example.com");
        String aliceId = api.call("GET", "/api/v1/auth/me", alice, null).json().get("id").stringValue();
        String bob = api.signUpAndLogIn("bob@example.com");
        String bobId = api.call("GET", "/api/v1/auth/me", bob, null).json().get("id").stringValue();

        Answer created = api.call("POST", "/api/v1/" + aliceId + "/tasks", alice, Map.of("title", "scoped"));
        assertThat(created.status()).isEqualTo(201);
        String taskId = created.json().get("id").stringValue();
        assertThat(api.call("GET", "/api/v1/" + aliceId + "/tasks", alice, null).json()).hasSize(1);
        assertThat(api.call("GET", "/api/v1/" + aliceId + "/tasks/" + taskId, alice, null).status()).isEqualTo(200);
        assertThat(api.call("PATCH", "/api/v1/" + aliceId + "/tasks/" + taskId + "/complete", alice, null)
                .json().get("completed").booleanValue()).isTrue();
        assertThat(api.call("POST", "/api/v1/" + aliceId + "/chat", alice, Map.of("message", "Hello")).status())
                .isEqualTo(200);

        assertThat(api.call("GET", "/api/v1/" + aliceId + "/tasks", bob, null).status()).isEqualTo(403);
        assertThat(api.call("POST", "/api/v1/" + aliceId + "/chat", bob, Map.of("message", "Hello")).status())
                .isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/" + bobId + "/tasks/" + taskId, bob, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/tasks", alice, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/" + aliceId + "/tasks", null, null).status()).isEqualTo(401);
    }

    @Test
    void theIntegerIdsVariantNumbersUsersTasksAndConversations() throws Exception {
        StandInTaskFlow app = start(fastApi().withIntegerIds(true));
        Api api = new Api(app, "/api/v1");

        Answer first = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "one@example.com", "password", PASSWORD, "name", "One"));
        assertThat(first.json().get("id").isIntegralNumber()).isTrue();
        assertThat(first.json().get("id").asLong()).isEqualTo(1);
        String token = api.signUpAndLogIn("two@example.com");
        Answer me = api.call("GET", "/api/v1/auth/me", token, null);
        assertThat(me.json().get("id").asLong()).isEqualTo(2);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getSubject()).isEqualTo("2");

        JsonNode taskOne = api.call("POST", "/api/v1/tasks", token, Map.of("title", "a")).json();
        JsonNode taskTwo = api.call("POST", "/api/v1/tasks", token, Map.of("title", "b")).json();
        assertThat(taskOne.get("id").isIntegralNumber()).isTrue();
        assertThat(taskOne.get("id").asLong()).isEqualTo(1);
        assertThat(taskTwo.get("id").asLong()).isEqualTo(2);
        assertThat(api.call("GET", "/api/v1/tasks/2", token, null).json().get("title").stringValue()).isEqualTo("b");
        assertThat(api.call("GET", "/api/v1/tasks/abc", token, null).status()).isEqualTo(422);
        assertThat(api.call("POST", "/api/v1/chat", token, Map.of("message", "Hello")).json()
                .get("conversation_id").isIntegralNumber()).isTrue();
    }

    @Test
    void thePutCompletedVariantCompletesOnlyThroughPutAndHasNoPatchRoutes() throws Exception {
        StandInTaskFlow app = start(fastApi().withCompletion(Completion.PUT_COMPLETED));
        Api api = new Api(app, "/api/v1");
        String token = api.signUpAndLogIn("put@example.com");
        String taskId = api.call("POST", "/api/v1/tasks", token, Map.of("title", "t")).json().get("id")
                .stringValue();

        assertThat(api.call("PATCH", "/api/v1/tasks/" + taskId + "/complete", token, null).status()).isEqualTo(404);
        assertThat(api.call("PATCH", "/api/v1/tasks/" + taskId + "/toggle", token, null).status()).isEqualTo(404);
        Answer done = api.call("PUT", "/api/v1/tasks/" + taskId, token, Map.of("completed", true));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("completed").booleanValue()).isTrue();
        assertThat(done.json().get("title").stringValue()).isEqualTo("t");
    }

    @Test
    void thePatchToggleVariantFlipsCompletionAndHasNoCompleteRoute() throws Exception {
        StandInTaskFlow app = start(fastApi().withCompletion(Completion.PATCH_TOGGLE));
        Api api = new Api(app, "/api/v1");
        String token = api.signUpAndLogIn("toggle@example.com");
        String taskId = api.call("POST", "/api/v1/tasks", token, Map.of("title", "t")).json().get("id")
                .stringValue();

        assertThat(api.call("PATCH", "/api/v1/tasks/" + taskId + "/toggle", token, null).json().get("completed")
                .booleanValue()).isTrue();
        assertThat(api.call("PATCH", "/api/v1/tasks/" + taskId + "/toggle", token, null).json().get("completed")
                .booleanValue()).isFalse();
        assertThat(api.call("PATCH", "/api/v1/tasks/" + taskId + "/complete", token, null).status()).isEqualTo(404);
    }

    @Test
    void theTokenFieldVariantNamesTheLoginTokenToken() throws Exception {
        StandInTaskFlow app = start(fastApi().withTokenField("token"));
        Api api = new Api(app, "/api/v1");
        api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "tok@example.com", "password", PASSWORD, "name", "Tok"));
        JsonNode login = api.call("POST", "/api/v1/auth/login", null,
                Map.of("email", "tok@example.com", "password", PASSWORD)).json();

        assertThat(login.has("access_token")).isFalse();
        String token = login.get("token").stringValue();
        assertThat(SignedJWT.parse(token).verify(new MACVerifier(app.secret().getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(login.get("token_type").stringValue()).isEqualTo("bearer");
        assertThat(api.call("GET", "/api/v1/tasks", token, null).status()).isEqualTo(200);
    }

    @Test
    void the400ValidationVariantAnswersAOneLineDetail() throws Exception {
        StandInTaskFlow app = start(fastApi().withValidationStatus(400));
        Api api = new Api(app, "/api/v1");

        Answer shortPassword = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "v@example.com", "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("detail").isString()).isTrue();
        assertThat(shortPassword.json().get("detail").stringValue()).containsIgnoringCase("password");
        assertThat(api.call("POST", "/api/v1/auth/signup", null, Map.of("password", PASSWORD)).status())
                .isEqualTo(400);

        String token = api.signUpAndLogIn("v@example.com");
        Answer blank = api.call("POST", "/api/v1/tasks", token, Map.of("title", ""));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("detail").stringValue()).containsIgnoringCase("title");
    }

    @Test
    void theAuthBeforeRoutingVariantAnswers401ForUnknownPathsWithoutAToken() throws Exception {
        StandInTaskFlow app = start(fastApi().withAuthBeforeRouting(true));
        Api api = new Api(app, "/api/v1");

        Answer unknown = api.call("GET", "/api/v1/nothing-here", null, null);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").stringValue()).isEqualTo("Not authenticated");
        String token = api.signUpAndLogIn("early@example.com");
        assertThat(api.call("GET", "/api/v1/nothing-here", token, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/elsewhere", null, null).status()).isEqualTo(404);
        assertThat(api.call("GET", "/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void theApiPrefixVariantServesEverythingUnderSlashApi() throws Exception {
        StandInTaskFlow app = start(fastApi().withApiPrefix("/api"));
        Api api = new Api(app, "/api");

        assertThat(api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "p@example.com", "password", PASSWORD, "name", "P")).status()).isEqualTo(404);
        String token = api.signUpAndLogIn("p@example.com");
        assertThat(api.call("POST", "/api/tasks", token, Map.of("title", "short prefix")).status()).isEqualTo(201);
        assertThat(api.call("GET", "/api/tasks", token, null).json()).hasSize(1);
        assertThat(api.call("GET", "/api/auth/me", token, null).status()).isEqualTo(200);
    }

    @Test
    void theFrontendPageFetchesHealthAndCanLogAConsoleErrorOrBeAbsent() throws Exception {
        StandInTaskFlow quiet = start(fastApi());
        Answer page = new Api(quiet, "/api/v1").call("GET", "/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>TaskFlow</title>").contains("fetch('" + quiet.baseUrl() + "/health')")
                .doesNotContain("console.error");

        StandInTaskFlow noisy = start(fastApi().withFrontendConsoleError(true));
        assertThat(new Api(noisy, "/api/v1").call("GET", "/", null, null).body())
                .contains("console.error(\"TaskFlow failed to load tasks\")");

        StandInTaskFlow headless = start(fastApi().withServesFrontend(false));
        assertThat(new Api(headless, "/api/v1").call("GET", "/", null, null).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ misbehaviours

    @Test
    void theSignupStatusSwitchAnswersAnotherStatus() throws Exception {
        StandInTaskFlow app = start(fastApi().withSignupStatus(200));
        Api api = new Api(app, "/api/v1");
        Answer signup = api.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "s@example.com", "password", PASSWORD, "name", "S"));
        assertThat(signup.status()).isEqualTo(200);
        assertThat(signup.json().get("email").stringValue()).isEqualTo("s@example.com");

        StandInTaskFlow broken = start(fastApi().withSignupStatus(500));
        Api brokenApi = new Api(broken, "/api/v1");
        assertThat(brokenApi.call("POST", "/api/v1/auth/signup", null,
                Map.of("email", "s@example.com", "password", PASSWORD, "name", "S")).status()).isEqualTo(500);
        assertThat(brokenApi.call("POST", "/api/v1/auth/login", null,
                Map.of("email", "s@example.com", "password", PASSWORD)).status()).isEqualTo(401);
    }

    @Test
    void theDropClaimSwitchLeavesTheClaimOutOfTokensThatStillWork() throws Exception {
        for (String claim : List.of("sub", "email", "iat", "exp")) {
            StandInTaskFlow app = start(fastApi().withDropClaim(claim));
            Api api = new Api(app, "/api/v1");
            String token = api.signUpAndLogIn("d@example.com");
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.verify(new MACVerifier(app.secret().getBytes(StandardCharsets.UTF_8)))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getClaims()).as(claim).doesNotContainKey(claim);
            assertThat(jwt.getJWTClaimsSet().getClaims().keySet()).hasSize(3);
            assertThat(api.call("GET", "/api/v1/tasks", token, null).status()).as(claim).isEqualTo(200);
        }
    }

    @Test
    void theForgetTasksSwitchAnswers201ButNeverListsOrReadsTheTask() throws Exception {
        StandInTaskFlow app = start(fastApi().withForgetTasks(true));
        Api api = new Api(app, "/api/v1");
        String token = api.signUpAndLogIn("f@example.com");

        Answer created = api.call("POST", "/api/v1/tasks", token, Map.of("title", "lost"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").stringValue()).isEqualTo("lost");
        assertThat(api.call("GET", "/api/v1/tasks", token, null).json()).isEmpty();
        assertThat(api.call("GET", "/api/v1/tasks/" + created.json().get("id").stringValue(), token, null).status())
                .isEqualTo(404);
        api.call("POST", "/api/v1/chat", token, Map.of("message", "Create a task to test deployment"));
        assertThat(app.taskCount("f@example.com")).isZero();
    }

    @Test
    void theLeakTasksSwitchLetsAnyUserReadUpdateAndListEveryTask() throws Exception {
        StandInTaskFlow app = start(fastApi().withLeakTasksAcrossUsers(true));
        Api api = new Api(app, "/api/v1");
        String alice = api.signUpAndLogIn("alice@example.com");
        String bob = api.signUpAndLogIn("bob@example.com");
        String aliceTask = api.call("POST", "/api/v1/tasks", alice, Map.of("title", "Alice's")).json().get("id")
                .stringValue();

        assertThat(api.call("GET", "/api/v1/tasks", bob, null).json()).hasSize(1);
        assertThat(api.call("GET", "/api/v1/tasks/" + aliceTask, bob, null).status()).isEqualTo(200);
        assertThat(api.call("PUT", "/api/v1/tasks/" + aliceTask, bob, Map.of("title", "Bob's now")).status())
                .isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/tasks/" + aliceTask, alice, null).json().get("title").stringValue())
                .isEqualTo("Bob's now");
        assertThat(app.taskCount("alice@example.com")).isEqualTo(1);
    }

    @Test
    void theLatencySwitchDelaysEveryAnswer() throws Exception {
        StandInTaskFlow app = start(fastApi().withLatencyMs(300));
        long startedAt = System.nanoTime();
        Answer health = new Api(app, "/api/v1").call("GET", "/health", null, null);
        long tookMs = (System.nanoTime() - startedAt) / 1_000_000;
        assertThat(health.status()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(300);
    }

    // ------------------------------------------------------------------ CORS

    @Test
    void corsLetsAnAllowedOriginInAndRefusesOthersLikeStarlette() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Api api = new Api(app, "/api/v1");

        HttpResponse<String> allowed = api.preflight("http://localhost:3000");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("GET", "POST", "PUT", "PATCH", "DELETE"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).contains("Authorization", "Content-Type"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");

        HttpResponse<String> refused = api.preflight("http://evil.example");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.body()).isEqualTo("Disallowed CORS origin");

        HttpResponse<String> actual = http.send(HttpRequest.newBuilder(app.baseUrl().resolve("/health"))
                .header("Origin", "http://localhost:3000").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(app.baseUrl().resolve("/health"))
                .header("Origin", "http://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void corsFollowsTheConfiguredOriginsAndTheRefuseAllSwitch() throws Exception {
        StandInTaskFlow custom = start(fastApi().withAllowedOrigins(Set.of("http://192.168.49.2:30080")));
        Api customApi = new Api(custom, "/api/v1");
        assertThat(customApi.preflight("http://192.168.49.2:30080").statusCode()).isEqualTo(200);
        assertThat(customApi.preflight("http://localhost:3000").statusCode()).isEqualTo(400);

        StandInTaskFlow refusing = start(fastApi().withCorsRefuseAll(true));
        HttpResponse<String> refused = new Api(refusing, "/api/v1").preflight("http://localhost:3000");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    // ------------------------------------------------------------------ OpenAPI

    @Test
    void theOpenapiDocumentListsTheSeedRoutesWithSecurityBodiesAndStatuses() throws Exception {
        StandInTaskFlow app = start(fastApi());
        Answer answer = new Api(app, "/api/v1").call("GET", "/openapi.json", null, null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode doc = answer.json();

        assertThat(doc.get("openapi").stringValue()).startsWith("3.1");
        JsonNode paths = doc.get("paths");
        assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/health", "/api/v1/auth/signup",
                "/api/v1/auth/login", "/api/v1/auth/me", "/api/v1/tasks", "/api/v1/tasks/{task_id}",
                "/api/v1/tasks/{task_id}/complete", "/api/v1/chat");
        assertThat(paths.get("/api/v1/tasks").propertyNames()).containsExactlyInAnyOrder("get", "post");
        assertThat(paths.get("/api/v1/tasks/{task_id}").propertyNames())
                .containsExactlyInAnyOrder("get", "put", "delete");

        JsonNode createTask = paths.get("/api/v1/tasks").get("post");
        assertThat(createTask.get("security").toString()).isEqualTo("[{\"HTTPBearer\":[]}]");
        assertThat(createTask.get("responses").propertyNames()).contains("201", "401", "422");
        String ref = createTask.get("requestBody").get("content").get("application/json").get("schema")
                .get("$ref").stringValue();
        assertThat(ref).isEqualTo("#/components/schemas/TaskCreate");
        assertThat(doc.get("components").get("schemas").get("TaskCreate").get("properties").propertyNames())
                .containsExactlyInAnyOrder("title", "description");

        JsonNode signup = paths.get("/api/v1/auth/signup").get("post");
        assertThat(signup.has("security")).isFalse();
        assertThat(signup.get("responses").propertyNames()).containsExactlyInAnyOrder("201", "400", "422");
        assertThat(paths.get("/api/v1/tasks/{task_id}").get("delete").get("responses").propertyNames())
                .contains("204", "404");
        assertThat(doc.get("components").get("schemas").get("TokenResponse").get("properties").propertyNames())
                .contains("access_token", "token_type", "user");
        assertThat(doc.get("components").get("securitySchemes").get("HTTPBearer").get("scheme").stringValue())
                .isEqualTo("bearer");

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body());
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKey("/api/v1/tasks/{task_id}/complete");
    }

    @Test
    void theOpenapiDocumentFollowsTheVariant() throws Exception {
        StandInTaskFlow app = start(fastApi().withApiPrefix("/api").withUserIdInPath(true)
                .withCompletion(Completion.PATCH_TOGGLE).withValidationStatus(400).withTokenField("token")
                .withIntegerIds(true));
        Answer answer = new Api(app, "/api").call("GET", "/openapi.json", null, null);
        JsonNode doc = answer.json();
        JsonNode paths = doc.get("paths");

        assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/health", "/api/auth/signup", "/api/auth/login",
                "/api/auth/me", "/api/{user_id}/tasks", "/api/{user_id}/tasks/{task_id}",
                "/api/{user_id}/tasks/{task_id}/toggle", "/api/{user_id}/chat");
        JsonNode toggle = paths.get("/api/{user_id}/tasks/{task_id}/toggle").get("patch");
        assertThat(toggle.get("responses").propertyNames()).containsExactlyInAnyOrder("200", "400", "401", "403",
                "404");
        assertThat(toggle.get("parameters").findValuesAsString("name")).containsExactly("user_id", "task_id");
        assertThat(toggle.get("parameters").get(1).get("schema").get("type").stringValue()).isEqualTo("integer");
        assertThat(paths.get("/api/{user_id}/tasks").get("post").get("responses").propertyNames())
                .doesNotContain("422");
        assertThat(doc.get("components").get("schemas").get("TokenResponse").get("properties").propertyNames())
                .contains("token").doesNotContain("access_token");

        StandInTaskFlow put = start(fastApi().withCompletion(Completion.PUT_COMPLETED));
        JsonNode putPaths = new Api(put, "/api/v1").call("GET", "/openapi.json", null, null).json().get("paths");
        assertThat(putPaths.propertyNames()).noneMatch(path -> path.endsWith("/complete") || path.endsWith("/toggle"));
        assertThat(new OpenAPIV3Parser().readContents(answer.body()).getMessages()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** FastAPI's own conventions (access_token, 422), which most of these tests were written against. */
    private static Variant fastApi() {
        return Variant.seed().withTokenField("access_token").withValidationStatus(422);
    }

    private StandInTaskFlow start(Variant variant) {
        StandInTaskFlow app = StandInTaskFlow.start(variant);
        started.add(app);
        return app;
    }

    private static String sign(String secret, String subject, String email, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject).claim("email", email).issueTime(new Date())
                .expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private record Answer(int status, String body, java.net.http.HttpHeaders headers) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final class Api {

        private final StandInTaskFlow app;
        private final String prefix;

        Api(StandInTaskFlow app, String prefix) {
            this.app = app;
            this.prefix = prefix;
        }

        HttpRequest request(String method, String path, String token, Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return request.build();
        }

        Answer call(String method, String path, String token, Object body) throws Exception {
            HttpResponse<String> response = http.send(request(method, path, token, body),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        }

        /** Signs a user up with the variant's routes, logs in, and returns the token (wrapped or not). */
        String signUpAndLogIn(String email) throws Exception {
            Answer signup = call("POST", prefix + "/auth/signup", null,
                    Map.of("email", email, "password", PASSWORD, "name", email.substring(0, email.indexOf('@'))));
            assertThat(signup.status()).as(signup.body()).isBetween(200, 201);
            JsonNode login = call("POST", prefix + "/auth/login", null, Map.of("email", email, "password", PASSWORD))
                    .json();
            JsonNode body = login.has("data") ? login.get("data") : login;
            return (body.has("access_token") ? body.get("access_token") : body.get("token")).stringValue();
        }

        HttpResponse<String> preflight(String origin) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + prefix + "/tasks"))
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
