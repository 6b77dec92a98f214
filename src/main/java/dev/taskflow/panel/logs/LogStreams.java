package dev.taskflow.panel.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Pod logs for browsers: one pod's containers, or every pod of a component merged and labelled by pod. Browsers
 * asking for the same thing share one Kubernetes log stream, which is closed when the last of them has gone (after
 * a short linger, so a reconnecting browser resumes where it stopped).
 */
@Component
public class LogStreams {

    private final KubernetesLogs logs;

    private final LogsProperties properties;

    private final SecretMasker masker;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "log-streams-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<LogRequest, Entry> streams = new HashMap<>();

    private final AtomicInteger viewers = new AtomicInteger();

    private final AtomicInteger readers = new AtomicInteger();

    LogStreams(KubernetesLogs logs, LogsProperties properties, SecretMasker masker) {
        this.logs = logs;
        this.properties = properties;
        this.masker = masker;
    }

    /** What is open right now: shared streams, container log readers, Kubernetes log requests and viewers. */
    public LogStreamStats stats() {
        synchronized (this) {
            return new LogStreamStats(streams.size(), readers.get(), logs.openLogStreams(), viewers.get());
        }
    }

    /** The containers of a pod, or a 404 (no such pod or namespace) or 503 (no cluster). */
    public PodContainers containers(String pod) {
        Pod found = logs.pod(pod);
        return new PodContainers(pod, PodFollower.names(found.getSpec().getContainers()),
                PodFollower.names(found.getSpec().getInitContainers()));
    }

    /** The pods of a component of a plan's app right now, or a 404 (no such component, plan or namespace). */
    public List<String> componentPods(String plan, String component) {
        Map<String, String> labels = labels(plan, component);
        logs.requireNamespace();
        return logs.podNames(labels);
    }

    /** The labels that find a component's pods: {@code app=<the plan's app label>}, {@code component=<component>}. */
    public Map<String, String> labels(String plan, String component) {
        String app = properties.appLabels().get(plan);
        if (app == null) {
            throw LogSourceNotFoundException.plan(plan, properties.appLabels().keySet());
        }
        if (!properties.components().contains(component)) {
            throw LogSourceNotFoundException.component(component, properties.components());
        }
        return Map.of("app", app, "component", component);
    }

    /**
     * Checks the request against the cluster and connects a viewer to its shared stream. Fails before anything is
     * opened: 404 for an unknown pod, container, component, plan or namespace; 503 when the cluster cannot be reached.
     */
    Viewing open(LogRequest asked, String lastEventId, Function<String, ViewerDelivery.Sink> sinkForEpoch) {
        LogRequest request = normalise(asked);
        Pod pod = null;
        Map<String, String> labels = null;
        if (request.pod() != null) {
            pod = logs.pod(request.pod());
            List<String> all = new ArrayList<>(PodFollower.names(pod.getSpec().getContainers()));
            all.addAll(PodFollower.names(pod.getSpec().getInitContainers()));
            if (request.container() != null && !all.contains(request.container())) {
                throw LogSourceNotFoundException.container(request.container(), request.pod(), all);
            }
        }
        else {
            labels = labels(request.plan(), request.component());
            logs.requireNamespace();
        }
        Entry entry = acquire(request, lastEventId);
        ViewerDelivery viewer = new ViewerDelivery(sinkForEpoch.apply(entry.stream.epoch()), properties.clientBuffer(),
                properties.heartbeat(), viewers);
        List<LogLine> replay = entry.stream.join(viewer, lastEventId);
        Viewing viewing = new Viewing(this, entry, viewer);
        viewer.onGone(viewing::close);
        viewer.start(replay);
        // started after the first viewer joined, so it sees every line from the first on
        if (entry.started.compareAndSet(false, true)) {
            try {
                if (pod != null) {
                    entry.follower.startPod(pod);
                }
                else {
                    entry.follower.startComponent(labels);
                }
            }
            catch (RuntimeException ex) {
                viewing.close();
                throw ex;
            }
        }
        return viewing;
    }

    private LogRequest normalise(LogRequest request) {
        Integer tail = request.tail() != null ? Math.max(0, request.tail()) : properties.defaultTail();
        Integer since = request.sinceSeconds() != null && request.sinceSeconds() > 0 ? request.sinceSeconds() : null;
        String container = request.container() == null || request.container().isBlank() ? null : request.container();
        if (request.pod() != null) {
            return new LogRequest(null, null, request.pod(), container, request.follow(), tail, since,
                    request.previous(), request.initContainers());
        }
        String plan = request.plan() == null || request.plan().isBlank() ? "taskflow" : request.plan();
        return new LogRequest(plan, request.component(), null, container, request.follow(), tail, since,
                request.previous(), request.initContainers());
    }

    private synchronized Entry acquire(LogRequest request, String lastEventId) {
        Entry entry = streams.get(request);
        // a finished read is not shared with a new browser, which expects a fresh read
        if (entry != null && entry.stream.hasEnded() && (lastEventId == null || lastEventId.isBlank())) {
            entry = null;
        }
        if (entry != null) {
            entry.holders++;
            if (entry.closing != null) {
                entry.closing.cancel(false);
                entry.closing = null;
            }
            return entry;
        }
        SharedLogStream stream = new SharedLogStream(masker, properties.replayLines(), properties.maxLineLength());
        entry = new Entry(request, stream, new PodFollower(logs, request, properties, stream, timer, readers));
        entry.holders = 1;
        streams.put(request, entry);
        return entry;
    }

    private void release(Entry entry, ViewerDelivery viewer) {
        entry.stream.leave(viewer);
        synchronized (this) {
            entry.holders--;
            if (entry.holders > 0) {
                return;
            }
            if (properties.linger().isZero() || streams.get(entry.request) != entry) {
                shut(entry);
            }
            else {
                entry.closing = timer.schedule(() -> lingerOver(entry), properties.linger().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void lingerOver(Entry entry) {
        synchronized (this) {
            if (entry.holders > 0) {
                return;
            }
            shut(entry);
        }
    }

    /** Closes the Kubernetes side of a stream nobody watches; called holding this. */
    private void shut(Entry entry) {
        streams.remove(entry.request, entry);
        entry.closing = null;
        // stopping joins nothing, so it is safe under the lock
        entry.follower.stop();
        entry.stream.close();
    }

    @PreDestroy
    void shutdown() {
        synchronized (this) {
            List.copyOf(streams.values()).forEach(this::shut);
        }
        timer.shutdownNow();
    }

    /** One viewer's hold on a shared stream; closing it (once) lets the stream go when it was the last. */
    static final class Viewing {

        private final LogStreams owner;

        private final Entry entry;

        private final ViewerDelivery viewer;

        private final AtomicInteger closed = new AtomicInteger();

        Viewing(LogStreams owner, Entry entry, ViewerDelivery viewer) {
            this.owner = owner;
            this.entry = entry;
            this.viewer = viewer;
        }

        void close() {
            if (closed.getAndIncrement() == 0) {
                viewer.close();
                owner.release(entry, viewer);
            }
        }
    }

    private static final class Entry {

        private final LogRequest request;

        private final SharedLogStream stream;

        private final PodFollower follower;

        private int holders;

        private ScheduledFuture<?> closing;

        private final AtomicBoolean started = new AtomicBoolean();

        Entry(LogRequest request, SharedLogStream stream, PodFollower follower) {
            this.request = request;
            this.stream = stream;
            this.follower = follower;
        }
    }
}
