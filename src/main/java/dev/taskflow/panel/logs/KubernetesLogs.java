package dev.taskflow.panel.logs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.ClusterUnavailableException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.springframework.stereotype.Component;

/**
 * The logs capability's one adapter to the API server: pods, the namespace, pod watches and raw log streams. Log
 * streams are plain HTTP requests on fabric8's client, since its log watch hands an error status over as log text.
 */
@Component
class KubernetesLogs {

    /** Reads are tried this often when the connection fails under them. */
    private static final int CONNECTION_ATTEMPTS = 5;

    private final ClusterConnection connection;

    private final AtomicInteger openLogStreams = new AtomicInteger();

    KubernetesLogs(ClusterConnection connection) {
        this.connection = connection;
    }

    String namespace() {
        return connection.namespace();
    }

    /** Log responses from the API server not yet closed. */
    int openLogStreams() {
        return openLogStreams.get();
    }

    /** The pod, or null when it does not exist. */
    Pod findPod(String name) {
        KubernetesClient client = connection.client();
        return call(() -> client.pods().inNamespace(namespace()).withName(name).get());
    }

    /** The pod, or a 404 naming the pods there are (or the missing namespace). */
    Pod pod(String name) {
        Pod pod = findPod(name);
        if (pod == null) {
            requireNamespace();
            throw LogSourceNotFoundException.pod(name, namespace(), podNames(Map.of()));
        }
        return pod;
    }

    List<Pod> pods(Map<String, String> labels) {
        KubernetesClient client = connection.client();
        return call(() -> client.pods().inNamespace(namespace()).withLabels(labels).list().getItems());
    }

    List<String> podNames(Map<String, String> labels) {
        return pods(labels).stream().map(pod -> pod.getMetadata().getName()).sorted().toList();
    }

    /** A 404 when the namespace is missing; a user not allowed to read namespaces is given the benefit of the doubt. */
    void requireNamespace() {
        KubernetesClient client = connection.client();
        try {
            if (call(() -> client.namespaces().withName(namespace()).get()) == null) {
                throw LogSourceNotFoundException.namespace(namespace());
            }
        }
        catch (ClusterUnavailableException ex) {
            if (!(ex.getCause() instanceof KubernetesClientException cause) || cause.getCode() != 403) {
                throw ex;
            }
        }
    }

    /** Watches the pods with these labels; the handler hears of every pod there is now, then of each change. */
    SharedIndexInformer<Pod> watchPods(Map<String, String> labels, ResourceEventHandler<Pod> handler) {
        KubernetesClient client = connection.client();
        return call(() -> client.pods().inNamespace(namespace()).withLabels(labels).inform(handler, 0));
    }

    /**
     * Opens one container's log with the API server's query parameters (container, follow, timestamps, tailLines,
     * sinceSeconds, sinceTime, previous). The stream stays open while the API server sends.
     */
    LogConnection open(String pod, Map<String, String> query) throws IOException, LogRequestRefusedException {
        KubernetesClient client = connection.client();
        HttpClient http = client.getHttpClient();
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
                + encode(namespace()) + "/pods/" + encode(pod) + "/log?" + query.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + encode(entry.getValue())).collect(Collectors.joining("&"));
        HttpRequest request = http.newHttpRequestBuilder().uri(url).forStreaming().build();
        HttpResponse<InputStream> response;
        try {
            response = http.sendAsync(request, InputStream.class).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the log of " + pod, ex);
        }
        catch (ExecutionException ex) {
            throw new IOException(rootMessage(ex), ex.getCause());
        }
        InputStream body = response.body();
        if (!response.isSuccessful()) {
            String message = statusMessage(body);
            throw new LogRequestRefusedException(response.code(), message);
        }
        openLogStreams.incrementAndGet();
        return new LogConnection(body, openLogStreams);
    }

    private static String statusMessage(InputStream body) {
        if (body == null) {
            return "no message";
        }
        try (body) {
            String text = new String(body.readNBytes(8192), StandardCharsets.UTF_8);
            try {
                Status status = Serialization.unmarshal(text, Status.class);
                if (status != null && status.getMessage() != null) {
                    return status.getMessage();
                }
            }
            catch (RuntimeException notStatus) {
                // not a Status document: the text itself is the best message there is
            }
            return text.strip();
        }
        catch (IOException ex) {
            return ex.getMessage();
        }
    }

    /**
     * Turns the client's failures into messages that say what to do. A read that fails on the connection (a pooled
     * connection the server had just closed) is tried again (five times in all, with a short growing pause) before the API server counts as unreachable.
     */
    <T> T call(Supplier<T> action) {
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    return action.get();
                }
                catch (KubernetesClientException ex) {
                    if (ex.getCode() > 0 || attempt == CONNECTION_ATTEMPTS) {
                        throw ex;
                    }
                    // several pooled connections can be stale at once; a short, growing pause lets the pool renew
                    pause(Duration.ofMillis(20L * attempt));
                }
            }
        }
        catch (KubernetesClientException ex) {
            String server = masterUrl();
            if (ex.getCode() == 401 || ex.getCode() == 403) {
                throw new ClusterUnavailableException("The API server at " + server + " refused the request ("
                        + ex.getCode() + " " + rootMessage(ex) + "): the kubeconfig's user needs to get, list and "
                        + "watch pods and get pods/log in namespace " + namespace() + ".", ex);
            }
            if (ex.getCode() >= 400 && ex.getCode() < 500) {
                throw new LogSourceNotFoundException("The API server at " + server + " answered " + ex.getCode()
                        + ": " + rootMessage(ex));
            }
            throw new ClusterUnavailableException("The API server at " + server + " does not answer ("
                    + rootMessage(ex) + "): start the cluster (`minikube start`) or point panel.cluster.kubeconfig "
                    + "at a cluster that runs.", ex);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while retrying the API server", ex);
        }
    }

    private String masterUrl() {
        try {
            return connection.client().getMasterUrl().toString();
        }
        catch (RuntimeException ex) {
            return "(unknown)";
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (error instanceof KubernetesClientException client && client.getStatus() != null
                && client.getStatus().getMessage() != null) {
            message = client.getStatus().getMessage();
        }
        return message.lines().findFirst().orElse(message);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The API server said no to a log request; 400 is a container not started (or not there), 404 a pod gone. */
    static final class LogRequestRefusedException extends Exception {

        private final int code;

        LogRequestRefusedException(int code, String message) {
            super(message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** An open log response; closing it ends the request and is counted. */
    static final class LogConnection implements AutoCloseable {

        private final InputStream body;

        private final AtomicInteger open;

        private boolean closed;

        LogConnection(InputStream body, AtomicInteger open) {
            this.body = body;
            this.open = open;
        }

        InputStream body() {
            return body;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            open.decrementAndGet();
            try {
                body.close();
            }
            catch (IOException ex) {
                // the request is over either way
            }
        }
    }
}
