package dev.taskflow.panel.cluster;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.secrets.SecretsFile;
import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cluster capability's entry point: the app's pods, Events, Deployments and Services found by their
 * {@code app} and {@code component} labels, and the topology picture built from them. Everything it hands out is
 * the panel's own records; fabric8 models stay inside this package.
 */
@org.springframework.stereotype.Service
public class ClusterService {

    static final List<String> COMPONENTS = List.of("backend", "frontend");

    private final ClusterConnection connection;

    private final ClusterOpsProperties properties;

    private final SecretMasker masker;

    private final Supplier<String> databaseHost;

    @Autowired
    ClusterService(ClusterConnection connection, ClusterOpsProperties properties, SecretMasker masker,
            ObjectProvider<SecretsFile> secrets) {
        this(connection, properties, masker, () -> databaseHostFrom(secrets.getIfAvailable()));
    }

    ClusterService(ClusterConnection connection, ClusterOpsProperties properties, SecretMasker masker,
            Supplier<String> databaseHost) {
        this.connection = connection;
        this.properties = properties;
        this.masker = masker;
        this.databaseHost = databaseHost;
    }

    public ClusterOpsProperties properties() {
        return properties;
    }

    public String namespace() {
        return connection.namespace();
    }

    /** The {@code app} label of a plan's pods. */
    public String appLabel(String planId) {
        return properties.appLabel(planId);
    }

    /** {@code backend}, {@code frontend}, or both for {@code all}; anything else is refused. */
    public static List<String> components(String component) {
        if (component == null || component.isBlank() || component.equals("all")) {
            return COMPONENTS;
        }
        if (!COMPONENTS.contains(component)) {
            throw new InvalidRequestException("Unknown component '" + component + "': use backend, frontend or all.");
        }
        return List.of(component);
    }

    public List<PodView> pods(String app) {
        requireNamespace();
        return podsOf(app, null).stream().map(ClusterService::view).toList();
    }

    public PodView pod(String app, String name) {
        return view(requirePod(app, name));
    }

