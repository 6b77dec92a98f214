package dev.taskflow.panel.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One pod as the Cluster page and the API show it, in kubectl's words.
 *
 * @param name       the pod's name
 * @param component  backend or frontend (its {@code component} label)
 * @param phase      Pending, Running, Succeeded, Failed or Unknown
 * @param status     what {@code kubectl get pods} shows in STATUS: Running, CrashLoopBackOff, Init:0/1 …
 * @param ready      ready containers over all containers, e.g. {@code 1/1}
 * @param isReady    whether the pod's Ready condition is true
 * @param restarts   restarts summed over its containers
 * @param createdAt  when it was created
 * @param age        how long ago that was, e.g. {@code 3m12s}
 * @param node       the node it runs on, if scheduled
 * @param images     the images of its containers
 * @param terminating whether it is being deleted
 */
public record PodView(String name, String component, String phase, String status, String ready, boolean isReady,
        int restarts, Instant createdAt, String age, String node, List<String> images, boolean terminating) {
}
