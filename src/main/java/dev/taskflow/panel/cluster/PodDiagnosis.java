package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.readiness.Readiness;

import org.springframework.stereotype.Component;

/**
 * Says why a pod is not Ready, from its status and its Events: a crash loop (with the exit code and the last log
 * lines), an image Minikube does not have, an OOM kill, a failing probe (which one, what it got), a pod no node can
 * take, a stuck init container, or a missing ConfigMap/Secret.
 */
@Component
public class PodDiagnosis {

    private static final int LOG_LINES = 15;

    private final ClusterService cluster;

    PodDiagnosis(ClusterService cluster) {
        this.cluster = cluster;
    }

    /** The diagnosis of every pod of the app that is not Ready. */
    public List<Diagnosis> diagnoseApp(String app) {
        List<Diagnosis> found = new ArrayList<>();
        for (String component : ClusterService.COMPONENTS) {
            for (Pod pod : cluster.componentPods(app, component)) {
                if (!Readiness.isPodReady(pod)) {
                    found.add(diagnose(pod));
                }
            }
        }
        return found;
    }

    public Diagnosis diagnose(String app, String podName) {
        return diagnose(cluster.requirePod(app, podName));
    }

    Diagnosis diagnose(Pod pod) {
        String name = pod.getMetadata().getName();
        return diagnose(pod, cluster.eventsAbout(name), (container, previous) -> cluster.logTail(name, container,
                previous, LOG_LINES), Instant.now());
    }

    /** Reads a container's log: the current run, or the previous one after a crash. */
    @FunctionalInterface
    interface LogReader {
        List<String> tail(String container, boolean previous);
    }

