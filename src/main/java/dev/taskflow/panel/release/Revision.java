package dev.taskflow.panel.release;

import java.time.Instant;

/**
 * One line of a release's history.
 *
 * @param revision    the revision number, from 1
 * @param updated     when it was deployed
 * @param status      deployed, superseded, failed …
 * @param chart       chart name and version
 * @param appVersion  the chart's appVersion
 * @param description what Helm recorded ("Install complete", "Upgrade complete", "Rollback to 1")
 */
public record Revision(int revision, Instant updated, String status, String chart, String appVersion,
        String description) {
}
