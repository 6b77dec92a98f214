package dev.taskflow.panel.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.taskflow.panel.logs.KubernetesLogs.LogConnection;
import dev.taskflow.panel.logs.KubernetesLogs.LogRequestRefusedException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Reads one container's log into a shared stream on a virtual thread. A followed log that ends or breaks is opened
 * again from the time of the last line read (lines already read are skipped), with growing waits between failed
 * attempts; a restarted container is followed into its new instance; each of these is said in a marker line.
 */
final class PodLogReader {

    private final KubernetesLogs logs;

    private final String pod;

    private final String container;

    private final LogRequest request;

    private final LogsProperties properties;

    private final SharedLogStream out;

    private final Runnable onFinished;

    private volatile boolean stopped;

    private volatile boolean podGone;

    private volatile boolean finished;

    private volatile LogConnection current;

    private Thread thread;

    private Integer knownRestarts;

    private Instant lastTime;

    private int seenAtLastTime;

    PodLogReader(KubernetesLogs logs, String pod, String container, Integer restarts, LogRequest request,
            LogsProperties properties, SharedLogStream out, Runnable onFinished) {
        this.logs = logs;
        this.pod = pod;
        this.container = container;
        this.knownRestarts = restarts;
        this.request = request;
        this.properties = properties;
        this.out = out;
        this.onFinished = onFinished;
    }

    String pod() {
        return pod;
    }

    String container() {
        return container;
    }

    synchronized void start() {
        thread = Thread.ofVirtual().name("log-reader-" + pod + "/" + container).start(this::run);
    }

