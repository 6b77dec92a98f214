package dev.taskflow.panel.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Keeps a shared stream fed: one reader per container of one pod, or, for a component, of each pod with the
 * component's labels, attaching to new pods and letting go of deleted ones as a pod watch reports them.
 */
final class PodFollower {

    /** The annotation kubectl reads to pick a pod's container when none is named. */
    static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

    private final KubernetesLogs logs;

    private final LogRequest request;

    private final LogsProperties properties;

    private final SharedLogStream out;

    private final ScheduledExecutorService timer;

    private final AtomicInteger readerCount;

    private final Map<String, List<PodLogReader>> readers = new LinkedHashMap<>();

    private boolean endWhenIdle;

    private boolean stopped;

    private SharedIndexInformer<Pod> informer;

    PodFollower(KubernetesLogs logs, LogRequest request, LogsProperties properties, SharedLogStream out,
            ScheduledExecutorService timer, AtomicInteger readerCount) {
        this.logs = logs;
        this.request = request;
        this.properties = properties;
        this.out = out;
        this.timer = timer;
        this.readerCount = readerCount;
    }

    /** Follows one pod: its chosen containers until the pod is gone, or to the end of the log. */
    synchronized void startPod(Pod pod) {
        endWhenIdle = true;
        attach(pod, false);
    }

    /** Follows every pod with these labels, as they come and go (or reads each once when not following). */
    void startComponent(Map<String, String> labels) {
        String selector = labels.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .reduce((left, right) -> left + "," + right).orElse("");
        if (!request.following()) {
            List<Pod> pods = logs.pods(labels);
            synchronized (this) {
                endWhenIdle = true;
                if (pods.isEmpty()) {
                    out.end("No pods match " + selector + " in namespace " + logs.namespace());
                    return;
                }
                pods.forEach(pod -> attach(pod, false));
            }
            return;
        }
        SharedIndexInformer<Pod> watching = logs.watchPods(labels, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                attach(pod, true);
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    detach(pod, "is terminating");
                }
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                detach(pod, "was deleted");
            }
        });
        synchronized (this) {
            if (stopped) {
                watching.close();
                return;
            }
            informer = watching;
            if (readers.isEmpty()) {
                out.publish(LogLine.Kind.MARKER, "", "", null, "No pods match " + selector + " in namespace "
                        + logs.namespace() + " yet; waiting for one");
            }
        }
    }

    void stop() {
        SharedIndexInformer<Pod> watching;
        synchronized (this) {
            stopped = true;
            watching = informer;
            informer = null;
            readers.values().forEach(list -> list.forEach(PodLogReader::stop));
            readers.clear();
        }
        // closed outside the lock: the watch's own thread may be waiting for it in attach or detach
        if (watching != null) {
            watching.close();
        }
    }

    private synchronized void attach(Pod pod, boolean announce) {
        String name = pod.getMetadata().getName();
        if (stopped || readers.containsKey(name) || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        List<String> containers = containersToRead(pod, request);
        if (containers.isEmpty()) {
            return;
        }
        List<PodLogReader> started = new ArrayList<>();
        readers.put(name, started);
        if (announce) {
            out.publish(LogLine.Kind.MARKER, name, "", null, "Attached to pod " + name + " ("
                    + String.join(", ", containers) + ")");
        }
        for (String container : containers) {
            PodLogReader reader = new PodLogReader(logs, name, container, restarts(pod, container), request,
                    properties, out, () -> finished(name));
            started.add(reader);
            readerCount.incrementAndGet();
            reader.start();
        }
    }

    private synchronized void detach(Pod pod, String why) {
        String name = pod.getMetadata().getName();
        List<PodLogReader> leaving = readers.remove(name);
        if (leaving == null || stopped) {
            return;
        }
        out.publish(LogLine.Kind.MARKER, name, "", null, "Pod " + name + " " + why + "; detached from it");
        leaving.forEach(PodLogReader::podGone);
        // its last lines are still read, but not for ever
        timer.schedule(() -> leaving.forEach(PodLogReader::stop), properties.podGoneGrace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void finished(String pod) {
        readerCount.decrementAndGet();
        synchronized (this) {
            List<PodLogReader> ofPod = readers.get(pod);
            if (ofPod != null && ofPod.stream().allMatch(PodLogReader::isFinished)) {
                readers.remove(pod);
            }
            if (endWhenIdle && !stopped && readers.values().stream().flatMap(List::stream)
                    .allMatch(PodLogReader::isFinished)) {
                out.end(request.following() ? "Nothing more to follow for " + request.describe()
                        : "Read to the end of the log of " + request.describe());
            }
        }
    }

    /** The containers a request reads in a pod: the named one, or the default (pod) or every one (component). */
    static List<String> containersToRead(Pod pod, LogRequest request) {
        List<String> containers = new ArrayList<>();
        List<String> init = names(pod.getSpec().getInitContainers());
        List<String> app = names(pod.getSpec().getContainers());
        if (request.initContainers()) {
            containers.addAll(init);
        }
        if (request.container() != null) {
            if ((app.contains(request.container()) || init.contains(request.container()))
                    && !containers.contains(request.container())) {
                containers.add(request.container());
            }
        }
        else if (request.pod() != null) {
            String chosen = pod.getMetadata().getAnnotations() != null
                    ? pod.getMetadata().getAnnotations().get(DEFAULT_CONTAINER) : null;
            containers.add(chosen != null && app.contains(chosen) ? chosen : app.getFirst());
        }
        else {
            containers.addAll(app);
        }
        return containers;
    }

    static List<String> names(List<Container> containers) {
        return containers == null ? List.of() : containers.stream().map(Container::getName).toList();
    }

    private static Integer restarts(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return null;
        }
        for (var statuses : List.of(pod.getStatus().getContainerStatuses(), pod.getStatus().getInitContainerStatuses())) {
            for (ContainerStatus status : statuses) {
                if (container.equals(status.getName())) {
                    return status.getRestartCount();
                }
            }
        }
        return null;
    }
}
