package dev.taskflow.panel.cluster;

import java.util.List;

import dev.taskflow.panel.pipeline.ConflictException;

/** A command needs a Ready pod of a component and there is none; the message says what the pods are doing. */
class NoReadyPodException extends ConflictException {

    NoReadyPodException(String component, String app, String namespace, List<String> pods) {
        super(pods.isEmpty()
                ? "There is no " + component + " pod labelled app=" + app + " in namespace " + namespace
                        + ": install the release (helm install), or check panel.cluster-ops.app-labels."
                : "No " + component + " pod is Ready yet (" + String.join(", ", pods) + "): see the Cluster page's "
                        + "diagnosis, or wait for pods-ready.");
    }
}
