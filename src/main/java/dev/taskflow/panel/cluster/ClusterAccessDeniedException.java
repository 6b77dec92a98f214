package dev.taskflow.panel.cluster;

/** The API server refused an operation (HTTP 403): the kubeconfig's user lacks the RBAC permission for it. */
public class ClusterAccessDeniedException extends RuntimeException {

    public ClusterAccessDeniedException(String message) {
        super(message);
    }
}