    static Diagnosis diagnose(Pod pod, List<Event> events, LogReader logs, Instant now) {
        String name = pod.getMetadata().getName();
        List<Event> newestFirst = events.stream().sorted(Comparator.comparing(PodDiagnosis::when,
                Comparator.nullsLast(Comparator.reverseOrder()))).toList();
        if (Readiness.isPodReady(pod)) {
            return new Diagnosis(name, null, "ready", "Pod " + name + " is Running and Ready.", null, List.of());
        }
        Optional<PodCondition> unschedulable = condition(pod, "PodScheduled")
                .filter(condition -> "False".equals(condition.getStatus()));
        if (unschedulable.isPresent()) {
            String message = Objects.requireNonNullElse(unschedulable.get().getMessage(), eventMessage(newestFirst,
                    "FailedScheduling").orElse("no reason given"));
            String lack = message.contains("Insufficient cpu") && message.contains("Insufficient memory")
                    ? "CPU and memory" : message.contains("Insufficient cpu") ? "CPU"
                    : message.contains("Insufficient memory") ? "memory" : null;
            String headline = lack != null
                    ? "Pod " + name + " is Pending: no node has enough free " + lack + " for its requests. Lower "
                            + "resources.requests in the chart values, scale other things down, or give Minikube "
                            + "more (minikube start --cpus=4 --memory=4096)."
                    : "Pod " + name + " is Pending: the scheduler cannot place it (" + message + ").";
            return new Diagnosis(name, null, "unschedulable", headline, null, List.of(message));
        }
        for (ContainerStatus status : pod.getStatus().getInitContainerStatuses()) {
            Optional<Diagnosis> image = imageProblem(pod, status, newestFirst);
            if (image.isPresent()) {
                return image.get();
            }
            boolean done = status.getState() != null && status.getState().getTerminated() != null
                    && Objects.requireNonNullElse(status.getState().getTerminated().getExitCode(), 0) == 0;
            if (!done) {
                return initStuck(pod, status, logs, now);
            }
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            Optional<Diagnosis> image = imageProblem(pod, status, newestFirst);
            if (image.isPresent()) {
                return image.get();
            }
            String waiting = status.getState() != null && status.getState().getWaiting() != null
                    ? status.getState().getWaiting().getReason() : null;
            ContainerStateTerminated last = status.getLastState() == null ? null
                    : status.getLastState().getTerminated();
            ContainerStateTerminated current = status.getState() == null ? null : status.getState().getTerminated();
            ContainerStateTerminated ended = current != null ? current : last;
            if (ended != null && "OOMKilled".equals(ended.getReason())) {
                String limit = limit(pod, status.getName(), "memory");
                return new Diagnosis(name, status.getName(), "oom-killed", "Container " + status.getName() + " of "
                        + name + " was OOMKilled: it used more memory than its limit" + (limit == null ? ""
                        : " (" + limit + ")") + ". Raise resources.limits.memory in the chart values, or find what "
                        + "makes it grow.", ended.getExitCode(), logs.tail(status.getName(), true));
            }
            if ("CrashLoopBackOff".equals(waiting) || (ended != null && ended.getExitCode() != null
                    && ended.getExitCode() != 0)) {
                Integer exit = ended == null ? null : ended.getExitCode();
                List<String> lines = new ArrayList<>(logs.tail(status.getName(), true));
                if (lines.isEmpty()) {
                    lines.addAll(logs.tail(status.getName(), false));
                }
                String lastLine = lines.isEmpty() ? "it wrote nothing" : "its last line: " + lines.get(lines.size() - 1);
                return new Diagnosis(name, status.getName(), "crash-loop", "Container " + status.getName() + " of "
                        + name + " keeps crashing (" + Objects.requireNonNullElse(waiting, "exited") + ", exit code "
                        + (exit == null ? "unknown" : exit) + ", " + Objects.requireNonNullElse(
                                status.getRestartCount(), 0) + " restarts); " + lastLine + ".", exit, lines);
            }
            if ("CreateContainerConfigError".equals(waiting) || "CreateContainerError".equals(waiting)) {
                String message = Objects.requireNonNullElse(status.getState().getWaiting().getMessage(), "");
                return new Diagnosis(name, status.getName(), "config-error", "Container " + status.getName() + " of "
                        + name + " cannot be created: " + message + ". Create the missing ConfigMap/Secret or key "
                        + "(install the release with its values-local.yaml).", null, List.of(message));
            }
        }
        List<Event> unhealthy = newestFirst.stream().filter(event -> "Unhealthy".equals(event.getReason())).toList();
        if (!unhealthy.isEmpty()) {
            Event newest = unhealthy.get(0);
            String message = Objects.requireNonNullElse(newest.getMessage(), "");
            String probe = message.startsWith("Liveness") ? "liveness" : message.startsWith("Startup") ? "startup"
                    : "readiness";
            String container = pod.getSpec().getContainers().get(0).getName();
            String target = probeTarget(pod, probe);
            int times = unhealthy.stream().mapToInt(event -> Objects.requireNonNullElse(event.getCount(), 1)).sum();
            return new Diagnosis(name, container, "probe-failing", "The " + probe + " probe of " + name
                    + (target == null ? "" : " (" + target + ")") + " fails: " + message.replaceFirst(
                            "^(Liveness|Readiness|Startup) probe failed: ", "") + " (" + times + " times). Check that "
                    + "the app listens on that port and that its health path answers 200.", null,
                    unhealthy.stream().map(Event::getMessage).distinct().toList());
        }
        boolean running = "Running".equals(pod.getStatus().getPhase());
        Instant created = ClusterService.instant(pod.getMetadata().getCreationTimestamp());
        String since = created == null ? "" : " for " + ClusterService.age(Duration.between(created, now));
        return new Diagnosis(name, null, "starting", "Pod " + name + " is " + (running ? "Running but not Ready yet"
                : ClusterService.kubectlStatus(pod)) + since + "; no failure is reported so far.", null,
                newestFirst.stream().limit(5).map(event -> event.getReason() + ": " + event.getMessage()).toList());
    }

