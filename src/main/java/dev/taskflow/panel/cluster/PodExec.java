package dev.taskflow.panel.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs the fixed catalogue of {@link InPodCommand}s inside pods through the API server's exec, never a shell string
 * from the browser. Each exec is written to the audit log (pod, container, tool, purpose, exit code); when the image
 * lacks a tool the next one of the catalogue is tried and the answer says which was used.
 */
@Component
public class PodExec {

    private static final Logger AUDIT = LoggerFactory.getLogger("dev.taskflow.panel.cluster.audit");

    private final ClusterService cluster;

    PodExec(ClusterService cluster) {
        this.cluster = cluster;
    }

    /** The first command of {@code alternatives} whose tool the image has; fails when it has none of them. */
    ExecResult firstAvailable(String pod, String container, List<InPodCommand> alternatives) {
        List<String> missing = new ArrayList<>();
        for (InPodCommand command : alternatives) {
            ExecResult result = exec(pod, container, command);
            if (!result.toolMissing()) {
                return result.afterMissing(missing);
            }
            missing.add(command.tool());
        }
        throw new ToolsMissingException(pod, container, missing);
    }

    ExecResult exec(String pod, String container, InPodCommand command) {
        Duration timeout = cluster.properties().execTimeout();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<String> failure = new CompletableFuture<>();
        long started = System.nanoTime();
        String what = "run " + command.tool() + " in pod " + pod + " (container " + container + ")";
        int exit;
        try (ExecWatch watch = KubeCalls.call(what, () -> cluster.client().pods().inNamespace(cluster.namespace())
                .withName(pod).inContainer(container).writingOutput(out).writingError(err)
                .usingListener(new ExecListener() {
                    @Override
                    public void onFailure(Throwable cause, Response response) {
                        failure.complete(cause.getMessage());
                    }

                    @Override
                    public void onClose(int code, String reason) {
                    }

                    @Override
                    public void onExit(int code, Status status) {
                        if (status != null && status.getMessage() != null) {
                            failure.complete(status.getMessage());
                        }
                    }
                }).exec(command.argv().toArray(String[]::new)))) {
            exit = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof KubernetesClientException client) {
                throw KubeCalls.translate(what, client);
            }
            throw new IllegalStateException("Could not " + what + ": " + ex.getCause().getMessage(), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("The command to " + command.purpose() + " in pod " + pod + " did not "
                    + "finish within " + timeout.toSeconds() + " s (panel.cluster-ops.exec-timeout).");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + command.tool() + " in pod " + pod, ex);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String stderr = err.toString(StandardCharsets.UTF_8) + failure.getNow("");
        if (stderr.contains("Forbidden") && exit == -1) {
            throw new ClusterAccessDeniedException("The cluster refused to " + what + " (" + stderr.strip()
                    + "): the kubeconfig's user needs the create verb on pods/exec.");
        }
        AUDIT.info("exec pod={} container={} tool={} purpose=\"{}\" exit={} took={}ms", pod, container,
                command.tool(), command.purpose(), exit, took.toMillis());
        return new ExecResult(pod, container, command.display(), command.tool(), exit,
                out.toString(StandardCharsets.UTF_8), stderr, took, List.of());
    }
}
