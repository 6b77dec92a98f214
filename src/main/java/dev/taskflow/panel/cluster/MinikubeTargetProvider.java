package dev.taskflow.panel.cluster;

import java.util.Optional;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetProvider;
import org.springframework.stereotype.Component;

/**
 * Brings target {@code minikube} up when a check asks for it before any task connected: opens the port-forwards to
 * the plan's deployed app, as the Connect button on the Cluster page does.
 */
@Component
class MinikubeTargetProvider implements TargetProvider {

    private final ClusterAccess access;

    private final ClusterService cluster;

    MinikubeTargetProvider(ClusterAccess access, ClusterService cluster) {
        this.access = access;
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return ClusterAccess.TARGET;
    }

    @Override
    public Optional<Target> provide(String plan) {
        AccessInfo info = access.connect(cluster.appLabel(plan));
        return Optional.of(new Target(ClusterAccess.TARGET, info.backendUrl(), info.frontendUrl(), "cluster"));
    }
}