    /** Stops reading now and closes the log request. */
    synchronized void stop() {
        stopped = true;
        closeCurrent();
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean isFinished() {
        return finished;
    }

    /** The pod is being deleted: read what it still writes, but do not open its log again. */
    void podGone() {
        podGone = true;
    }

    private void run() {
        Backoff backoff = new Backoff(properties.reconnectInitial(), properties.reconnectMax());
        boolean first = true;
        boolean outage = false;
        boolean waitingSaid = false;
        int failedAttempts = 0;
        try {
            while (!stopped) {
                long openedAt = System.nanoTime();
                boolean delivered;
                try (LogConnection connection = logs.open(pod, query(first))) {
                    current = connection;
                    if (stopped) {
                        return;
                    }
                    if (failedAttempts > 0) {
                        marker("Reconnected to the log of " + pod + "/" + container + " after " + failedAttempts
                                + (failedAttempts == 1 ? " failed attempt" : " failed attempts"));
                        failedAttempts = 0;
                    }
                    first = false;
                    delivered = read(connection);
                }
                catch (LogRequestRefusedException ex) {
                    if (stopped) {
                        return;
                    }
                    if (ex.code() == 404) {
                        marker("Pod " + pod + " is gone; its log ends here");
                        return;
                    }
                    if (ex.code() == 400 && waiting(ex.getMessage()) && request.following() && !podGone) {
                        if (!waitingSaid) {
                            marker("Waiting for " + pod + "/" + container + " to start: " + ex.getMessage());
                            waitingSaid = true;
                        }
                        pause(backoff.next());
                        continue;
                    }
                    if (ex.code() >= 500 && request.following() && !podGone) {
                        failedAttempts++;
                        if (!outage) {
                            marker("The API server failed the log of " + pod + "/" + container + " (" + ex.code()
                                    + " " + ex.getMessage() + "); reconnecting with backoff");
                            outage = true;
                        }
                        pause(backoff.next());
                        continue;
                    }
                    error("The API server refused the log of " + pod + "/" + container + " (" + ex.code() + "): "
                            + ex.getMessage());
                    return;
                }
                catch (IOException | RuntimeException ex) {
                    if (stopped) {
                        return;
                    }
                    if (!request.following() || podGone) {
                        error("The log of " + pod + "/" + container + " could not be read: "
                                + KubernetesLogs.rootMessage(ex));
                        return;
                    }
                    failedAttempts++;
                    if (!outage) {
                        marker("The log stream of " + pod + "/" + container + " was cut ("
                                + KubernetesLogs.rootMessage(ex) + "); reconnecting with backoff");
                        outage = true;
                    }
                    pause(backoff.next());
                    continue;
                }
                finally {
                    current = null;
                }
                if (stopped || !request.following() || podGone) {
                    return;
                }
                boolean stable = Duration.ofNanos(System.nanoTime() - openedAt).compareTo(properties.stableAfter()) >= 0;
                if (stable) {
                    outage = false;
                }
                if (stable || delivered) {
                    backoff.reset();
                }
                switch (fate()) {
                    case GONE -> {
                        marker("Pod " + pod + " is gone; its log ends here");
                        return;
                    }
                    case EXITED -> {
                        marker("Container " + container + " of " + pod + " has exited and will not restart; its log "
                                + "ends here");
                        return;
                    }
                    case RESTARTED -> marker("Container " + container + " of " + pod + " restarted (restart "
                            + knownRestarts + "); following the new instance");
                    case RUNNING -> {
                        if (!outage) {
                            marker("The API server closed the log stream of " + pod + "/" + container
                                    + "; reconnecting with backoff");
                            outage = true;
                        }
                        pause(backoff.next());
                    }
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            closeCurrent();
            finished = true;
            onFinished.run();
        }
    }

    /** Publishes the new lines of this connection; true when there was at least one. */
    private boolean read(LogConnection connection) throws IOException {
        boolean delivered = false;
        Instant skipTime = lastTime;
        int skip = seenAtLastTime;
        BufferedReader reader = new BufferedReader(new InputStreamReader(connection.body(), StandardCharsets.UTF_8),
                64 * 1024);
        String raw;
        while ((raw = reader.readLine()) != null) {
            if (stopped) {
                break;
            }
            int space = raw.indexOf(' ');
            Instant time = space > 0 ? parse(raw.substring(0, space)) : null;
            String text = time != null ? raw.substring(space + 1) : raw;
            if (time != null && skipTime != null) {
                if (time.isBefore(skipTime)) {
                    continue;
                }
                if (time.equals(skipTime) && skip > 0) {
                    skip--;
                    continue;
                }
            }
            if (time != null) {
                if (time.equals(lastTime)) {
                    seenAtLastTime++;
                }
                else {
                    lastTime = time;
                    seenAtLastTime = 1;
                }
            }
            out.publish(LogLine.Kind.LINE, pod, container, time, text);
            delivered = true;
        }
        return delivered;
    }

    private Map<String, String> query(boolean first) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("container", container);
        query.put("timestamps", "true");
        if (request.following()) {
            query.put("follow", "true");
        }
        if (request.previous()) {
            query.put("previous", "true");
        }
        if (lastTime != null) {
            // the API server reads sinceTime in whole seconds; lines of that second already read are skipped
            query.put("sinceTime", lastTime.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        else {
            int tail = request.tail() != null ? request.tail() : properties.defaultTail();
            if (first) {
                query.put("tailLines", String.valueOf(tail));
            }
            if (request.sinceSeconds() != null) {
                query.put("sinceSeconds", String.valueOf(request.sinceSeconds()));
            }
        }
        return query;
    }

    private Fate fate() {
        Pod now;
        try {
            now = logs.findPod(pod);
        }
        catch (RuntimeException ex) {
            return Fate.RUNNING;
        }
        if (now == null) {
            return Fate.GONE;
        }
        ContainerStatus status = status(now);
        if (status == null) {
            return Fate.RUNNING;
        }
        Integer restarts = status.getRestartCount();
        if (restarts != null && knownRestarts != null && restarts > knownRestarts) {
            knownRestarts = restarts;
            return Fate.RESTARTED;
        }
        knownRestarts = restarts;
        String phase = now.getStatus() != null ? now.getStatus().getPhase() : null;
        boolean terminated = status.getState() != null && status.getState().getTerminated() != null;
        if (terminated && ("Succeeded".equals(phase) || "Failed".equals(phase)
                || "Never".equals(now.getSpec().getRestartPolicy()))) {
            return Fate.EXITED;
        }
        return Fate.RUNNING;
    }

    private ContainerStatus status(Pod now) {
        if (now.getStatus() == null) {
            return null;
        }
        for (var statuses : List.of(now.getStatus().getContainerStatuses(),
                now.getStatus().getInitContainerStatuses())) {
            for (ContainerStatus status : statuses) {
                if (Objects.equals(status.getName(), container)) {
                    return status;
                }
            }
        }
        return null;
    }

    private static boolean waiting(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return lower.contains("waiting to start") || lower.contains("podinitializing")
                || lower.contains("containercreating");
    }

    private static Instant parse(String stamp) {
        try {
            return Instant.parse(stamp);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private void marker(String text) {
        out.publish(LogLine.Kind.MARKER, pod, container, null, text);
    }

    private void error(String text) {
        out.publish(LogLine.Kind.ERROR, pod, container, null, text);
    }

    private void pause(Duration wait) throws InterruptedException {
        if (!stopped) {
            Thread.sleep(wait);
        }
    }

    private void closeCurrent() {
        LogConnection connection = current;
        if (connection != null) {
            connection.close();
        }
    }

    private enum Fate {
        RUNNING, RESTARTED, EXITED, GONE
    }

    /** Waits that double from the first to the longest, and start over after a good connection. */
    static final class Backoff {

        private final Duration initial;

        private final Duration max;

        private Duration nextWait;

        Backoff(Duration initial, Duration max) {
            this.initial = initial;
            this.max = max;
            this.nextWait = initial;
        }

        Duration next() {
            Duration wait = nextWait;
            nextWait = nextWait.multipliedBy(2).compareTo(max) > 0 ? max : nextWait.multipliedBy(2);
            return wait;
        }

        void reset() {
            nextWait = initial;
        }
    }
}
