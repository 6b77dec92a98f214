package dev.taskflow.panel.cluster;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.prerequisites.Minikube;
import dev.taskflow.panel.support.ProcessOutcome;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.LocalPortForward;
import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * Opens the way in from the panel to the deployed app and registers it as target {@code minikube}: the frontend at
 * Minikube's IP and its NodePort (or a port-forward when the Service has no node port or Minikube's IP is not
 * known), the backend through a port-forward to its ClusterIP Service. The port-forwards stay open while the target
 * is registered and close on {@link #disconnect()} and at shutdown.
 */
@Component
public class ClusterAccess {

    static final String TARGET = "minikube";

    private final ClusterService cluster;

    private final TargetRegistry targets;

    private final Minikube minikube;

    private final List<LocalPortForward> forwards = new ArrayList<>();

    private AccessInfo current;

    ClusterAccess(ClusterService cluster, TargetRegistry targets, Minikube minikube) {
        this.cluster = cluster;
        this.targets = targets;
        this.minikube = minikube;
    }

    public synchronized Optional<AccessInfo> current() {
        return Optional.ofNullable(current);
    }

    /** Opens the access afresh (closing an earlier one) and registers target {@code minikube}. */
    public synchronized AccessInfo connect(String app) {
        disconnect();
        Service backend = service(app, "backend");
        Service frontend = service(app, "frontend");
        LocalPortForward backendForward = forward(app, "backend", backend);
        URI backendUrl = URI.create("http://127.0.0.1:" + backendForward.getLocalPort());
        Integer nodePort = frontend.getSpec().getPorts().get(0).getNodePort();
        Optional<String> ip = nodePort == null ? Optional.empty() : minikubeIp();
        URI frontendUrl;
        String frontendVia;
        if (ip.isPresent()) {
            frontendUrl = URI.create("http://" + ip.get() + ":" + nodePort);
            frontendVia = "NodePort " + nodePort + " on Minikube's IP " + ip.get();
        }
        else {
            LocalPortForward frontendForward = forward(app, "frontend", frontend);
            frontendUrl = URI.create("http://127.0.0.1:" + frontendForward.getLocalPort());
            frontendVia = "port-forward to a pod of Service " + frontend.getMetadata().getName()
                    + (nodePort == null ? " (it has no node port)" : " (Minikube's IP is not known here)");
        }
        current = new AccessInfo(backendUrl, frontendUrl, "port-forward to a pod of Service " + backend
                .getMetadata().getName(), frontendVia, nodePort);
        targets.register(new Target(TARGET, backendUrl, frontendUrl, "cluster"));
        return current;
    }

    /** Closes the port-forwards and withdraws target {@code minikube}. */
    @PreDestroy
    public synchronized void disconnect() {
        for (LocalPortForward forward : forwards) {
            try {
                forward.close();
            }
            catch (IOException ex) {
                // Already closed by the API server: nothing left to release
            }
        }
        forwards.clear();
        if (current != null) {
            targets.withdraw(TARGET);
            current = null;
        }
    }

    private Service service(String app, String component) {
        return cluster.service(app, component).orElseThrow(() -> new ConflictException("There is no " + component
                + " Service labelled app=" + app + " in namespace " + cluster.namespace()
                + ": install the release (helm install) first."));
    }

    /**
     * A port-forward to a Ready pod behind the Service, as {@code kubectl port-forward svc/…} does (it, too, picks
     * one pod); the Service's target port may be a name (the chart's {@code http}), resolved in the pod's spec.
     */
    private LocalPortForward forward(String app, String component, Service service) {
        Pod pod = cluster.readyPod(app, component);
        ServicePort servicePort = service.getSpec().getPorts().get(0);
        IntOrString target = servicePort.getTargetPort();
        int port;
        if (target == null) {
            port = servicePort.getPort();
        }
        else if (target.getIntVal() != null) {
            port = target.getIntVal();
        }
        else {
            port = pod.getSpec().getContainers().stream().flatMap(container -> container.getPorts().stream())
                    .filter(candidate -> target.getStrVal().equals(candidate.getName())).findFirst()
                    .map(ContainerPort::getContainerPort).orElse(servicePort.getPort());
        }
        String name = pod.getMetadata().getName();
        LocalPortForward forward = KubeCalls.call("port-forward to pod " + name + " of Service " + service
                .getMetadata().getName(), () -> cluster.client().pods().inNamespace(cluster.namespace()).withName(name)
                .portForward(port));
        forwards.add(forward);
        return forward;
    }

    private Optional<String> minikubeIp() {
        if (!minikube.installed()) {
            return Optional.empty();
        }
        try {
            ProcessOutcome outcome = minikube.ip();
            String ip = outcome.standardOutput().strip();
            return outcome.succeeded() && ip.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? Optional.of(ip) : Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
