package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * How long one pod took from creation to Ready, against the budget.
 *
 * @param pod            the pod
 * @param component      backend or frontend
 * @param createdAt      when the pod was created
 * @param readyAt        when its Ready condition last turned true (as the kubelet reports it)
 * @param startup        the time between the two
 * @param withinBudget   whether that is within the pod budget
 */
public record PodStartupTiming(String pod, String component, Instant createdAt, Instant readyAt, Duration startup,
        boolean withinBudget) {
}
