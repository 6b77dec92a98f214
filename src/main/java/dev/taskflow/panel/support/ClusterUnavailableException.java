package dev.taskflow.panel.support;

/** The cluster cannot be reached: no kubeconfig, an unreadable one, or an API server that does not answer. */
public class ClusterUnavailableException extends RuntimeException {

    public ClusterUnavailableException(String message) {
        super(message);
    }

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
