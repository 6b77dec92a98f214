package dev.taskflow.panel.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import org.springframework.stereotype.Component;

/**
 * The ConfigMap/Secret update workflow (habit-tracker T033–T034): find which ConfigMap or Secret feeds a variable to
 * a component, change the value, roll the Deployment ({@code kubectl rollout restart}), wait for the new pods and
 * prove from inside them that they hold the new value, by fingerprint.
 */
@Component
public class ConfigUpdate {

    private final ClusterService cluster;

    private final ReadinessWait readiness;

    private final InPodChecks inPod;

    ConfigUpdate(ClusterService cluster, ReadinessWait readiness, InPodChecks inPod) {
        this.cluster = cluster;
        this.readiness = readiness;
        this.inPod = inPod;
    }

    /**
     * Sets {@code key} to {@code value} for the component; with {@code restore}, puts the old value back afterwards
     * (a second rollout), so a check can prove the workflow without leaving a changed app behind.
     */
    public ConfigChange update(String app, String component, String key, String value, boolean restore,
            Consumer<String> progress, BooleanSupplier cancelled) throws InterruptedException {
        if (key == null || !key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidRequestException("'" + key + "' is not an environment variable name.");
        }
        if (value == null) {
            throw new InvalidRequestException("Give the new value of " + key + ".");
        }
        if (ClusterService.components(component).size() != 1) {
            throw new InvalidRequestException("Change one component at a time: backend or frontend.");
        }
        Deployment deployment = cluster.deployment(app, component).orElseThrow(() -> new ConflictException(
                "There is no " + component + " Deployment labelled app=" + app + ": install the release first."));
        Source source = sourceOf(deployment, key);
        String old = source.read(key);
        progress.accept("Changing " + key + " in " + source.kind() + " " + source.name() + " ("
                + fingerprint(old) + " → " + SecretMasker.fingerprint(value) + ")");
        source.write(key, value);
        ReadinessReport report = roll(app, component, deployment, progress, cancelled);
        List<ConfigChange.PodValue> pods = new ArrayList<>();
        if (report.ready()) {
            for (PodStartupTiming timing : report.timings()) {
                Pod pod = cluster.requirePod(app, timing.pod());
                pods.add(new ConfigChange.PodValue(timing.pod(), inPod.variableIn(pod, key).fingerprint()));
            }
        }
        boolean restored = false;
        if (restore && old != null) {
            progress.accept("Putting the old value of " + key + " back");
            source.write(key, old);
            restored = roll(app, component, deployment, progress, cancelled).ready();
        }
        return new ConfigChange(source.kind(), source.name(), key, deployment.getMetadata().getName(),
                fingerprint(old), SecretMasker.fingerprint(value), pods, restored, report);
    }

    private ReadinessReport roll(String app, String component, Deployment deployment, Consumer<String> progress,
            BooleanSupplier cancelled) throws InterruptedException {
        Set<String> before = cluster.componentPods(app, component).stream().map(pod -> pod.getMetadata().getName())
                .collect(Collectors.toSet());
        String name = deployment.getMetadata().getName();
        progress.accept("Restarting " + name + " (rollout restart)");
        KubeCalls.call("restart Deployment " + name, () -> cluster.client().apps().deployments()
                .inNamespace(cluster.namespace()).withName(name).rolling().restart());
        return readiness.await(app, List.of(component), pod -> !before.contains(pod.getMetadata().getName()),
                cluster.properties().podReadyBudget(), cluster.properties().deploymentBudget(), progress, cancelled);
    }

    private Source sourceOf(Deployment deployment, String key) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (var env : container.getEnv()) {
            if (env.getName().equals(key) && env.getValueFrom() != null) {
                if (env.getValueFrom().getConfigMapKeyRef() != null) {
                    return configMap(env.getValueFrom().getConfigMapKeyRef().getName(), key, env.getValueFrom()
                            .getConfigMapKeyRef().getKey()).orElseThrow();
                }
                if (env.getValueFrom().getSecretKeyRef() != null) {
                    return secret(env.getValueFrom().getSecretKeyRef().getName(), key, env.getValueFrom()
                            .getSecretKeyRef().getKey()).orElseThrow();
                }
            }
        }
        List<String> looked = new ArrayList<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            Optional<Source> found = Optional.empty();
            if (from.getConfigMapRef() != null) {
                looked.add("ConfigMap " + from.getConfigMapRef().getName());
                found = configMap(from.getConfigMapRef().getName(), key, key);
            }
            else if (from.getSecretRef() != null) {
                looked.add("Secret " + from.getSecretRef().getName());
                found = secret(from.getSecretRef().getName(), key, key);
            }
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ConflictException("No ConfigMap or Secret of Deployment " + deployment.getMetadata().getName()
                + " holds " + key + " (looked in " + (looked.isEmpty() ? "none: it has no envFrom"
                        : String.join(", ", looked)) + ").");
    }

    private Optional<Source> configMap(String name, String variable, String key) {
        ConfigMap map = KubeCalls.call("read ConfigMap " + name, () -> cluster.client().configMaps()
                .inNamespace(cluster.namespace()).withName(name).get());
        if (map == null || map.getData() == null || !map.getData().containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(new Source("ConfigMap", name, () -> map.getData().get(key), newValue ->
                KubeCalls.call("change ConfigMap " + name, () -> cluster.client().configMaps()
                        .inNamespace(cluster.namespace()).withName(name).edit(edited -> {
                            Map<String, String> data = new HashMap<>(edited.getData());
                            data.put(key, newValue);
                            edited.setData(data);
                            return edited;
                        }))));
    }

    private Optional<Source> secret(String name, String variable, String key) {
        Secret secret = KubeCalls.call("read Secret " + name, () -> cluster.client().secrets()
                .inNamespace(cluster.namespace()).withName(name).get());
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(new Source("Secret", name, () -> new String(Base64.getDecoder().decode(
                secret.getData().get(key)), StandardCharsets.UTF_8), newValue ->
                KubeCalls.call("change Secret " + name, () -> cluster.client().secrets()
                        .inNamespace(cluster.namespace()).withName(name).edit(edited -> {
                            Map<String, String> data = new HashMap<>(edited.getData());
                            data.put(key, Base64.getEncoder().encodeToString(newValue.getBytes(
                                    StandardCharsets.UTF_8)));
                            edited.setData(data);
                            return edited;
                        }))));
    }

    private static String fingerprint(String value) {
        return value == null ? null : SecretMasker.fingerprint(value);
    }

    /** Where a variable's value lives, with how to read and change it. */
    private record Source(String kind, String name, java.util.function.Supplier<String> reader,
            Consumer<String> writer) {

        String read(String key) {
            return reader.get();
        }

        void write(String key, String value) {
            writer.accept(value);
        }
    }
}
