package dev.taskflow.panel.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.taskflow.panel.support.MockKubeconfig;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh fabric8 KubernetesMockServer (CRUD mode) that embedded Helm can install into, with a kubeconfig pointing
 * at it. Register it with {@code @RegisterExtension} for one cluster per test, or use {@link #start()} in a
 * try-with-resources block. The mock runs no controllers: {@link #actAsControllers} plays their part when a test
 * needs workloads to look ready.
 */
final class HelmMockCluster implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** The context the kubeconfig names; Helm and the fabric8 client both use it. */
    static final String CONTEXT = MockKubeconfig.CONTEXT;

    static final String NAMESPACE = "default";

    /** The version the mock reports; keep it in step with the major and minor given to the server below. */
    static final String KUBERNETES_VERSION = "v1.33.0";

    // The mock logs every request at INFO; held here because the JDK keeps loggers only weakly
    private static final Logger MOCK_LOG = quiet(Logger.getLogger(MockWebServer.class.getName()));

    private KubernetesMockServer server;

    private HelmCompatibleDispatcher dispatcher;

    private Path folder;

    private Path kubeconfig;

    private KubernetesClient client;

    private ScheduledExecutorService controllers;

    private final AtomicInteger clusterIps = new AtomicInteger(1);

    private volatile String testPodPhase = "Succeeded";

    /** Starts a cluster outside JUnit's lifecycle; close it when done. */
    static HelmMockCluster start() {
        HelmMockCluster cluster = new HelmMockCluster();
        cluster.open();
        return cluster;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** The kubeconfig file to hand to Helm ({@code withKubeConfig}) or to the code under test. */
    Path kubeconfig() {
        return kubeconfig;
    }

    /** A client on the same kubeconfig, for assertions and for changing state behind Helm's back. */
    KubernetesClient client() {
        return client;
    }

    /** The API server's address, e.g. {@code http://localhost:40123}. */
    String url() {
        return "http://localhost:" + server.getPort();
    }

    /** The mock itself, for {@code expect()} expectations; they answer before the CRUD store does. */
    KubernetesMockServer server() {
        return server;
    }

    /**
     * Makes the next request with this method to this path (without query) answer with a Kubernetes error status,
     * e.g. {@code failNext("POST", "/api/v1/namespaces/default/secrets", 500, "etcd is down")}.
     */
    void failNext(String method, String path, int status, String message) {
        dispatcher.failNext(method, path, status, message);
    }

    /**
     * Does once what the missing controllers and kubelets would, as far as Helm looks: every Deployment gets a ready
     * ReplicaSet for its current template and a ready status, every Service a cluster IP, every Helm test Pod the
     * phase set by {@link #testPodsEndIn} and every other Pod a Running, Ready status.
     */
    void actAsControllers(String namespace) {
        client.apps().deployments().inNamespace(namespace).list().getItems()
                .forEach(deployment -> rollOut(namespace, deployment));
        client.services().inNamespace(namespace).list().getItems().stream()
                .filter(service -> service.getSpec().getClusterIP() == null)
                .forEach(service -> assignClusterIp(namespace, service));
        client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(pod -> pod.getStatus() == null || pod.getStatus().getPhase() == null)
                .forEach(pod -> run(namespace, pod));
    }

    /** Acts as the controllers every so often in the background until the cluster closes, as a cluster would. */
    void actAsControllersContinuously(String namespace, Duration every) {
        if (controllers == null) {
            controllers = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mock-controllers");
                thread.setDaemon(true);
                return thread;
            });
        }
        controllers.scheduleWithFixedDelay(() -> actAsControllersQuietly(namespace), 0, every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The phase Helm test Pods reach when the controllers act: "Succeeded" unless a test wants a failing one. */
    void testPodsEndIn(String phase) {
        testPodPhase = phase;
    }

    @Override
    public void close() {
        if (controllers != null) {
            controllers.shutdownNow();
            controllers = null;
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
        deleteFolder();
    }

    private void open() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        dispatcher = new HelmCompatibleDispatcher(expectations, KUBERNETES_VERSION);
        // plain HTTP: Helm would otherwise need the mock's self-signed certificate or insecure-skip-tls-verify
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations,
                dispatcher, false);
        // the mock answers a bare /version itself (0.0 by default); the dispatcher answers it with any query string
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("33")
                .withGitVersion(KUBERNETES_VERSION).withPlatform("linux/amd64").build());
        server.init();
        try {
            folder = Files.createTempDirectory("helm-mock-cluster-");
            kubeconfig = MockKubeconfig.write(folder, url(), NAMESPACE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(CONTEXT, readKubeconfig(), null))
                .build();
    }

    private String readKubeconfig() {
        try {
            return Files.readString(kubeconfig);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void rollOut(String namespace, Deployment deployment) {
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(set -> isOwnedBy(set, deployment))
                .toList();
        java.util.Optional<ReplicaSet> current = owned.stream()
                .filter(set -> set.getSpec().getTemplate().equals(deployment.getSpec().getTemplate())).findFirst();
        if (current.isEmpty()) {
            client.apps().replicaSets().inNamespace(namespace).resource(replicaSetFor(deployment, replicas)).create();
        }
        else if (!Integer.valueOf(replicas).equals(current.get().getStatus().getReadyReplicas())) {
            // a scaled Deployment keeps its ReplicaSet, which then has the new number of ready pods; the update
            // raises its generation, and Helm waits until the status says that generation was observed
            ReplicaSet scaled = client.apps().replicaSets().inNamespace(namespace)
                    .resource(replicaSetFor(deployment, replicas)).update();
            client.apps().replicaSets().inNamespace(namespace).withName(scaled.getMetadata().getName())
                    .editStatus(live -> {
                        live.getStatus().setObservedGeneration(live.getMetadata().getGeneration());
                        return live;
                    });
        }
        client.apps().deployments().inNamespace(namespace).withName(deployment.getMetadata().getName())
                .editStatus(live -> {
                    live.setStatus(new DeploymentStatusBuilder()
                            .withObservedGeneration(live.getMetadata().getGeneration())
                            .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                            .withAvailableReplicas(replicas)
                            .withConditions(new DeploymentConditionBuilder().withType("Available")
                                    .withStatus("True").withReason("MinimumReplicasAvailable").build(),
                                    new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                                            .withReason("NewReplicaSetAvailable").build())
                            .build());
                    return live;
                });
    }

    // Helm finds a Deployment's new ReplicaSet by controller owner and by a template equal to the Deployment's
    private static ReplicaSet replicaSetFor(Deployment deployment, int replicas) {
        // the owner's uid in the name: a reinstalled Deployment must not collide with its predecessor's ReplicaSet
        String name = deployment.getMetadata().getName() + "-"
                + Integer.toHexString(deployment.getSpec().getTemplate().hashCode()) + "-"
                + deployment.getMetadata().getUid().substring(deployment.getMetadata().getUid().length() - 5);
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withLabels(deployment.getSpec().getTemplate().getMetadata()
                        .getLabels())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                        .withController(true).build())
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(deployment.getSpec().getSelector())
                .withTemplate(deployment.getSpec().getTemplate()).endSpec()
                .withStatus(new ReplicaSetStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                        .withAvailableReplicas(replicas).withFullyLabeledReplicas(replicas)
                        .withObservedGeneration(1L).build())
                .build();
    }

    private static boolean isOwnedBy(ReplicaSet set, Deployment deployment) {
        return set.getMetadata().getOwnerReferences().stream()
                .anyMatch(owner -> Boolean.TRUE.equals(owner.getController())
                        && owner.getUid().equals(deployment.getMetadata().getUid()));
    }

    private void assignClusterIp(String namespace, Service service) {
        String ip = "10.96.0." + clusterIps.incrementAndGet();
        client.services().inNamespace(namespace).withName(service.getMetadata().getName()).edit(live -> {
            live.getSpec().setClusterIP(ip);
            live.getSpec().setClusterIPs(List.of(ip));
            return live;
        });
    }

    private void run(String namespace, Pod pod) {
        boolean testHook = pod.getMetadata().getAnnotations().getOrDefault("helm.sh/hook", "").contains("test");
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(live -> {
            live.setStatus(testHook ? new PodStatusBuilder().withPhase(testPodPhase).build()
                    : new PodStatusBuilder().withPhase("Running").withConditions(new PodConditionBuilder()
                            .withType("Ready").withStatus("True").build()).build());
            return live;
        });
    }

    // A background pass may meet an object Helm is replacing at that moment; the next pass picks it up
    private void actAsControllersQuietly(String namespace) {
        try {
            actAsControllers(namespace);
        }
        catch (RuntimeException ex) {
            // the next pass retries
        }
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private void deleteFolder() {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        folder = null;
    }
}