    public List<EventView> events(String app) {
        requireNamespace();
        List<Event> events = KubeCalls.call("list Events in namespace " + namespace(),
                () -> client().v1().events().inNamespace(namespace()).list().getItems());
        List<String> names = objectNames(app);
        return events.stream()
                .filter(event -> event.getInvolvedObject() != null
                        && names.stream().anyMatch(name -> belongsTo(event.getInvolvedObject().getName(), name)))
                .map(this::view)
                .sorted(Comparator.comparing(EventView::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .toList();
    }

    public List<DeploymentView> deployments(String app) {
        requireNamespace();
        return KubeCalls.call("list Deployments labelled app=" + app,
                () -> client().apps().deployments().inNamespace(namespace()).withLabel("app", app).list().getItems())
                .stream().map(ClusterService::view).toList();
    }

    public Topology topology(String app) {
        requireNamespace();
        List<Pod> pods = podsOf(app, null);
        Topology.Tier frontend = tier(app, "frontend", pods);
        Topology.Tier backend = tier(app, "backend", pods);
        return new Topology(app, frontend, backend, new Topology.Database(databaseHost.get(),
                backend.health().equals("up") ? "up" : "unknown"));
    }

    /** A component's pods that are not being deleted, oldest first. */
    List<Pod> componentPods(String app, String component) {
        return podsOf(app, component).stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    /** The first Ready pod of a component, or a failure that says what the pods are doing instead. */
    Pod readyPod(String app, String component) {
        List<Pod> pods = componentPods(app, component);
        return pods.stream().filter(Readiness::isPodReady).findFirst().orElseThrow(() -> new NoReadyPodException(
                component, app, namespace(), pods.stream().map(pod -> pod.getMetadata().getName() + " ("
                        + view(pod).status() + ")").toList()));
    }

    Pod requirePod(String app, String name) {
        Pod pod = KubeCalls.call("read pod " + name, () -> client().pods().inNamespace(namespace()).withName(name)
                .get());
        if (pod == null) {
            requireNamespace();
            throw new PlanElementNotFoundException("pod", name, podsOf(app, null).stream()
                    .map(found -> found.getMetadata().getName()).toList());
        }
        return pod;
    }

    /** The container a request names, or the pod's first one; an unknown name lists the real ones. */
    static String container(Pod pod, String requested) {
        List<String> names = new ArrayList<>();
        pod.getSpec().getInitContainers().forEach(container -> names.add(container.getName()));
        pod.getSpec().getContainers().forEach(container -> names.add(container.getName()));
        if (requested == null || requested.isBlank()) {
            return pod.getSpec().getContainers().get(0).getName();
        }
        if (!names.contains(requested)) {
            throw new PlanElementNotFoundException("container", requested + "' in pod '" + pod.getMetadata()
                    .getName(), names);
        }
        return requested;
    }

    Optional<Service> service(String app, String component) {
        return KubeCalls.call("list Services labelled app=" + app, () -> client().services().inNamespace(namespace())
                .withLabel("app", app).withLabel("component", component).list().getItems()).stream().findFirst();
    }

    Optional<Deployment> deployment(String app, String component) {
        return KubeCalls.call("list Deployments labelled app=" + app, () -> client().apps().deployments()
                .inNamespace(namespace()).withLabel("app", app).withLabel("component", component).list().getItems())
                .stream().findFirst();
    }

    /** Events about one object, newest last. */
    List<Event> eventsAbout(String name) {
        return KubeCalls.call("list Events in namespace " + namespace(), () -> client().v1().events()
                .inNamespace(namespace()).list().getItems()).stream()
                .filter(event -> event.getInvolvedObject() != null
                        && name.equals(event.getInvolvedObject().getName()))
                .toList();
    }

    /** The last lines a container wrote; of its previous run when {@code previous}. Empty when there are none. */
    List<String> logTail(String pod, String container, boolean previous, int lines) {
        try {
            var resource = client().pods().inNamespace(namespace()).withName(pod).inContainer(container);
            String log = previous ? resource.terminated().tailingLines(lines).getLog()
                    : resource.tailingLines(lines).getLog();
            return log == null ? List.of() : log.lines().map(masker::mask).toList();
        }
        catch (io.fabric8.kubernetes.client.KubernetesClientException ex) {
            if (ex.getCode() == 400 || ex.getCode() == 404) {
                return List.of();
            }
            throw KubeCalls.translate("read the log of " + pod + "/" + container, ex);
        }
    }

    KubernetesClient client() {
        return connection.client();
    }

    /** Listing a namespace that does not exist returns nothing; say so instead of showing an empty cluster. */
    void requireNamespace() {
        String namespace = namespace();
        try {
            if (client().namespaces().withName(namespace).get() == null) {
                throw new PlanElementNotFoundException("namespace", namespace, List.of("default (set "
                        + "panel.cluster.namespace, or install the release with `helm install` into " + namespace
                        + ")"));
            }
        }
        catch (io.fabric8.kubernetes.client.KubernetesClientException ex) {
            if (ex.getCode() != 403) {
                throw KubeCalls.translate("read namespace " + namespace, ex);
            }
            // A user limited to its namespace may not read Namespace objects; listing will tell.
        }
    }

    private List<Pod> podsOf(String app, String component) {
        String selector = "app=" + app + (component == null ? "" : ",component=" + component);
        var pods = client().pods().inNamespace(namespace()).withLabel("app", app);
        var selected = component == null ? pods : pods.withLabel("component", component);
        return KubeCalls.call("list pods labelled " + selector, () -> selected.list().getItems()).stream()
                .sorted(Comparator.comparing((Pod pod) -> pod.getMetadata().getCreationTimestamp(),
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private List<String> objectNames(String app) {
        List<String> names = new ArrayList<>();
        podsOf(app, null).forEach(pod -> names.add(pod.getMetadata().getName()));
        for (String component : COMPONENTS) {
            deployment(app, component).ifPresent(deployment -> names.add(deployment.getMetadata().getName()));
            service(app, component).ifPresent(service -> names.add(service.getMetadata().getName()));
        }
        return names;
    }

    /** A ReplicaSet's events belong to its Deployment: {@code taskflow-backend-7d9f} starts with its name. */
    private static boolean belongsTo(String objectName, String name) {
        return objectName != null && (objectName.equals(name) || objectName.startsWith(name + "-"));
    }

    private Topology.Tier tier(String app, String component, List<Pod> pods) {
        Optional<Deployment> deployment = deployment(app, component);
        Optional<Service> service = service(app, component);
        int desired = deployment.map(found -> Objects.requireNonNullElse(found.getSpec().getReplicas(), 1)).orElse(0);
        int ready = (int) pods.stream().filter(pod -> component.equals(label(pod, "component")))
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null).filter(Readiness::isPodReady).count();
        String health = deployment.isEmpty() ? "absent" : ready == 0 ? "down" : ready < desired ? "degraded" : "up";
        ServicePort port = service.map(found -> found.getSpec().getPorts()).filter(ports -> !ports.isEmpty())
                .map(ports -> ports.get(0)).orElse(null);
        return new Topology.Tier(component, service.map(found -> found.getMetadata().getName()).orElse(null),
                service.map(found -> found.getSpec().getType()).orElse(null), port == null ? null : port.getPort(),
                port == null ? null : port.getNodePort(), desired, ready, health);
    }

    static PodView view(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
        int containers = pod.getSpec().getContainers().size();
        long readyContainers = statuses.stream().filter(status -> Boolean.TRUE.equals(status.getReady())).count();
        int restarts = statuses.stream().mapToInt(status -> Objects.requireNonNullElse(status.getRestartCount(), 0))
                .sum();
        Instant created = instant(pod.getMetadata().getCreationTimestamp());
        return new PodView(pod.getMetadata().getName(), label(pod, "component"),
                pod.getStatus() == null ? "Unknown" : Objects.requireNonNullElse(pod.getStatus().getPhase(), "Unknown"),
                kubectlStatus(pod), readyContainers + "/" + containers, Readiness.isPodReady(pod), restarts, created,
                created == null ? "" : age(Duration.between(created, Instant.now())), pod.getSpec().getNodeName(),
                pod.getSpec().getContainers().stream().map(Container::getImage).toList(),
                pod.getMetadata().getDeletionTimestamp() != null);
    }

    /** What {@code kubectl get pods} shows under STATUS. */
    static String kubectlStatus(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        if (pod.getStatus() == null) {
            return "Unknown";
        }
        List<ContainerStatus> init = pod.getStatus().getInitContainerStatuses();
        for (int index = 0; index < init.size(); index++) {
            ContainerStatus status = init.get(index);
            if (status.getState() != null && status.getState().getTerminated() != null
                    && Objects.requireNonNullElse(status.getState().getTerminated().getExitCode(), 0) == 0) {
                continue;
            }
            if (status.getState() != null && status.getState().getWaiting() != null
                    && status.getState().getWaiting().getReason() != null
                    && !status.getState().getWaiting().getReason().equals("PodInitializing")) {
                return "Init:" + status.getState().getWaiting().getReason();
            }
            if (status.getState() != null && status.getState().getTerminated() != null) {
                return "Init:Error";
            }
            return "Init:" + index + "/" + init.size();
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (status.getState() != null && status.getState().getWaiting() != null
                    && status.getState().getWaiting().getReason() != null) {
                return status.getState().getWaiting().getReason();
            }
            if (status.getState() != null && status.getState().getTerminated() != null
                    && status.getState().getTerminated().getReason() != null) {
                return status.getState().getTerminated().getReason();
            }
        }
        return Objects.requireNonNullElse(pod.getStatus().getPhase(), "Unknown");
    }

    static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    static Instant instant(String timestamp) {
        return timestamp == null || timestamp.isBlank() ? null : Instant.parse(timestamp);
    }

    static String age(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
        }
        return seconds / 86400 + "d" + (seconds % 86400 / 3600 == 0 ? "" : seconds % 86400 / 3600 + "h");
    }

    private EventView view(Event event) {
        String last = event.getLastTimestamp() != null ? event.getLastTimestamp()
                : event.getEventTime() != null ? event.getEventTime().getTime() : event.getFirstTimestamp();
        Instant lastSeen = null;
        try {
            lastSeen = instant(last);
        }
        catch (java.time.format.DateTimeParseException ex) {
            // MicroTime has fractions Instant.parse accepts; anything else stays unknown rather than failing the page
        }
        return new EventView(event.getType(), event.getReason(), event.getInvolvedObject().getKind() + "/"
                + event.getInvolvedObject().getName(), masker.mask(event.getMessage()),
                Objects.requireNonNullElse(event.getCount(), 1), lastSeen);
    }

    private static DeploymentView view(Deployment deployment) {
        var status = deployment.getStatus();
        return new DeploymentView(deployment.getMetadata().getName(),
                deployment.getMetadata().getLabels() == null ? null : deployment.getMetadata().getLabels()
                        .get("component"),
                Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1),
                status == null ? 0 : Objects.requireNonNullElse(status.getReadyReplicas(), 0),
                status == null ? 0 : Objects.requireNonNullElse(status.getAvailableReplicas(), 0),
                deployment.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getImage)
                        .toList());
    }

    private static String databaseHostFrom(SecretsFile secrets) {
        if (secrets == null) {
            return null;
        }
        try {
            return secrets.read().value("DATABASE_URL").map(url -> {
                String host = URI.create(url.strip()).getHost();
                return host;
            }).orElse(null);
        }
        catch (RuntimeException ex) {
            // No secrets.env or an unreadable URL: the picture shows the database without a host
            return null;
        }
    }
}
