package dev.taskflow.panel.release;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.SimpleRequest;

/**
 * Puts in front of fabric8's CRUD mock the API-server behaviours that Helm's Go client needs and the mock leaves out:
 * a version, discovery, an OpenAPI index saying fields are validated on the server, JSON content types, Secrets sent
 * as protobuf, typed list kinds, AlreadyExists conflicts, strategic merge patches and watches over plain HTTP. Each
 * rule in {@link #answer} says why it exists. Failures queued with {@link #failNext} and expectations recorded with
 * the server's {@code expect()} answer before any rule.
 */
final class HelmCompatibleDispatcher extends Dispatcher {

    /** What the mock serves as a cluster: one resource type per row, enough for ordinary application charts. */
    record ResourceType(String groupVersion, String plural, String kind, boolean namespaced) {
    }

    static final List<ResourceType> RESOURCE_TYPES = List.of(
            new ResourceType("v1", "namespaces", "Namespace", false),
            new ResourceType("v1", "pods", "Pod", true),
            new ResourceType("v1", "services", "Service", true),
            new ResourceType("v1", "configmaps", "ConfigMap", true),
            new ResourceType("v1", "secrets", "Secret", true),
            new ResourceType("v1", "serviceaccounts", "ServiceAccount", true),
            new ResourceType("v1", "persistentvolumeclaims", "PersistentVolumeClaim", true),
            new ResourceType("v1", "endpoints", "Endpoints", true),
            new ResourceType("v1", "events", "Event", true),
            new ResourceType("apps/v1", "deployments", "Deployment", true),
            new ResourceType("apps/v1", "replicasets", "ReplicaSet", true),
            new ResourceType("apps/v1", "statefulsets", "StatefulSet", true),
            new ResourceType("apps/v1", "daemonsets", "DaemonSet", true),
            new ResourceType("batch/v1", "jobs", "Job", true),
            new ResourceType("batch/v1", "cronjobs", "CronJob", true),
            new ResourceType("networking.k8s.io/v1", "ingresses", "Ingress", true),
            new ResourceType("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true),
            new ResourceType("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
            new ResourceType("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
            new ResourceType("rbac.authorization.k8s.io/v1", "roles", "Role", true),
            new ResourceType("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true));

    private static final String JSON = "application/json";

    private static final Duration WATCH_PAUSE = Duration.ofMillis(300);

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;

    private final KubernetesMixedDispatcher crud;

    private final Queue<InjectedFailure> failures = new ConcurrentLinkedQueue<>();

    private final String kubernetesVersion;

    HelmCompatibleDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, String kubernetesVersion) {
        this.expectations = expectations;
        this.crud = new KubernetesMixedDispatcher(expectations);
        this.kubernetesVersion = kubernetesVersion;
    }

    private record InjectedFailure(String method, String path, int status, String message) {
    }

    /** Answers the next request with this method and path (query left out) with a Kubernetes error status. */
    void failNext(String method, String path, int status, String message) {
        failures.add(new InjectedFailure(method, path, status, message));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return answer(request);
        }
        catch (RuntimeException ex) {
            // an exception here would leave the request unanswered and Helm waiting on it for good
            return json(500, status(500, "The Helm mock failed on " + request.getMethod() + " " + request.getPath()
                    + ": " + ex));
        }
    }

    private MockResponse answer(RecordedRequest received) {
        RecordedRequest request = withJsonBody(received);
        String path = pathOf(request);
        Optional<InjectedFailure> failure = takeFailure(request.getMethod(), path);
        if (failure.isPresent()) {
            return json(failure.get().status(), status(failure.get().status(), failure.get().message()));
        }
        if (hasExpectation(request)) {
            return withJsonContentType(crud.dispatch(request));
        }
        if (request.method() == HttpMethod.GET) {
            Optional<MockResponse> discovery = discovery(path);
            if (discovery.isPresent()) {
                return discovery.get();
            }
            if (isHttpWatch(request)) {
                return watchOnce(request, path);
            }
            return withJsonContentType(typedList(path, crud.dispatch(request)));
        }
        if (request.method() == HttpMethod.PATCH && isMergePatch(request)) {
            return patchAsUpdate(request);
        }
        if (request.method() == HttpMethod.POST) {
            return withJsonContentType(alreadyExists(crud.dispatch(request)));
        }
        return withJsonContentType(crud.dispatch(request));
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    @Override
    public void releaseResources() {
        crud.releaseResources();
    }

    // Helm writes its release records through Go's typed client, which sends protobuf; the store only reads JSON
    private static RecordedRequest withJsonBody(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith(KubernetesProtobuf.CONTENT_TYPE)) {
            return request;
        }
        // a delete's body holds only delete options, which the store ignores
        String json = request.method() == HttpMethod.DELETE ? ""
                : Serialization.asJson(KubernetesProtobuf.secretAsJson(request.getBody().getBytes()));
        Headers headers = request.getHeaders().newBuilder().set("Content-Type", JSON).build();
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers,
                new Buffer().writeUtf8(json));
    }

    private Optional<InjectedFailure> takeFailure(String method, String path) {
        for (InjectedFailure failure : failures) {
            if (failure.method().equalsIgnoreCase(method) && failure.path().equals(path) && failures.remove(failure)) {
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }

    private boolean hasExpectation(RecordedRequest request) {
        Queue<ServerResponse> queue = expectations.get(new SimpleRequest(request.method(), request.getPath()));
        Queue<ServerResponse> anyMethod = expectations.get(new SimpleRequest(request.getPath()));
        return (queue != null && !queue.isEmpty()) || (anyMethod != null && !anyMethod.isEmpty());
    }

    // Helm builds its REST mapper from discovery and reads the server version before every install; the mock serves
    // neither, so they are answered from the resource table (legacy discovery: Go's client falls back to it when the
    // answer is plain JSON rather than an aggregated discovery document)
    private Optional<MockResponse> discovery(String path) {
        return Optional.ofNullable(switch (path) {
            case "/version" -> json(200, version());
            case "/api" -> json(200, Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of()));
            case "/apis" -> json(200, groupList());
            case "/openapi/v3" -> json(200, openApiRoot());
            case "/openapi/v2" -> json(404, status(404, "the Helm mock serves OpenAPI v3 only"));
            default -> discoveryOfGroupVersion(path);
        });
    }

    private static MockResponse discoveryOfGroupVersion(String path) {
        if (path.startsWith("/openapi/v3/")) {
            String groupVersion = groupVersionOfDiscoveryPath(path.substring("/openapi/v3".length()));
            return groupVersions().contains(groupVersion) ? json(200, openApiSpec(groupVersion)) : null;
        }
        String groupVersion = groupVersionOfDiscoveryPath(path);
        return groupVersions().contains(groupVersion) ? json(200, resourceList(groupVersion)) : null;
    }

    // Helm validates manifests on the client unless the server says it validates fields itself; this index and the
    // per-group documents below say exactly that (a fieldValidation parameter on every PATCH), as any API server
    // since Kubernetes 1.27 does, so install, upgrade, test and createNamespace need no disableOpenApiValidation()
    private static Map<String, Object> openApiRoot() {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (String groupVersion : groupVersions()) {
            String prefix = apiPrefix(groupVersion).substring(1);
            paths.put(prefix, Map.of("serverRelativeURL", "/openapi/v3/" + prefix + "?hash=mock"));
        }
        return Map.of("paths", paths);
    }

    private static Map<String, Object> openApiSpec(String groupVersion) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ResourceType type : RESOURCE_TYPES) {
            if (type.groupVersion().equals(groupVersion)) {
                String[] parts = groupVersion.contains("/") ? groupVersion.split("/") : new String[] { "", groupVersion };
                Map<String, Object> patch = Map.of(
                        "x-kubernetes-group-version-kind", Map.of("group", parts[0], "version", parts[1], "kind",
                                type.kind()),
                        "parameters", List.of(Map.of("name", "fieldValidation", "in", "query",
                                "schema", Map.of("type", "string"))),
                        "responses", Map.of("200", Map.of("description", "OK")));
                String namespace = type.namespaced() ? "/namespaces/{namespace}" : "";
                paths.put(apiPrefix(groupVersion) + namespace + "/" + type.plural() + "/{name}",
                        Map.of("patch", patch));
            }
        }
        return Map.of("openapi", "3.0.0", "info", Map.of("title", "Kubernetes", "version", "mock"), "paths", paths);
    }

    private static String apiPrefix(String groupVersion) {
        return groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
    }

    private Map<String, Object> version() {
        String[] parts = kubernetesVersion.replaceFirst("^v", "").split("\\.");
        return Map.of("major", parts[0], "minor", parts[1], "gitVersion", kubernetesVersion, "gitCommit", "mock",
                "gitTreeState", "clean", "buildDate", "2026-01-01T00:00:00Z", "goVersion", "go1.25",
                "compiler", "gc", "platform", "linux/amd64");
    }

    private static String groupVersionOfDiscoveryPath(String path) {
        if (path.equals("/api/v1")) {
            return "v1";
        }
        String[] segments = path.split("/");
        return segments.length == 4 && segments[1].equals("apis") ? segments[2] + "/" + segments[3] : "";
    }

    private static List<String> groupVersions() {
        return RESOURCE_TYPES.stream().map(ResourceType::groupVersion).distinct().toList();
    }

    private static Map<String, Object> groupList() {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (String groupVersion : groupVersions()) {
            if (groupVersion.contains("/")) {
                String[] parts = groupVersion.split("/");
                Map<String, String> version = Map.of("groupVersion", groupVersion, "version", parts[1]);
                groups.add(Map.of("name", parts[0], "versions", List.of(version), "preferredVersion", version));
            }
        }
        return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    private static Map<String, Object> resourceList(String groupVersion) {
        List<Map<String, Object>> resources = RESOURCE_TYPES.stream()
                .filter(type -> type.groupVersion().equals(groupVersion))
                .map(type -> Map.<String, Object>of("name", type.plural(), "singularName",
                        type.kind().toLowerCase(), "namespaced", type.namespaced(), "kind", type.kind(), "verbs",
                        List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")))
                .toList();
        return Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources",
                resources);
    }

    // The CRUD mock answers every collection with kind "List"; Go's typed clients (Helm keeps its release records
    // with one) refuse to decode that into a SecretList, so the kind is set from the path
    private static MockResponse typedList(String path, MockResponse response) {
        Optional<ResourceType> type = collectionType(path);
        if (type.isEmpty() || response.code() != 200 || response.getBody() == null) {
            return response;
        }
        JsonNode body = read(text(response));
        if (body instanceof ObjectNode list && "List".equals(list.path("kind").asText())) {
            list.put("kind", type.get().kind() + "List");
            list.put("apiVersion", type.get().groupVersion());
            response.setBody(Serialization.asJson(list));
        }
        return response;
    }

    private static Optional<ResourceType> collectionType(String path) {
        String[] segments = path.substring(1).split("/");
        int start = segments[0].equals("api") ? 2 : 3;
        if (segments.length <= start || !(segments[0].equals("api") || segments[0].equals("apis"))) {
            return Optional.empty();
        }
        String groupVersion = start == 2 ? segments[1] : segments[1] + "/" + segments[2];
        int rest = segments.length - start;
        boolean namespacedCollection = rest == 3 && segments[start].equals("namespaces");
        if (rest != 1 && !namespacedCollection) {
            return Optional.empty();
        }
        String plural = segments[segments.length - 1];
        return RESOURCE_TYPES.stream()
                .filter(type -> type.groupVersion().equals(groupVersion) && type.plural().equals(plural))
                .findFirst();
    }

    // The mock reports a duplicate create as 409 "Invalid"; Go's client (and so Helm's createNamespace, which
    // tolerates an existing namespace) recognises it only by the reason an API server gives, "AlreadyExists"
    private static MockResponse alreadyExists(MockResponse response) {
        if (response.code() == 409 && response.getBody() != null
                && read(text(response)) instanceof ObjectNode status) {
            status.put("reason", "AlreadyExists");
            response.setBody(Serialization.asJson(status));
        }
        return response;
    }

    private static boolean isHttpWatch(RecordedRequest request) {
        String query = Optional.ofNullable(URI.create(request.getPath()).getRawQuery()).orElse("");
        return request.getHeader("Upgrade") == null && List.of(query.split("&")).contains("watch=true");
    }

    // The mock streams watches over WebSockets only, and Go's client watches over a plain HTTP stream (Helm does so
    // while a test hook runs). Each watch is answered with the matching objects as events and then closed, after a
    // pause: the client reconnects, so it sees changes within about that pause, as if polling
    private MockResponse watchOnce(RecordedRequest request, String path) {
        URI uri = URI.create(request.getPath());
        List<String> kept = new ArrayList<>();
        boolean initialEvents = false;
        for (String parameter : Optional.ofNullable(uri.getRawQuery()).orElse("").split("&")) {
            initialEvents |= parameter.equals("sendInitialEvents=true");
            if (parameter.startsWith("labelSelector=") || parameter.startsWith("fieldSelector=")) {
                kept.add(parameter);
            }
        }
        String listPath = path + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        MockResponse list = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, listPath,
                request.getHeaders(), new Buffer()));
        JsonNode body = read(text(list));
        StringBuilder events = new StringBuilder();
        body.path("items").forEach(item -> events.append(event("ADDED", item)));
        if (initialEvents) {
            events.append(event("BOOKMARK", initialEventsEnd(path, body.path("metadata").path("resourceVersion"))));
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", JSON).setBody(events.toString())
                .setBodyDelay(WATCH_PAUSE);
    }

    private static String event(String type, Object object) {
        return Serialization.asJson(Map.of("type", type, "object", object)) + "\n";
    }

    // A client that asked for initial events waits for this bookmark before it trusts what it was sent
    private static Map<String, Object> initialEventsEnd(String path, JsonNode resourceVersion) {
        ResourceType type = collectionType(path).orElseThrow();
        return Map.of("kind", type.kind(), "apiVersion", type.groupVersion(), "metadata",
                Map.of("resourceVersion", resourceVersion.asText(), "annotations",
                        Map.of("k8s.io/initial-events-end", "true")));
    }

    private static boolean isMergePatch(RecordedRequest request) {
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        return contentType.startsWith("application/strategic-merge-patch+json")
                || contentType.startsWith("application/merge-patch+json");
    }

    // Helm patches typed objects with strategic merge patches, which the mock rejects (415), and the mock's own
    // merge patch appends to lists and stores nulls instead of removing fields; both kinds are applied here and
    // stored with a plain update
    private MockResponse patchAsUpdate(RecordedRequest request) {
        MockResponse current = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET,
                request.getPath(), request.getHeaders(), new Buffer()));
        if (current.code() != 200) {
            return withJsonContentType(current);
        }
        boolean strategic = request.getHeader("Content-Type").startsWith("application/strategic-merge-patch+json");
        JsonNode patched = StrategicMerge.apply(read(text(current)), read(request.getUtf8Body()), strategic);
        MockResponse updated = crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT,
                request.getPath(), request.getHeaders(), new Buffer().writeUtf8(Serialization.asJson(patched))));
        return withJsonContentType(updated);
    }

    // Go's REST client decodes a body by its Content-Type and falls back to protobuf, which Helm asks for first; the
    // mock sends none, so JSON is said explicitly
    private static MockResponse withJsonContentType(MockResponse response) {
        if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
            response.setHeader("Content-Type", JSON);
        }
        return response;
    }

    private static MockResponse json(int status, Object body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", JSON)
                .setBody(Serialization.asJson(body));
    }

    private static Map<String, Object> status(int code, String message) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason(code));
        status.put("code", code);
        return status;
    }

    private static String reason(int code) {
        return switch (code) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
    }

    private static String pathOf(RecordedRequest request) {
        return URI.create(request.getPath()).getRawPath();
    }

    // Buffer.readUtf8() empties the buffer; a response that is looked at but left alone must keep its body
    private static String text(MockResponse response) {
        return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static JsonNode read(String json) {
        try {
            return Serialization.jsonMapper().readTree(json);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("The mock received JSON it cannot read: " + ex.getMessage(), ex);
        }
    }
}
