package dev.taskflow.panel.logs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskflow.panel.support.MockKubeconfig;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A KubernetesMockServer in CRUD mode (pods, namespaces, watches) that also serves pod logs the way the API server
 * does, which CRUD mode does not: container, timestamps, tailLines, sinceTime (whole seconds, as the API server
 * reads it), sinceSeconds and previous, with 404 for a pod it has no log for and 400 for an unknown container. A
 * followed log is sent as far as it goes and then ends, so a reader sees each response end and reconnects.
 */
final class LogsMockCluster implements AutoCloseable {

    private static final Pattern LOG_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log(?:\\?(.*))?");

    private final KubernetesMockServer server;

    private final KubernetesClient client;

    private final String namespace;

    private final Map<String, Map<String, List<String>>> logs = new ConcurrentHashMap<>();

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    private final List<String> logRequests = new CopyOnWriteArrayList<>();

    private Instant clock = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);

    private LogsMockCluster(String namespace) {
        this.namespace = namespace;
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Matcher log = LOG_PATH.matcher(request.getPath());
                return log.matches() ? log(log.group(2), query(log.group(3))) : crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                dispatcher, false);
        server.init();
        client = server.createClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
    }

    static LogsMockCluster start(String namespace) {
        return new LogsMockCluster(namespace);
    }

    /**
     * Starts a cluster for a panel under test from a {@code @DynamicPropertySource} method: the panel reads its
     * kubeconfig, works in this namespace and keeps its workspace in {@code folder}. Close it after the class.
     */
    static LogsMockCluster startForPanel(String namespace, Path folder, DynamicPropertyRegistry registry) {
        LogsMockCluster cluster = start(namespace);
        Path kubeconfig = cluster.writeKubeconfig(folder);
        registry.add("panel.cluster.kubeconfig", kubeconfig::toString);
        registry.add("panel.cluster.namespace", () -> namespace);
        registry.add("panel.pipeline.workspace", () -> folder.resolve("workspace").toString());
        return cluster;
    }

    KubernetesClient client() {
        return client;
    }

    /** A kubeconfig for the panel that points at this server. */
    Path writeKubeconfig(Path folder) {
        return MockKubeconfig.write(folder, server.url("/"), "default");
    }

    /** A running pod with these labels whose containers have started. */
    Pod runPod(String name, Map<String, String> labels, String... containers) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewSpec().endSpec();
        for (String container : containers) {
            pod.editSpec().addNewContainer().withName(container).withImage("taskflow-" + container + ":test")
                    .endContainer().endSpec();
        }
        pod.withNewStatus().withPhase("Running").endStatus();
        for (String container : containers) {
            pod.editStatus().addToContainerStatuses(new ContainerStatusBuilder().withName(container).withReady(true)
                    .withRestartCount(0).withNewState().withNewRunning().withStartedAt(clock.toString()).endRunning()
                    .endState().build()).endStatus();
            logs.computeIfAbsent(name, key -> new LinkedHashMap<>()).computeIfAbsent(container,
                    key -> new CopyOnWriteArrayList<>());
        }
        return client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    void deletePod(String name) {
        client.pods().inNamespace(namespace).withName(name).delete();
        logs.remove(name);
    }

    /** Adds lines to a container's log, each a millisecond after the one before. */
    synchronized void append(String pod, String container, String... lines) {
        List<String> log = logs.get(pod).get(container);
        for (String line : lines) {
            clock = clock.plusMillis(1);
            log.add(clock + " " + line);
        }
    }

    /** The next log requests for the pod answer 500. */
    void failNext(String pod, int times) {
        failures.put(pod, times);
    }

    List<String> logRequests() {
        return logRequests;
    }

    private MockResponse log(String pod, Map<String, String> query) {
        logRequests.add(pod + " " + query);
        if (takeFailure(pod)) {
            return status(500, "InternalError", "etcdserver: request timed out");
        }
        Map<String, List<String>> containers = logs.get(pod);
        if (containers == null) {
            return status(404, "NotFound", "pods \"" + pod + "\" not found");
        }
        String container = query.getOrDefault("container", containers.keySet().iterator().next());
        List<String> lines = containers.get(container);
        if (lines == null) {
            return status(400, "BadRequest", "container " + container + " is not valid for pod " + pod);
        }
        if ("true".equals(query.get("previous"))) {
            return status(400, "BadRequest", "previous terminated container \"" + container + "\" in pod \"" + pod
                    + "\" not found");
        }
        List<String> selected = new ArrayList<>(lines);
        if (query.containsKey("sinceTime")) {
            Instant since = Instant.parse(query.get("sinceTime")).truncatedTo(ChronoUnit.SECONDS);
            selected.removeIf(line -> Instant.parse(line.substring(0, line.indexOf(' '))).isBefore(since));
        }
        if (query.containsKey("tailLines")) {
            int tail = Integer.parseInt(query.get("tailLines"));
            selected = new ArrayList<>(selected.subList(Math.max(0, selected.size() - tail), selected.size()));
        }
        boolean timestamps = "true".equals(query.get("timestamps"));
        StringBuilder body = new StringBuilder();
        selected.forEach(line -> body.append(timestamps ? line : line.substring(line.indexOf(' ') + 1)).append('\n'));
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(body.toString());
    }

    private synchronized boolean takeFailure(String pod) {
        Integer left = failures.get(pod);
        if (left == null) {
            return false;
        }
        if (left <= 1) {
            failures.remove(pod);
        }
        else {
            failures.put(pod, left - 1);
        }
        return true;
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"%s","reason":"%s","code":%d}"""
                .formatted(message.replace("\"", "\\\""), reason, code));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
