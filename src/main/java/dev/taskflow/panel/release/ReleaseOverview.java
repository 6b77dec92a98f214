package dev.taskflow.panel.release;

import java.time.Instant;
import java.util.List;

/**
 * A release with its history, for the Release page and {@code GET /api/releases}.
 *
 * @param release   the release name
 * @param namespace its namespace
 * @param installed whether Helm has a record of it
 * @param status    the current revision's status, or {@code null} when not installed
 * @param revisions its revisions, newest first
 * @param problem   why the cluster could not be asked, with the fix; {@code null} when it answered
 */
public record ReleaseOverview(String release, String namespace, boolean installed, ReleaseStatus status,
        List<RevisionEntry> revisions, String problem) {

    public ReleaseOverview {
        revisions = List.copyOf(revisions);
    }

    /**
     * One revision with who made it and what changed in its values.
     *
     * @param revision    the revision number
     * @param updated     when
     * @param status      deployed, superseded, failed …
     * @param chart       chart name and version
     * @param description Helm's description
     * @param actor       who asked for it (the panel's audit), or "outside the panel"
     * @param changes     value paths changed since the previous revision; secret ones say so without values
     */
    public record RevisionEntry(int revision, Instant updated, String status, String chart, String description,
            String actor, List<String> changes) {

        public RevisionEntry {
            changes = List.copyOf(changes);
        }
    }
}
