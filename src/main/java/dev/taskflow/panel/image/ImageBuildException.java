package dev.taskflow.panel.image;

import java.util.List;

/**
 * A build that ended without an image: the message names the cause and the fix, and the build log so far stays
 * with it, so the run can be recorded as failed with everything the engine said.
 */
public class ImageBuildException extends RuntimeException {

    private final Reason reason;

    private final List<String> log;

    ImageBuildException(Reason reason, String message, List<String> log, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.log = List.copyOf(log);
    }

    ImageBuildException(Reason reason, String message) {
        this(reason, message, List.of(), null);
    }

    public Reason reason() {
        return reason;
    }

    /** The build's output up to the failure. */
    public List<String> log() {
        return log;
    }

    /** Why a build ended without an image. */
    public enum Reason {
        NO_DOCKERFILE, NO_CONTEXT, CONTEXT_NOT_ALLOWED, INVALID_TAG, MISSING_COPY_SOURCE, BASE_IMAGE_UNAVAILABLE,
        ENGINE_NOT_RUNNING, ENGINE_LOST, STEP_FAILED, CANCELLED, TIMED_OUT
    }
}
