package dev.taskflow.panel.image;

import java.time.Instant;
import java.util.List;

/**
 * One build as the panel keeps it: how it ended and the log it wrote (masked).
 *
 * @param plan       the plan's id
 * @param component  backend or frontend
 * @param status     running, succeeded, failed or cancelled
 * @param message    on failure: the cause and the fix
 * @param reason     on failure: the sort of failure
 * @param imageId    the image made, when one was
 * @param tags       the references asked for
 * @param steps      Dockerfile steps run
 * @param cached     steps taken from the engine's cache
 * @param startedAt  when it started
 * @param durationMs how long it took
 * @param log        the build log
 */
public record BuildRecord(String plan, String component, Status status, String message,
        ImageBuildException.Reason reason, String imageId, List<String> tags, int steps, int cached, Instant startedAt,
        long durationMs, List<String> log) {

    public BuildRecord {
        tags = List.copyOf(tags);
        log = List.copyOf(log);
    }

    /** How a build ended. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED, CANCELLED
    }
}
