package dev.taskflow.panel.cluster;

import java.time.Instant;

/**
 * One Kubernetes Event about the app's objects.
 *
 * @param type     Normal or Warning
 * @param reason   the short reason: Scheduled, Pulled, BackOff, Unhealthy, FailedScheduling …
 * @param object   the object it is about, as {@code Kind/name}
 * @param message  what happened
 * @param count    how many times it happened
 * @param lastSeen when it last happened
 */
public record EventView(String type, String reason, String object, String message, int count, Instant lastSeen) {
}