    private static Optional<Diagnosis> imageProblem(Pod pod, ContainerStatus status, List<Event> events) {
        String waiting = status.getState() != null && status.getState().getWaiting() != null
                ? status.getState().getWaiting().getReason() : null;
        if (waiting == null || !List.of("ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName")
                .contains(waiting)) {
            return Optional.empty();
        }
        String image = Objects.requireNonNullElse(status.getImage(), imageOf(pod, status.getName()));
        List<String> evidence = new ArrayList<>();
        if (status.getState().getWaiting().getMessage() != null) {
            evidence.add(status.getState().getWaiting().getMessage());
        }
        events.stream().filter(event -> List.of("Failed", "ErrImageNeverPull", "BackOff").contains(event.getReason()))
                .map(Event::getMessage).filter(Objects::nonNull).distinct().limit(3).forEach(evidence::add);
        String headline = waiting.equals("InvalidImageName")
                ? "The image name '" + image + "' of " + pod.getMetadata().getName() + " is not valid: fix image.repository and image.tag."
                : "The image " + image + " is not loaded into Minikube (" + waiting + "): run `minikube image load "
                        + image + "` (or build it inside Minikube's Docker), then delete the pod or wait for the "
                        + "next retry.";
        return Optional.of(new Diagnosis(pod.getMetadata().getName(), status.getName(), "image-not-loaded", headline,
                null, evidence));
    }

    private static Diagnosis initStuck(Pod pod, ContainerStatus status, LogReader logs, Instant now) {
        String name = pod.getMetadata().getName();
        List<String> lines = logs.tail(status.getName(), false);
        ContainerStateTerminated ended = status.getState() != null ? status.getState().getTerminated() : null;
        String state;
        Integer exit = null;
        if (ended != null) {
            exit = ended.getExitCode();
            state = "failed with exit code " + exit;
        }
        else if (status.getState() != null && status.getState().getRunning() != null) {
            Instant started = ClusterService.instant(status.getState().getRunning().getStartedAt());
            state = "has been running" + (started == null ? "" : " for "
                    + ClusterService.age(Duration.between(started, now)));
        }
        else {
            state = "is waiting (" + (status.getState() != null && status.getState().getWaiting() != null
                    ? status.getState().getWaiting().getReason() : "not started") + ")";
        }
        String lastLine = lines.isEmpty() ? "" : " Its last line: " + lines.get(lines.size() - 1) + ".";
        return new Diagnosis(name, status.getName(), "init-stuck", "Init container " + status.getName() + " of "
                + name + " " + state + ": the frontend waits until the backend Service resolves and answers its "
                + "health path, so look at the backend pods first." + lastLine, exit, lines);
    }

    private static Optional<PodCondition> condition(Pod pod, String type) {
        return pod.getStatus() == null ? Optional.empty() : pod.getStatus().getConditions().stream()
                .filter(condition -> type.equals(condition.getType())).findFirst();
    }

    private static Optional<String> eventMessage(List<Event> events, String reason) {
        return events.stream().filter(event -> reason.equals(event.getReason())).map(Event::getMessage)
                .filter(Objects::nonNull).findFirst();
    }

    private static String imageOf(Pod pod, String container) {
        return java.util.stream.Stream.concat(pod.getSpec().getInitContainers().stream(),
                pod.getSpec().getContainers().stream()).filter(found -> found.getName().equals(container))
                .map(Container::getImage).findFirst().orElse("its image");
    }

    private static String limit(Pod pod, String container, String resource) {
        return pod.getSpec().getContainers().stream().filter(found -> found.getName().equals(container))
                .findFirst().map(Container::getResources).map(resources -> resources.getLimits())
                .map(limits -> limits.get(resource)).map(Object::toString).orElse(null);
    }

    private static String probeTarget(Pod pod, String kind) {
        Container container = pod.getSpec().getContainers().get(0);
        Probe probe = switch (kind) {
            case "liveness" -> container.getLivenessProbe();
            case "startup" -> container.getStartupProbe();
            default -> container.getReadinessProbe();
        };
        if (probe == null || probe.getHttpGet() == null) {
            return null;
        }
        HTTPGetAction get = probe.getHttpGet();
        return "GET " + get.getPath() + " on port " + (get.getPort() == null ? "?" : get.getPort().getValue());
    }

    private static Instant when(Event event) {
        String last = event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getFirstTimestamp();
        try {
            return ClusterService.instant(last);
        }
        catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }
}
