package dev.taskflow.panel.compose;

import java.time.Instant;
import java.util.List;

/**
 * An up or down started from the page, as it stands: its output so far and, once finished, how it ended.
 *
 * @param id         the operation's id ({@code compose-up-…})
 * @param action     {@code up} or {@code down}
 * @param startedAt  when it started
 * @param finishedAt when it ended, or {@code null} while it runs
 * @param status     running, passed or failed
 * @param summary    one line (on failure, the cause and the fix), or {@code null} while it runs
 * @param lines      its output lines so far, masked
 */
public record OperationView(String id, String action, Instant startedAt, Instant finishedAt, String status,
        String summary, List<String> lines) {

    public OperationView {
        lines = List.copyOf(lines);
    }

    public boolean finished() {
        return finishedAt != null;
    }
}
