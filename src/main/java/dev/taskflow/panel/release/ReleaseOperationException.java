package dev.taskflow.panel.release;

import java.util.Locale;

import dev.taskflow.panel.pipeline.ConflictException;

/** A Helm operation that did not succeed, naming the operation, release and namespace, Helm's reason and the fix. */
public class ReleaseOperationException extends ConflictException {

    private final String operation;

    private final String helmMessage;

    ReleaseOperationException(String operation, String message, String helmMessage) {
        super(message);
        this.operation = operation;
        this.helmMessage = helmMessage;
    }

    /** Helm's own words (masked), for evidence. */
    public String helmMessage() {
        return helmMessage;
    }

    public String operation() {
        return operation;
    }

    static ReleaseOperationException from(String operation, String release, String namespace, String helmMessage) {
        String reason = helmMessage == null || helmMessage.isBlank() ? "no reason given" : helmMessage.strip();
        String where = release == null ? "" : " of release '" + release + "' in namespace '" + namespace + "'";
        return new ReleaseOperationException(operation, "helm " + operation + where + " failed: " + firstLine(reason)
                + ". " + advice(operation, reason), reason);
    }

    private static String advice(String operation, String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        if (text.contains("cannot re-use a name that is still in use")) {
            return "The release is already installed: upgrade it, or uninstall it first.";
        }
        if (text.contains("has no deployed releases") || text.contains("release: not found")) {
            return "The release is not installed: install it first.";
        }
        if (text.contains("no configuration has been provided") || text.contains("kubeconfig")
                && text.contains("no such file")) {
            return "There is no kubeconfig: run `minikube start` (it writes ~/.kube/config) or set "
                    + "panel.cluster.kubeconfig.";
        }
        if (text.contains("cluster unreachable") || text.contains("connection refused") || text.contains("no such host")
                || text.contains("i/o timeout")) {
            return "The Kubernetes API server does not answer: start the cluster (`minikube start`) or switch to a "
                    + "reachable context.";
        }
        if (text.contains("forbidden")) {
            return "The cluster refused the request (RBAC): use a kube context allowed to manage this namespace.";
        }
        if (text.contains("timed out waiting") || text.contains("context deadline exceeded")) {
            return "The pods did not become ready in time: look at the pods and their events, fix the cause "
                    + "(image not loaded, failing probe, missing secret) and upgrade again.";
        }
        if (operation.equals("lint") || operation.equals("template")) {
            return "Fix the chart or the values named above and try again.";
        }
        return "Fix the cause above and try again.";
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse(text);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
