package dev.taskflow.panel.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.readiness.Readiness;

import org.springframework.stereotype.Component;

/**
 * Waits for the backend, then the frontend, to have their replica count of Running and Ready pods, and measures each
 * pod's startup (creation to Ready) against the budgets. It stops early when a pod's diagnosis says waiting cannot
 * help (an image Minikube lacks, a crash loop, an OOM kill, a missing Secret).
 */
@Component
public class ReadinessWait {

    private final ClusterService cluster;

    private final PodDiagnosis diagnosis;

    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    ReadinessWait(ClusterService cluster, PodDiagnosis diagnosis) {
        this(cluster, diagnosis, Clock.systemUTC());
    }

    ReadinessWait(ClusterService cluster, PodDiagnosis diagnosis, Clock clock) {
        this.cluster = cluster;
        this.diagnosis = diagnosis;
        this.clock = clock;
    }

    /** Waits up to {@code limit} per component, in order backend then frontend. */
    public ReadinessReport await(String app, List<String> components, Duration podBudget, Duration limit,
            Consumer<String> progress, BooleanSupplier cancelled) throws InterruptedException {
        return await(app, components, pod -> true, podBudget, limit, progress, cancelled);
    }

    /** The same, counting only the pods {@code counts} accepts (the new pods of a rollout). */
    ReadinessReport await(String app, List<String> components, Predicate<Pod> counts, Duration podBudget,
            Duration limit, Consumer<String> progress, BooleanSupplier cancelled) throws InterruptedException {
        Instant started = clock.instant();
        List<String> ordered = ClusterService.COMPONENTS.stream().filter(components::contains).toList();
        List<PodStartupTiming> timings = new ArrayList<>();
        List<Diagnosis> diagnoses = new ArrayList<>();
        boolean ready = true;
        for (String component : ordered) {
            Optional<List<Pod>> readyPods = awaitComponent(app, component, counts, limit, progress, cancelled,
                    diagnoses);
            if (readyPods.isEmpty()) {
                ready = false;
                break;
            }
            readyPods.get().forEach(pod -> timings.add(timing(pod, component, podBudget)));
        }
        Duration deployment = null;
        if (ready && !timings.isEmpty()) {
            Instant first = timings.stream().map(PodStartupTiming::createdAt).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(started);
            Instant last = timings.stream().map(PodStartupTiming::readyAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(clock.instant());
            deployment = Duration.between(first, last);
        }
        return new ReadinessReport(app, ordered, ready, timings, podBudget, deployment,
                cluster.properties().deploymentBudget(), Duration.between(started, clock.instant()), diagnoses);
    }

    private Optional<List<Pod>> awaitComponent(String app, String component, Predicate<Pod> counts, Duration limit,
            Consumer<String> progress, BooleanSupplier cancelled, List<Diagnosis> diagnoses)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(limit);
        String lastSaid = null;
        while (true) {
            int desired = cluster.deployment(app, component)
                    .map(deployment -> Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1)).orElse(1);
            List<Pod> pods = cluster.componentPods(app, component).stream().filter(counts)
                    .filter(pod -> pod.getStatus() == null || !List.of("Succeeded", "Failed")
                            .contains(pod.getStatus().getPhase()))
                    .toList();
            List<Pod> ready = pods.stream().filter(Readiness::isPodReady).toList();
            if (desired > 0 && ready.size() >= desired && pods.size() == ready.size()) {
                progress.accept(component + ": " + ready.size() + "/" + desired + " Ready");
                return Optional.of(ready);
            }
            List<Diagnosis> current = pods.stream().filter(pod -> !Readiness.isPodReady(pod))
                    .map(diagnosis::diagnose).toList();
            String said = component + ": " + ready.size() + "/" + desired + " Ready"
                    + (current.isEmpty() ? "" : " — " + current.get(0).headline());
            if (!said.equals(lastSaid)) {
                progress.accept(said);
                lastSaid = said;
            }
            boolean hopeless = current.stream().anyMatch(Diagnosis::isHopeless);
            if (hopeless || cancelled.getAsBoolean() || !clock.instant().isBefore(deadline)) {
                diagnoses.addAll(current);
                if (current.isEmpty()) {
                    diagnoses.add(new Diagnosis(null, null, "starting", pods.isEmpty()
                            ? "No " + component + " pod labelled app=" + app + " exists in namespace "
                                    + cluster.namespace() + ": install the release (helm install)."
                            : component + " has " + ready.size() + " of " + desired + " pods Ready (" + pods.size()
                                    + " pods in all).", null, List.of()));
                }
                return Optional.empty();
            }
            Thread.sleep(cluster.properties().pollInterval().toMillis());
        }
    }

    private PodStartupTiming timing(Pod pod, String component, Duration budget) {
        Instant created = ClusterService.instant(pod.getMetadata().getCreationTimestamp());
        Instant readyAt = pod.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition
                .getType())).map(PodCondition::getLastTransitionTime).filter(Objects::nonNull).findFirst()
                .map(ClusterService::instant).orElse(clock.instant());
        Duration startup = created == null ? Duration.ZERO : Duration.between(created, readyAt);
        return new PodStartupTiming(pod.getMetadata().getName(), component, created, readyAt, startup,
                startup.compareTo(budget) <= 0);
    }
}
