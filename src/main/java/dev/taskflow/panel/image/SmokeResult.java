package dev.taskflow.panel.image;

import java.util.List;

/**
 * A smoke run: the container started, was asked its health path, and was removed.
 *
 * @param reference  the image run
 * @param url        the URL asked
 * @param status     the HTTP status (0 when none came)
 * @param body       the start of the answer
 * @param durationMs from start to answer
 * @param problem    why it failed, or {@code null}
 * @param logs       the container's last log lines (masked)
 */
public record SmokeResult(String reference, String url, int status, String body, long durationMs, String problem,
        List<String> logs) {

    public boolean passed() {
        return problem == null && status >= 200 && status < 400;
    }
}
