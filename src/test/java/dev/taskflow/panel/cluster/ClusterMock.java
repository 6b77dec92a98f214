package dev.taskflow.panel.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;

import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.ClusterProperties;
import dev.taskflow.panel.support.MockKubeconfig;
import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fabric8 mock API server in CRUD mode (with expectations for exec, logs and failures), a kubeconfig that points
 * the panel's own {@link ClusterConnection} at it, and builders for the chart's objects. One per test class: register
 * it with {@code @RegisterExtension static final ClusterMock mock = new ClusterMock();}; a class's own
 * {@code @BeforeAll} methods run after it has started.
 */
final class ClusterMock implements BeforeAllCallback, AfterAllCallback {

    static final String NAMESPACE = "test";

    static final String APP = "taskflow";

    // generous timeouts: the mock answers at once, but a loaded CI machine can take seconds to open a WebSocket
    private final ClusterOpsProperties properties = new ClusterOpsProperties(null, "taskflow", Duration.ofMinutes(2),
            Duration.ofMinutes(5), 2048, 2, Duration.ofMillis(50), Duration.ofSeconds(30), 200, 6,
            List.of("BETTER_AUTH_SECRET", "JWT_SECRET"), null);

    private KubernetesMockServer server;

    private NamespacedKubernetesClient client;

    private ClusterConnection connection;

    private ClusterService cluster;

    private Path folder;

    private Path kubeconfig;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        // expectations (exec, logs, failures) answer first; everything else is kept as state, like a real server
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        folder = Files.createTempDirectory("cluster-mock-");
        kubeconfig = MockKubeconfig.write(folder, server.url("/"), NAMESPACE);
        connection = new ClusterConnection(new ClusterProperties(kubeconfig, NAMESPACE, Duration.ofSeconds(30)));
        cluster = new ClusterService(connection, properties, new SecretMasker(), () -> "db.example.neon.tech");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        client.close();
        // the app's context closes the shared client at shutdown; a test has to do it itself
        connection.client().close();
        server.destroy();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The mock itself, for {@code expect()} expectations; they answer before the CRUD store does. */
    KubernetesMockServer server() {
        return server;
    }

    /** A client of the mock, for arranging state and for assertions. */
    NamespacedKubernetesClient client() {
        return client;
    }

    /** The panel's service on the mock, as the app wires it. */
    ClusterService cluster() {
        return cluster;
    }

    ClusterOpsProperties properties() {
        return properties;
    }

    /** The kubeconfig the panel's connection reads. */
    Path kubeconfig() {
        return kubeconfig;
    }

