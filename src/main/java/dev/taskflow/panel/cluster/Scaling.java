package dev.taskflow.panel.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Scales a component and proves the backend Service balances: scale to N, wait Ready, send requests through the
 * Service from inside the cluster, count them in each pod's access log, scale back.
 * <p>
 * The requests go from a pod to the Service's ClusterIP on purpose: a port-forward (kubectl's or fabric8's) binds
 * to a single pod, so requests through it would all land on one replica and prove nothing.
 */
@Component
public class Scaling {

    private final ClusterService cluster;

    private final ReadinessWait readiness;

    private final PodExec exec;

    private final InPodChecks inPod;

    private final Supplier<String> markers;

    @Autowired
    Scaling(ClusterService cluster, ReadinessWait readiness, PodExec exec, InPodChecks inPod) {
        this(cluster, readiness, exec, inPod, () -> "lb-" + UUID.randomUUID().toString().substring(0, 8));
    }

    Scaling(ClusterService cluster, ReadinessWait readiness, PodExec exec, InPodChecks inPod,
            Supplier<String> markers) {
        this.cluster = cluster;
        this.readiness = readiness;
        this.exec = exec;
        this.inPod = inPod;
        this.markers = markers;
    }

    public ScaleResult scale(String app, String component, int replicas, Consumer<String> progress,
            BooleanSupplier cancelled) throws InterruptedException {
        if (replicas < 0 || replicas > 10) {
            throw new dev.taskflow.panel.pipeline.InvalidRequestException("Replicas must be between 0 and 10, not "
                    + replicas + ": a local Minikube has room for a few.");
        }
        List<String> only = ClusterService.components(component);
        if (only.size() != 1) {
            throw new dev.taskflow.panel.pipeline.InvalidRequestException("Scale one component at a time: backend "
                    + "or frontend.");
        }
        Deployment deployment = requireDeployment(app, component);
        String name = deployment.getMetadata().getName();
        int from = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        progress.accept("Scaling " + name + " from " + from + " to " + replicas + " replicas");
        KubeCalls.call("scale Deployment " + name, () -> cluster.client().apps().deployments()
                .inNamespace(cluster.namespace()).withName(name).scale(replicas));
        ReadinessReport report = replicas == 0 ? null : readiness.await(app, only, cluster.properties()
                .podReadyBudget(), cluster.properties().deploymentBudget(), progress, cancelled);
        return new ScaleResult(name, from, replicas, report);
    }

    public LoadSpread loadBalance(String app, int replicas, Consumer<String> progress, BooleanSupplier cancelled)
            throws InterruptedException {
        if (replicas < 2) {
            throw new dev.taskflow.panel.pipeline.InvalidRequestException("Load balancing needs at least 2 backend "
                    + "replicas, not " + replicas + ".");
        }
        ScaleResult scaled = scale(app, "backend", replicas, progress, cancelled);
        try {
            if (scaled.readiness() == null || !scaled.readiness().ready()) {
                throw new dev.taskflow.panel.pipeline.ConflictException("The backend did not get " + replicas
                        + " Ready replicas: " + (scaled.readiness() == null ? "" : scaled.readiness().diagnoses()
                                .stream().map(Diagnosis::headline).findFirst().orElse("")));
            }
            return sendAndAttribute(app, replicas, progress, scaled.from());
        }
        finally {
            if (scaled.from() != replicas) {
                progress.accept("Scaling the backend back to " + scaled.from());
                KubeCalls.call("scale the backend back", () -> cluster.client().apps().deployments()
                        .inNamespace(cluster.namespace()).withName(scaled.deployment()).scale(scaled.from()));
            }
        }
    }

    private LoadSpread sendAndAttribute(String app, int replicas, Consumer<String> progress, int scaledBackTo) {
        int count = cluster.properties().balanceRequests();
        String marker = markers.get();
        String prefix = inPod.backendServiceUrl(app) + inPod.backendHealthPath(app) + "?panel=" + marker + "-";
        List<Pod> senders = cluster.componentPods(app, "frontend").stream()
                .filter(io.fabric8.kubernetes.client.readiness.Readiness::isPodReady).toList();
        Pod sender = senders.isEmpty() ? cluster.readyPod(app, "backend") : senders.get(0);
        progress.accept("Sending " + count + " requests to " + prefix + "N from pod " + sender.getMetadata()
                .getName());
        ExecResult sent = exec.firstAvailable(sender.getMetadata().getName(), sender.getSpec().getContainers().get(0)
                .getName(), InPodCommand.requestSeries(prefix, count));
        int answered = (int) sent.stdout().lines().filter(line -> line.strip().matches("2\\d\\d")).count();
        Map<String, Integer> perPod = new LinkedHashMap<>();
        int attributed = 0;
        for (Pod pod : cluster.componentPods(app, "backend")) {
            String name = pod.getMetadata().getName();
            int found = (int) cluster.logTail(name, pod.getSpec().getContainers().get(0).getName(), false,
                    Math.max(cluster.properties().logLines(), count * 4)).stream()
                    .filter(line -> line.contains(marker)).count();
            perPod.put(name, found);
            attributed += found;
        }
        progress.accept("Spread: " + perPod);
        return new LoadSpread(replicas, count, answered, perPod, Math.max(0, count - attributed),
                sender.getMetadata().getName(), sent.toolNote(), marker, scaledBackTo);
    }

    private Deployment requireDeployment(String app, String component) {
        return cluster.deployment(app, component).orElseThrow(() -> new dev.taskflow.panel.pipeline
                .ConflictException("There is no " + component + " Deployment labelled app=" + app
                        + " in namespace " + cluster.namespace() + ": install the release (helm install)."));
    }
}
