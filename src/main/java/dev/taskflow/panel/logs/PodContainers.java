package dev.taskflow.panel.logs;

import java.util.List;

/**
 * The containers whose logs a pod has.
 *
 * @param pod            the pod
 * @param containers     its app containers, the default first
 * @param initContainers its init containers, in the order they run
 */
public record PodContainers(String pod, List<String> containers, List<String> initContainers) {
}
