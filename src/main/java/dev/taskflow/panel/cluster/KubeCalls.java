package dev.taskflow.panel.cluster;

import java.util.function.Supplier;

import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.support.ClusterUnavailableException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns fabric8 failures into the panel's exceptions, each saying what was asked and what to do. */
final class KubeCalls {

    private KubeCalls() {
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (KubernetesClientException ex) {
            throw translate(what, ex);
        }
    }

    static RuntimeException translate(String what, KubernetesClientException ex) {
        int code = code(ex);
        if (code == 403) {
            return new ClusterAccessDeniedException("The cluster refused to " + what + " (403 Forbidden): the "
                    + "kubeconfig's user lacks the RBAC permission. Check it with `kubectl auth can-i` and grant it "
                    + "with a Role and RoleBinding, or use Minikube's admin context.");
        }
        if (code == 404) {
            return new PlanElementNotFoundException("cluster object", what + " (404 Not Found)",
                    java.util.List.of("see the Cluster page for what exists"));
        }
        if (code <= 0 || code >= 500) {
            String reason = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause().getMessage()
                    : ex.getMessage();
            return new ClusterUnavailableException("The API server did not answer while trying to " + what + " ("
                    + firstLine(reason) + "): check `minikube status` and start the cluster with `minikube start`.",
                    ex);
        }
        return new IllegalStateException("The cluster answered " + code + " while trying to " + what + ": "
                + firstLine(ex.getMessage()), ex);
    }

    /** An exec or port-forward refused at the WebSocket upgrade carries its status in the handshake's response. */
    static int code(KubernetesClientException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.fabric8.kubernetes.client.http.WebSocketHandshakeException handshake
                    && handshake.getResponse() != null) {
                return handshake.getResponse().code();
            }
        }
        return ex.getCode();
    }

    static String firstLine(String text) {
        if (text == null) {
            return "no reason given";
        }
        return text.lines().findFirst().orElse(text);
    }
}
