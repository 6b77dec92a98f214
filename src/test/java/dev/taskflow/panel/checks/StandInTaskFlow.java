package dev.taskflow.panel.checks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for the TaskFlow app's FastAPI backend (and a tiny frontend page), for end-to-end tests of
 * the panel's checks. One {@link Variant} decides the API's shape (prefix, ids, envelope, completion route, ...) and
 * which misbehaviours it shows. Everything lives in memory; nothing outlives {@link #close()}.
 */
final class StandInTaskFlow implements AutoCloseable {

    /** How a task gets completed. */
    enum Completion {
        /** {@code PATCH …/tasks/{task_id}/complete} sets {@code completed=true}. */
        PATCH_COMPLETE,
        /** Only {@code PUT …/tasks/{task_id}} with {@code {"completed": true}}; no PATCH route. */
        PUT_COMPLETED,
        /** {@code PATCH …/tasks/{task_id}/toggle} flips {@code completed}. */
        PATCH_TOGGLE
    }

    /**
     * The shape of the stand-in's API and its misbehaviours.
     *
     * @param envelope             every JSON body becomes {@code {"success":true,"data":…}}; errors
     *                             {@code {"success":false,"error":{"message":…}}}
     * @param userIdInPath         task and chat routes are {@code {prefix}/{user_id}/…}; another user's id → 403
     * @param integerIds           ids are 1, 2, 3 … instead of UUID strings
     * @param completion           how a task gets completed
     * @param tokenField           the login response's token field: {@code token} or {@code access_token}
     * @param validationStatus     400 ({@code {"detail": "…"}}) or 422 (FastAPI's list of errors)
     * @param authBeforeRouting    every path under the prefix except signup and login needs a token, even unknown ones
     * @param apiPrefix            {@code /api/v1} or {@code /api}
     * @param allowedOrigins       origins CORS lets in
     * @param servesFrontend       {@code GET /} answers a small TaskFlow page
     * @param frontendConsoleError the page also logs {@code console.error("TaskFlow failed to load tasks")}
     * @param signupStatus         misbehaviour: status a successful signup answers instead of 201 (null = 201); a
     *                             non-2xx override answers an error and registers nobody
     * @param dropClaim            misbehaviour: a claim left out of issued JWTs (null = none)
     * @param forgetTasks          misbehaviour: created tasks are answered but never stored
     * @param corsRefuseAll        misbehaviour: CORS lets no origin in
     * @param leakTasksAcrossUsers misbehaviour: any user reads, updates, completes and deletes any task; lists show all
     * @param latencyMs            misbehaviour: milliseconds every request waits before it is answered
     */
    record Variant(boolean envelope, boolean userIdInPath, boolean integerIds, Completion completion,
            String tokenField, int validationStatus, boolean authBeforeRouting, String apiPrefix,
            Set<String> allowedOrigins, boolean servesFrontend, boolean frontendConsoleError, Integer signupStatus,
            String dropClaim, boolean forgetTasks, boolean corsRefuseAll, boolean leakTasksAcrossUsers,
            int latencyMs) {

        Variant {
            Objects.requireNonNull(completion, "completion");
            if (!"token".equals(tokenField) && !"access_token".equals(tokenField)) {
                throw new IllegalArgumentException("tokenField must be token or access_token: " + tokenField);
            }
            if (validationStatus != 400 && validationStatus != 422) {
                throw new IllegalArgumentException("validationStatus must be 400 or 422: " + validationStatus);
            }
            if (!"/api/v1".equals(apiPrefix) && !"/api".equals(apiPrefix)) {
                throw new IllegalArgumentException("apiPrefix must be /api/v1 or /api: " + apiPrefix);
            }
            allowedOrigins = Set.copyOf(allowedOrigins);
            if (latencyMs < 0) {
                throw new IllegalArgumentException("latencyMs must not be negative: " + latencyMs);
            }
        }

        /**
         * The well-behaved FastAPI backend: bare bodies, {@code /api/v1}, UUID ids, {@code PATCH …/complete},
         * {@code token}, 400 validation errors, routing before auth, CORS for {@code http://localhost:3000},
         * a frontend page without console errors, no misbehaviour.
         */
        static Variant seed() {
            return new Variant(false, false, false, Completion.PATCH_COMPLETE, "token", 400, false, "/api/v1",
                    Set.of("http://localhost:3000"), true, false, null, null, false, false, false, 0);
        }

        Variant withEnvelope(boolean value) {
            return new Variant(value, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withUserIdInPath(boolean value) {
            return new Variant(envelope, value, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withIntegerIds(boolean value) {
            return new Variant(envelope, userIdInPath, value, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withCompletion(Completion value) {
            return new Variant(envelope, userIdInPath, integerIds, value, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withTokenField(String value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, value, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withValidationStatus(int value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, value,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withAuthBeforeRouting(boolean value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    value, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withApiPrefix(String value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, value, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withAllowedOrigins(Set<String> value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, value, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withServesFrontend(boolean value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, value, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withFrontendConsoleError(boolean value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, value, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withSignupStatus(Integer value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, value,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withDropClaim(String value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    value, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withForgetTasks(boolean value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, value, corsRefuseAll, leakTasksAcrossUsers, latencyMs);
        }

        Variant withCorsRefuseAll(boolean value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, value, leakTasksAcrossUsers, latencyMs);
        }

        Variant withLeakTasksAcrossUsers(boolean value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, value, latencyMs);
        }

        Variant withLatencyMs(int value) {
            return new Variant(envelope, userIdInPath, integerIds, completion, tokenField, validationStatus,
                    authBeforeRouting, apiPrefix, allowedOrigins, servesFrontend, frontendConsoleError, signupStatus,
                    dropClaim, forgetTasks, corsRefuseAll, leakTasksAcrossUsers, value);
        }
    }

    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final long TOKEN_LIFETIME_SECONDS = 86_400;
    private static final Pattern CREATE_A_TASK = Pattern.compile("create a task", Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE_LEAD = Pattern.compile(
            "^(?:\\s|:|-)*(?:(?:to|called|named|titled|for)\\s+)?", Pattern.CASE_INSENSITIVE);

    private final Variant variant;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String secret;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;

    private final Object lock = new Object();
    private final Map<String, User> usersByEmail = new LinkedHashMap<>();
    private final Map<String, StoredTask> tasks = new LinkedHashMap<>();
    private final AtomicLong userIds = new AtomicLong();
    private final AtomicLong taskIds = new AtomicLong();
    private final AtomicLong conversationIds = new AtomicLong();

    private record User(String id, String email, String name, String password) {
    }

    private static final class StoredTask {
        final String id;
        final String ownerId;
        String title;
        String description;
        boolean completed;
        final Instant createdAt;
        Instant updatedAt;

        StoredTask(String id, String ownerId, String title, String description, Instant now) {
            this.id = id;
            this.ownerId = ownerId;
            this.title = title;
            this.description = description;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    /** What one request is answered with. */
    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Reply of(int status, String contentType, String body) {
            return new Reply(status, contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                    new LinkedHashMap<>());
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    /** A request parsed far enough to route it. */
    private record Request(String method, String path, String origin, String authorization, byte[] body) {
    }

    private StandInTaskFlow(Variant variant) throws IOException {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.secret = randomSecret();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(6, runnable -> {
            Thread thread = new Thread(runnable, "stand-in-taskflow-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts a stand-in answering as {@code variant} describes, on a free loopback port. */
    static StandInTaskFlow start(Variant variant) {
        try {
            return new StandInTaskFlow(variant);
        } catch (IOException ex) {
            throw new UncheckedIOException("The stand-in TaskFlow could not start", ex);
        }
    }

    /** The backend's base URL, {@code http://127.0.0.1:PORT}, no trailing slash; the frontend page is at {@code /}. */
    /** Points a panel under test at this stand-in as its {@code production} target, sharing the token secret. */
    void configureAsProduction(org.springframework.test.context.DynamicPropertyRegistry registry,
            java.nio.file.Path workspace) {
        registry.add("panel.pipeline.workspace", workspace::toString);
        registry.add("panel.targets.production.backend-url", () -> baseUrl().toString());
        registry.add("panel.targets.production.frontend-url", () -> baseUrl().toString());
        registry.add("panel.checks.shared-secret", this::secret);
        registry.add("panel.checks.latency-samples", () -> "3");
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** The shared JWT secret (40 random letters and digits); tokens are HS256-signed with its UTF-8 bytes. */
    String secret() {
        return secret;
    }

    /** How many tasks are stored for the user with this email (0 for an unknown email). */
    int taskCount(String email) {
        synchronized (lock) {
            User user = usersByEmail.get(normalize(email));
            if (user == null) {
                return 0;
            }
            return (int) tasks.values().stream().filter(task -> task.ownerId.equals(user.id())).count();
        }
    }

    Variant variant() {
        return variant;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                if (variant.latencyMs() > 0) {
                    Thread.sleep(variant.latencyMs());
                }
                Request request = new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                        exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Origin"),
                        exchange.getRequestHeaders().getFirst("Authorization"), readBody(exchange));
                if ("OPTIONS".equals(request.method()) && request.origin() != null
                        && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null) {
                    reply = preflight(request.origin(),
                            exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers"));
                } else {
                    reply = dispatch(request);
                    if (request.origin() != null && originAllowed(request.origin())) {
                        reply.header("Access-Control-Allow-Origin", request.origin())
                                .header("Access-Control-Allow-Credentials", "true")
                                .header("Vary", "Origin");
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                reply = Reply.of(500, "text/plain; charset=utf-8", "Internal Server Error");
            }
            send(exchange, reply);
        } catch (IOException ignored) {
            // the client went away; nothing to answer
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.contentType() != null && reply.body().length > 0) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        boolean noBody = reply.body().length == 0 || reply.status() == 204 || reply.status() == 304
                || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            exchange.getResponseBody().write(reply.body());
        }
    }

    /** The origin a Variant lists as {@value #SELF} stands for this server's own origin, unknown before it starts. */
    static final String SELF = "self";

    private boolean originAllowed(String origin) {
        return !variant.corsRefuseAll() && (variant.allowedOrigins().contains(origin)
                || (variant.allowedOrigins().contains(SELF) && origin.equals(baseUrl().toString())));
    }

    /** What Starlette's CORSMiddleware answers a preflight with. */
    private Reply preflight(String origin, String requestedHeaders) {
        if (!originAllowed(origin)) {
            return Reply.of(400, "text/plain; charset=utf-8", "Disallowed CORS origin").header("Vary", "Origin");
        }
        String allowHeaders = "Accept, Accept-Language, Authorization, Content-Language, Content-Type";
        if (requestedHeaders != null && !requestedHeaders.isBlank()) {
            allowHeaders = allowHeaders + ", " + requestedHeaders;
        }
        return Reply.of(200, "text/plain; charset=utf-8", "OK")
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
                .header("Access-Control-Allow-Headers", allowHeaders)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin");
    }

    private Reply dispatch(Request request) {
        String path = request.path();
        String method = request.method();
        if ("/health".equals(path)) {
            return "GET".equals(method) ? ok(200, health()) : methodNotAllowed();
        }
        if ("/openapi.json".equals(path)) {
            return "GET".equals(method)
                    ? Reply.of(200, "application/json", json.writeValueAsString(openApi()))
                    : methodNotAllowed();
        }
        if (variant.servesFrontend() && ("/".equals(path) || "/index.html".equals(path))) {
            return "GET".equals(method) ? Reply.of(200, "text/html; charset=utf-8", frontendPage())
                    : methodNotAllowed();
        }
        String prefix = variant.apiPrefix();
        if (path.equals(prefix) || path.startsWith(prefix + "/")) {
            return api(request, path.substring(prefix.length()));
        }
        return notFound();
    }

    private Reply api(Request request, String rest) {
        String method = request.method();
        if (variant.authBeforeRouting() && !"/auth/signup".equals(rest) && !"/auth/login".equals(rest)
                && authenticate(request) == null) {
            return notAuthenticated();
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (segments.size() == 2 && "auth".equals(segments.get(0))) {
            switch (segments.get(1)) {
                case "signup":
                    return "POST".equals(method) ? signup(request) : methodNotAllowed();
                case "login":
                    return "POST".equals(method) ? login(request) : methodNotAllowed();
                case "me":
                    if (!"GET".equals(method)) {
                        return methodNotAllowed();
                    }
                    User me = authenticate(request);
                    return me == null ? notAuthenticated() : ok(200, userJson(me));
                default:
                    return notFound();
            }
        }
        String pathUserId = null;
        if (variant.userIdInPath()) {
            if (segments.isEmpty()) {
                return notFound();
            }
            pathUserId = segments.remove(0);
        }
        String route = route(segments, method);
        if (route == null) {
            return notFound();
        }
        if (route.isEmpty()) {
            return methodNotAllowed();
        }
        User user = authenticate(request);
        if (user == null) {
            return notAuthenticated();
        }
        if (pathUserId != null && !pathUserId.equals(user.id())) {
            return error(403, "Not authorized to access this user's resources");
        }
        String taskId = segments.size() >= 2 ? segments.get(1) : null;
        if (taskId != null && variant.integerIds() && !taskId.matches("\\d{1,18}")) {
            return validation("path", "task_id", "Input should be a valid integer, unable to parse string as an integer",
                    "int_parsing");
        }
        return switch (route) {
            case "list" -> ok(200, listTasks(user));
            case "create" -> createTask(user, request);
            case "read" -> readTask(user, taskId);
            case "update" -> updateTask(user, taskId, request);
            case "delete" -> deleteTask(user, taskId);
            case "complete" -> completeTask(user, taskId, false);
            case "toggle" -> completeTask(user, taskId, true);
            case "chat" -> chat(user, request);
            default -> notFound();
        };
    }

    /** The operation a task or chat path names: null when no route has that path, "" when the method is wrong. */
    private String route(List<String> segments, String method) {
        if (segments.size() == 1 && "chat".equals(segments.get(0))) {
            return "POST".equals(method) ? "chat" : "";
        }
        if (segments.isEmpty() || !"tasks".equals(segments.get(0))) {
            return null;
        }
        if (segments.size() == 1) {
            return switch (method) {
                case "GET" -> "list";
                case "POST" -> "create";
                default -> "";
            };
        }
        if (segments.size() == 2) {
            return switch (method) {
                case "GET" -> "read";
                case "PUT" -> "update";
                case "DELETE" -> "delete";
                default -> "";
            };
        }
        if (segments.size() == 3) {
            String action = segments.get(2);
            boolean known = ("complete".equals(action) && variant.completion() == Completion.PATCH_COMPLETE)
                    || ("toggle".equals(action) && variant.completion() == Completion.PATCH_TOGGLE);
            if (!known) {
                return null;
            }
            return "PATCH".equals(method) ? action : "";
        }
        return null;
    }

    // ---------------------------------------------------------------- auth

    private Reply signup(Request request) {
        JsonNode body = parseObject(request);
        if (body == null) {
            return invalidBody();
        }
        String email = text(body, "email");
        String password = text(body, "password");
        String name = text(body, "name");
        if (email == null || email.isBlank()) {
            return validation("body", "email", "field required", "missing");
        }
        if (!email.contains("@")) {
            return validation("body", "email", "value is not a valid email address", "value_error");
        }
        if (password == null || password.isBlank()) {
            return validation("body", "password", "field required", "missing");
        }
        if (password.length() < 8) {
            return validation("body", "password", "String should have at least 8 characters", "string_too_short");
        }
        Integer override = variant.signupStatus();
        boolean registers = override == null || (override >= 200 && override < 300);
        User user;
        synchronized (lock) {
            if (usersByEmail.containsKey(normalize(email))) {
                return error(400, "Email already registered");
            }
            if (!registers) {
                return error(override, "Signup failed");
            }
            user = new User(nextId(userIds), email.trim(), name == null || name.isBlank() ? email.trim() : name,
                    password);
            usersByEmail.put(normalize(email), user);
        }
        return ok(override == null ? 201 : override, userJson(user));
    }

    private Reply login(Request request) {
        JsonNode body = parseObject(request);
        if (body == null) {
            return invalidBody();
        }
        String email = text(body, "email");
        String password = text(body, "password");
        if (email == null || email.isBlank()) {
            return validation("body", "email", "field required", "missing");
        }
        if (password == null || password.isEmpty()) {
            return validation("body", "password", "field required", "missing");
        }
        User user;
        synchronized (lock) {
            user = usersByEmail.get(normalize(email));
        }
        if (user == null || !user.password().equals(password)) {
            return error(401, "Invalid credentials").header("WWW-Authenticate", "Bearer");
        }
        ObjectNode answer = json.createObjectNode();
        answer.put(variant.tokenField(), issueToken(user));
        answer.put("token_type", "bearer");
        answer.set("user", userJson(user));
        return ok(200, answer);
    }

    private String issueToken(User user) {
        Instant now = Instant.now();
        String drop = variant.dropClaim();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (!"sub".equals(drop)) {
            claims.subject(user.id());
        }
        if (!"email".equals(drop)) {
            claims.claim("email", user.email());
        }
        if (!"iat".equals(drop)) {
            claims.issueTime(Date.from(now));
        }
        if (!"exp".equals(drop)) {
            claims.expirationTime(Date.from(now.plusSeconds(TOKEN_LIFETIME_SECONDS)));
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException("Could not sign a token", ex);
        }
    }

    /** The user a valid bearer token names, or null for a missing, malformed, forged or expired token. */
    private User authenticate(Request request) {
        String header = request.authorization();
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(header.substring(7).trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires != null && !expires.toInstant().isAfter(Instant.now())) {
                return null;
            }
            String subject = claims.getSubject();
            String email = claims.getStringClaim("email");
            synchronized (lock) {
                if (subject != null) {
                    return usersByEmail.values().stream().filter(user -> user.id().equals(subject)).findFirst()
                            .orElse(null);
                }
                return email == null ? null : usersByEmail.get(normalize(email));
            }
        } catch (ParseException | JOSEException | RuntimeException ex) {
            return null;
        }
    }

    // ---------------------------------------------------------------- tasks

    private boolean visibleTo(StoredTask task, User user) {
        return variant.leakTasksAcrossUsers() || task.ownerId.equals(user.id());
    }

    private ArrayNode listTasks(User user) {
        ArrayNode list = json.createArrayNode();
        synchronized (lock) {
            for (StoredTask task : tasks.values()) {
                if (visibleTo(task, user)) {
                    list.add(taskJson(task));
                }
            }
        }
        return list;
    }

    private Reply createTask(User user, Request request) {
        JsonNode body = parseObject(request);
        if (body == null) {
            return invalidBody();
        }
        JsonNode title = body.get("title");
        if (title == null || title.isNull()) {
            return validation("body", "title", "field required", "missing");
        }
        if (!title.isString() || title.stringValue().isBlank()) {
            return validation("body", "title", "String should have at least 1 character", "string_too_short");
        }
        JsonNode description = body.get("description");
        if (description != null && !description.isNull() && !description.isString()) {
            return validation("body", "description", "Input should be a valid string", "string_type");
        }
        StoredTask task = storeTask(user, title.stringValue().trim(),
                description == null || description.isNull() ? null : description.stringValue());
        return ok(201, taskJson(task));
    }

    /** Creates a task for the user; with {@code forgetTasks} it is answered but never stored. */
    private StoredTask storeTask(User user, String title, String description) {
        StoredTask task = new StoredTask(nextId(taskIds), user.id(), title, description, Instant.now());
        if (!variant.forgetTasks()) {
            synchronized (lock) {
                tasks.put(task.id, task);
            }
        }
        return task;
    }

    private Reply readTask(User user, String taskId) {
        synchronized (lock) {
            StoredTask task = tasks.get(taskId);
            if (task == null || !visibleTo(task, user)) {
                return taskNotFound();
            }
            return ok(200, taskJson(task));
        }
    }

    private Reply updateTask(User user, String taskId, Request request) {
        JsonNode body = parseObject(request);
        if (body == null) {
            return invalidBody();
        }
        JsonNode title = body.get("title");
        JsonNode description = body.get("description");
        JsonNode completed = body.get("completed");
        if (title != null && !title.isNull() && (!title.isString() || title.stringValue().isBlank())) {
            return validation("body", "title", "String should have at least 1 character", "string_too_short");
        }
        if (description != null && !description.isNull() && !description.isString()) {
            return validation("body", "description", "Input should be a valid string", "string_type");
        }
        if (completed != null && !completed.isNull() && !completed.isBoolean()) {
            return validation("body", "completed", "Input should be a valid boolean", "bool_type");
        }
        synchronized (lock) {
            StoredTask task = tasks.get(taskId);
            if (task == null || !visibleTo(task, user)) {
                return taskNotFound();
            }
            if (title != null && !title.isNull()) {
                task.title = title.stringValue().trim();
            }
            if (description != null) {
                task.description = description.isNull() ? null : description.stringValue();
            }
            if (completed != null && !completed.isNull()) {
                task.completed = completed.booleanValue();
            }
            task.updatedAt = Instant.now();
            return ok(200, taskJson(task));
        }
    }

    private Reply completeTask(User user, String taskId, boolean toggle) {
        synchronized (lock) {
            StoredTask task = tasks.get(taskId);
            if (task == null || !visibleTo(task, user)) {
                return taskNotFound();
            }
            task.completed = !toggle || !task.completed;
            task.updatedAt = Instant.now();
            return ok(200, taskJson(task));
        }
    }

    private Reply deleteTask(User user, String taskId) {
        synchronized (lock) {
            StoredTask task = tasks.get(taskId);
            if (task == null || !visibleTo(task, user)) {
                return taskNotFound();
            }
            tasks.remove(taskId);
        }
        return Reply.of(204, null, null);
    }

    // ---------------------------------------------------------------- chat

    private Reply chat(User user, Request request) {
        JsonNode body = parseObject(request);
        if (body == null) {
            return invalidBody();
        }
        String message = text(body, "message");
        if (message == null || message.isBlank()) {
            return validation("body", "message", "field required", "missing");
        }
        JsonNode given = body.get("conversation_id");
        String response;
        Matcher create = CREATE_A_TASK.matcher(message);
        if (create.find()) {
            String title = TITLE_LEAD.matcher(message.substring(create.end())).replaceFirst("").trim()
                    .replaceAll("^[\"']+|[\"'.!?]+$", "").trim();
            if (title.isEmpty()) {
                title = "New task";
            }
            storeTask(user, title, null);
            response = "I've created the task \"" + title + "\" for you.";
        } else if (message.toLowerCase(Locale.ROOT).matches("(?s).*\\b(hello|hi|hey)\\b.*")) {
            response = "Hello" + (user.name() == null ? "" : ", " + user.name())
                    + "! I'm the TaskFlow assistant. How can I help you with your tasks today?";
        } else {
            response = "I can help you manage your tasks. Try \"Create a task to ...\".";
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("response", response);
        if (given != null && !given.isNull()) {
            answer.set("conversation_id", given);
        } else {
            putId(answer, "conversation_id", nextId(conversationIds));
        }
        return ok(200, answer);
    }

    // ---------------------------------------------------------------- JSON bodies

    private ObjectNode health() {
        ObjectNode health = json.createObjectNode();
        health.put("status", "healthy");
        return health;
    }

    private ObjectNode userJson(User user) {
        ObjectNode node = json.createObjectNode();
        putId(node, "id", user.id());
        node.put("email", user.email());
        node.put("name", user.name());
        return node;
    }

    private ObjectNode taskJson(StoredTask task) {
        ObjectNode node = json.createObjectNode();
        putId(node, "id", task.id);
        node.put("title", task.title);
        node.put("description", task.description);
        node.put("completed", task.completed);
        node.put("created_at", task.createdAt.toString());
        node.put("updated_at", task.updatedAt.toString());
        return node;
    }

    private void putId(ObjectNode node, String field, String id) {
        if (variant.integerIds()) {
            node.put(field, Long.parseLong(id));
        } else {
            node.put(field, id);
        }
    }

    private String nextId(AtomicLong counter) {
        return variant.integerIds() ? Long.toString(counter.incrementAndGet()) : UUID.randomUUID().toString();
    }

    private JsonNode parseObject(Request request) {
        if (request.body().length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(request.body());
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException ex) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isString() ? null : value.stringValue();
    }

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private Reply ok(int status, JsonNode body) {
        JsonNode answer = body;
        if (variant.envelope()) {
            ObjectNode wrapped = json.createObjectNode();
            wrapped.put("success", true);
            wrapped.set("data", body);
            answer = wrapped;
        }
        return Reply.of(status, "application/json", json.writeValueAsString(answer));
    }

    private Reply error(int status, String detail) {
        ObjectNode answer = json.createObjectNode();
        if (variant.envelope()) {
            answer.put("success", false);
            answer.putObject("error").put("message", detail);
        } else {
            answer.put("detail", detail);
        }
        return Reply.of(status, "application/json", json.writeValueAsString(answer));
    }

    /** A validation failure: 400 with a one-line detail, or 422 with FastAPI's list of errors. */
    private Reply validation(String where, String field, String message, String type) {
        if (variant.validationStatus() == 400) {
            String detail = switch (type) {
                case "missing" -> capitalize(field) + " is required";
                case "string_too_short" -> "password".equals(field)
                        ? "Password must be at least 8 characters" : capitalize(field) + " must not be blank";
                default -> capitalize(field) + ": " + message;
            };
            return error(400, detail);
        }
        ObjectNode answer = json.createObjectNode();
        if (variant.envelope()) {
            answer.put("success", false);
            ObjectNode err = answer.putObject("error");
            err.put("message", where + "." + field + ": " + message);
            ObjectNode item = err.putArray("details").addObject();
            item.putArray("loc").add(where).add(field);
            item.put("msg", message);
            item.put("type", type);
        } else {
            ObjectNode item = answer.putArray("detail").addObject();
            item.putArray("loc").add(where).add(field);
            item.put("msg", message);
            item.put("type", type);
        }
        return Reply.of(422, "application/json", json.writeValueAsString(answer));
    }

    private Reply invalidBody() {
        if (variant.validationStatus() == 400) {
            return error(400, "Request body must be a JSON object");
        }
        return validation("body", "body", "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type");
    }

    private Reply notAuthenticated() {
        return error(401, "Not authenticated").header("WWW-Authenticate", "Bearer");
    }

    private Reply notFound() {
        return error(404, "Not Found");
    }

    private Reply taskNotFound() {
        return error(404, "Task not found");
    }

    private Reply methodNotAllowed() {
        return error(405, "Method Not Allowed");
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String randomSecret() {
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            secret.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }

    // ---------------------------------------------------------------- frontend

    private String frontendPage() {
        String health = baseUrl + "/health";
        StringBuilder script = new StringBuilder();
        script.append("      const status = document.getElementById('status');\n")
                .append("      fetch('").append(health).append("')\n")
                .append("        .then(response => response.json())\n")
                .append("        .then(body => {\n")
                .append("          const health = body.data ? body.data : body;\n")
                .append("          status.textContent = 'Backend: ' + health.status;\n")
                .append("        })\n")
                .append("        .catch(() => { status.textContent = 'Backend unreachable'; });\n");
        if (variant.frontendConsoleError()) {
            script.append("      console.error(\"TaskFlow failed to load tasks\");\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                  <head>
                    <meta charset="utf-8">
                    <title>TaskFlow</title>
                  </head>
                  <body>
                    <h1>TaskFlow</h1>
                    <p id="status">Loading…</p>
                    <script>
                %s    </script>
                  </body>
                </html>
                """.formatted(script);
    }

    // ---------------------------------------------------------------- OpenAPI

    /** A FastAPI-style OpenAPI 3.1 document of exactly this variant's routes. */
    private ObjectNode openApi() {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "TaskFlow API");
        info.put("version", "1.0.0");
        ObjectNode paths = doc.putObject("paths");
        String prefix = variant.apiPrefix();
        String scoped = variant.userIdInPath() ? prefix + "/{user_id}" : prefix;
        String item = scoped + "/tasks/{task_id}";

        operation(paths, "GET", "/health", "health_check", "Health Check", false, null, 200, "HealthResponse", false,
                List.of());
        operation(paths, "POST", prefix + "/auth/signup", "signup", "Signup", false, "UserCreate", 201,
                "UserResponse", false, List.of(400));
        operation(paths, "POST", prefix + "/auth/login", "login", "Login", false, "LoginRequest", 200,
                "TokenResponse", false, List.of(401));
        operation(paths, "GET", prefix + "/auth/me", "read_me", "Read Me", true, null, 200, "UserResponse", false,
                List.of());
        operation(paths, "GET", scoped + "/tasks", "list_tasks", "List Tasks", true, null, 200, "TaskResponse", true,
                List.of());
        operation(paths, "POST", scoped + "/tasks", "create_task", "Create Task", true, "TaskCreate", 201,
                "TaskResponse", false, List.of());
        operation(paths, "GET", item, "get_task", "Get Task", true, null, 200, "TaskResponse", false, List.of(404));
        operation(paths, "PUT", item, "update_task", "Update Task", true, "TaskUpdate", 200, "TaskResponse", false,
                List.of(404));
        operation(paths, "DELETE", item, "delete_task", "Delete Task", true, null, 204, null, false, List.of(404));
        switch (variant.completion()) {
            case PATCH_COMPLETE -> operation(paths, "PATCH", item + "/complete", "complete_task", "Complete Task",
                    true, null, 200, "TaskResponse", false, List.of(404));
            case PATCH_TOGGLE -> operation(paths, "PATCH", item + "/toggle", "toggle_task", "Toggle Task", true,
                    null, 200, "TaskResponse", false, List.of(404));
            case PUT_COMPLETED -> {
                // completion is a field of the PUT body
            }
        }
        operation(paths, "POST", scoped + "/chat", "chat", "Chat", true, "ChatRequest", 200, "ChatResponse", false,
                List.of());

        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        schema(schemas, "HealthResponse", List.of("status"), "status", str());
        schema(schemas, "UserCreate", List.of("email", "password"),
                "email", str("email"), "password", strMin(8), "name", nullable(str()));
        schema(schemas, "UserResponse", List.of("id", "email", "name"), "id", id(), "email", str("email"),
                "name", str());
        schema(schemas, "LoginRequest", List.of("email", "password"), "email", str("email"), "password", str());
        ObjectNode user = json.createObjectNode();
        user.put("$ref", "#/components/schemas/UserResponse");
        schema(schemas, "TokenResponse", List.of(variant.tokenField(), "token_type", "user"),
                variant.tokenField(), str(), "token_type", str(), "user", user);
        schema(schemas, "TaskCreate", List.of("title"), "title", strMin(1), "description", nullable(str()));
        schema(schemas, "TaskUpdate", List.of(), "title", nullable(strMin(1)), "description", nullable(str()),
                "completed", nullable(type("boolean")));
        schema(schemas, "TaskResponse", List.of("id", "title", "description", "completed", "created_at",
                "updated_at"), "id", id(), "title", str(), "description", nullable(str()),
                "completed", type("boolean"), "created_at", str("date-time"), "updated_at", str("date-time"));
        schema(schemas, "ChatRequest", List.of("message"), "message", strMin(1), "conversation_id", nullable(id()));
        schema(schemas, "ChatResponse", List.of("response", "conversation_id"), "response", str(),
                "conversation_id", id());
        ObjectNode detail = json.createObjectNode();
        detail.put("type", "array");
        detail.putObject("items").put("$ref", "#/components/schemas/ValidationError");
        schema(schemas, "HTTPValidationError", List.of(), "detail", detail);
        ObjectNode loc = json.createObjectNode();
        loc.put("type", "array");
        ArrayNode locItems = loc.putObject("items").putArray("anyOf");
        locItems.addObject().put("type", "string");
        locItems.addObject().put("type", "integer");
        schema(schemas, "ValidationError", List.of("loc", "msg", "type"), "loc", loc, "msg", str(), "type", str());
        ObjectNode bearer = components.putObject("securitySchemes").putObject("HTTPBearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        return doc;
    }

    private void operation(ObjectNode paths, String method, String path, String name, String summary,
            boolean secured, String requestSchema, int success, String responseSchema, boolean responseIsList,
            List<Integer> errors) {
        ObjectNode pathItem = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        ObjectNode op = pathItem.putObject(method.toLowerCase(Locale.ROOT));
        op.put("summary", summary);
        op.put("operationId", name + path.replaceAll("\\W", "_") + "_" + method.toLowerCase(Locale.ROOT));
        if (path.contains("{")) {
            ArrayNode parameters = op.putArray("parameters");
            for (String parameter : List.of("user_id", "task_id")) {
                if (path.contains("{" + parameter + "}")) {
                    ObjectNode p = parameters.addObject();
                    p.put("name", parameter);
                    p.put("in", "path");
                    p.put("required", true);
                    ObjectNode schema = id();
                    schema.put("title", titleOf(parameter));
                    p.set("schema", schema);
                }
            }
        }
        if (requestSchema != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            body.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + requestSchema);
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(success));
        ok.put("description", success == 201 ? "Created" : success == 204 ? "No Content" : "Successful Response");
        if (responseSchema != null) {
            ObjectNode ref = json.createObjectNode();
            ref.put("$ref", "#/components/schemas/" + responseSchema);
            JsonNode schema = ref;
            if (responseIsList) {
                ObjectNode list = json.createObjectNode();
                list.put("type", "array");
                list.set("items", ref);
                schema = list;
            }
            ok.putObject("content").putObject("application/json").set("schema", enveloped(schema));
        }
        List<Integer> statuses = new ArrayList<>(errors);
        if (secured) {
            statuses.add(401);
            if (variant.userIdInPath() && path.contains("{user_id}")) {
                statuses.add(403);
            }
        }
        if (requestSchema != null || path.contains("{task_id}")) {
            statuses.add(variant.validationStatus());
        }
        for (int status : statuses.stream().distinct().sorted().toList()) {
            ObjectNode response = responses.putObject(Integer.toString(status));
            response.put("description", switch (status) {
                case 400 -> "Bad Request";
                case 401 -> "Not authenticated";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 422 -> "Validation Error";
                default -> "Error";
            });
            if (status == 422 && !variant.envelope()) {
                response.putObject("content").putObject("application/json").putObject("schema")
                        .put("$ref", "#/components/schemas/HTTPValidationError");
            }
        }
        if (secured) {
            op.putArray("security").addObject().putArray("HTTPBearer");
        }
    }

    private JsonNode enveloped(JsonNode schema) {
        if (!variant.envelope()) {
            return schema;
        }
        ObjectNode wrapper = json.createObjectNode();
        wrapper.put("type", "object");
        ObjectNode properties = wrapper.putObject("properties");
        properties.putObject("success").put("type", "boolean");
        properties.set("data", schema);
        wrapper.putArray("required").add("success").add("data");
        return wrapper;
    }

    private void schema(ObjectNode schemas, String name, List<String> required, Object... properties) {
        ObjectNode schema = schemas.putObject(name);
        ObjectNode props = schema.putObject("properties");
        for (int i = 0; i < properties.length; i += 2) {
            String property = (String) properties[i];
            ObjectNode propertySchema = ((ObjectNode) properties[i + 1]).deepCopy();
            if (!propertySchema.has("$ref")) {
                propertySchema.put("title", titleOf(property));
            }
            props.set(property, propertySchema);
        }
        schema.put("type", "object");
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        schema.put("title", name);
    }

    private ObjectNode type(String type) {
        ObjectNode node = json.createObjectNode();
        node.put("type", type);
        return node;
    }

    private ObjectNode str() {
        return type("string");
    }

    private ObjectNode str(String format) {
        ObjectNode node = type("string");
        node.put("format", format);
        return node;
    }

    private ObjectNode strMin(int minLength) {
        ObjectNode node = type("string");
        node.put("minLength", minLength);
        return node;
    }

    private ObjectNode id() {
        return variant.integerIds() ? type("integer") : str("uuid");
    }

    private ObjectNode nullable(ObjectNode schema) {
        ObjectNode node = json.createObjectNode();
        ArrayNode anyOf = node.putArray("anyOf");
        anyOf.add(schema);
        anyOf.addObject().put("type", "null");
        return node;
    }

    private static String titleOf(String property) {
        StringBuilder title = new StringBuilder();
        for (String word : property.split("_")) {
            if (!title.isEmpty()) {
                title.append(' ');
            }
            title.append(capitalize(word));
        }
        return title.toString();
    }
}