    /** A Deployment and Service of a component as the chart renders them (labels, probe, port). */
    void deploy(String component, int replicas) {
        int port = component.equals("backend") ? 8000 : 3000;
        client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata()
                .withName(APP + "-" + component).withLabels(Map.of("app", APP, "component", component)).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", APP,
                        "component", component)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", APP, "component", component))
                .endMetadata().withNewSpec().addNewContainer().withName(component).withImage(APP + "-" + component
                        + ":1.0.0").addNewPort().withName("http").withContainerPort(port).endPort()
                .addNewEnvFrom().withNewConfigMapRef().withName(APP + "-" + component + "-config").endConfigMapRef()
                .endEnvFrom().addNewEnvFrom().withNewSecretRef().withName(APP + "-" + component + "-secret")
                .endSecretRef().endEnvFrom()
                .withNewReadinessProbe().withNewHttpGet().withPath(component.equals("backend") ? "/health" : "/")
                .withNewPort("http").endHttpGet().endReadinessProbe().endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        var service = new ServiceBuilder().withNewMetadata().withName(APP + "-" + component + "-service")
                .withLabels(Map.of("app", APP, "component", component)).endMetadata().withNewSpec()
                .withType(component.equals("backend") ? "ClusterIP" : "NodePort")
                .withClusterIP(component.equals("backend") ? "10.96.0.20" : "10.96.0.30")
                .withSelector(Map.of("app", APP, "component", component)).addNewPort().withName("http")
                .withPort(port).withNewTargetPort("http");
        if (component.equals("frontend")) {
            service = service.withNodePort(30080);
        }
        client.services().inNamespace(NAMESPACE).resource(service.endPort().endSpec().build()).create();
    }

    /** A pod of a component, created {@code age} ago, Running but not Ready. */
    Pod pod(String name, String component, Duration age) {
        int port = component.equals("backend") ? 8000 : 3000;
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withLabels(Map.of("app", APP, "component", component))
                .withCreationTimestamp(Instant.now().minus(age).toString()).endMetadata()
                .withNewSpec().withNodeName("minikube").addNewContainer().withName(component)
                .withImage(APP + "-" + component + ":1.0.0").addNewPort().withName("http").withContainerPort(port)
                .endPort().withNewReadinessProbe().withNewHttpGet().withPath(component.equals("backend") ? "/health"
                        : "/").withNewPort(port).endHttpGet().endReadinessProbe()
                .withNewResources().addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("512Mi"))
                .endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build(),
                        new PodConditionBuilder().withType("Ready").withStatus("False").build())
                .withContainerStatuses(new ContainerStatusBuilder().withName(component).withReady(false)
                        .withRestartCount(0).withImage(APP + "-" + component + ":1.0.0").withNewState().withNewRunning()
                        .withStartedAt(Instant.now().minus(age).toString()).endRunning().endState().build())
                .endStatus().build();
        return client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    /** The same pod, created and immediately marked Ready {@code startup} after creation. */
    Pod readyPod(String name, String component, Duration age, Duration startup) {
        Pod pod = pod(name, component, age);
        return markReady(name, ClusterService.instant(pod.getMetadata().getCreationTimestamp()).plus(startup));
    }

    Pod markReady(String name, Instant at) {
        return client.pods().inNamespace(NAMESPACE).withName(name).editStatus(pod -> {
            pod.getStatus().getConditions().removeIf(condition -> condition.getType().equals("Ready"));
            pod.getStatus().getConditions().add(new PodConditionBuilder().withType("Ready").withStatus("True")
                    .withLastTransitionTime(at.toString()).build());
            pod.getStatus().getContainerStatuses().get(0).setReady(true);
            return pod;
        });
    }

    void event(String object, String type, String reason, String message, int count) {
        client.v1().events().inNamespace(NAMESPACE).resource(new EventBuilder().withNewMetadata()
                .withName(object + "." + reason.toLowerCase() + "." + System.nanoTime()).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName(object).withNamespace(NAMESPACE)
                .endInvolvedObject().withType(type).withReason(reason).withMessage(message).withCount(count)
                .withLastTimestamp(Instant.now().toString()).build()).create();
    }

    /** An exec in a pod's container that prints {@code stdout} and exits with {@code exit}. */
    void exec(String pod, String container, List<String> argv, String stdout, int exit) {
        StringBuilder path = new StringBuilder("/api/v1/namespaces/" + NAMESPACE + "/pods/" + pod + "/exec?");
        for (String arg : argv) {
            path.append("command=").append(encode(arg)).append('&');
        }
        path.append("container=").append(container).append("&stdout=true&stderr=true");
        var open = server.expect().get().withPath(path.toString()).andUpgradeToWebSocket().open();
        var messages = stdout.isEmpty() ? open.waitFor(10).andEmit(new StatusStreamMessage(exit))
                : open.waitFor(10).andEmit(new OutputStreamMessage(stdout)).waitFor(10)
                        .andEmit(new StatusStreamMessage(exit));
        messages.done().always();
    }

    /** The current log of a pod's container ({@code tailLines} as the panel asks). */
    void log(String pod, String container, int tailLines, String text, boolean previous) {
        server.expect().get().withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/" + pod + "/log?pretty=false"
                + "&container=" + container + (previous ? "&previous=true" : "") + "&tailLines=" + tailLines)
                .andReturn(200, text).always();
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
