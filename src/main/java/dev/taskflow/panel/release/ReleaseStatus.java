package dev.taskflow.panel.release;

import java.time.Instant;

/**
 * A release as Helm reports it after an operation or on {@code helm status}.
 *
 * @param name         the release name
 * @param namespace    its namespace
 * @param status       Helm's status: deployed, failed, pending-install, superseded, uninstalled …
 * @param revision     the release's current revision
 * @param lastDeployed when that revision was deployed
 * @param chart        chart name and version ({@code taskflow-1.0.0})
 * @param appVersion   the chart's appVersion
 * @param notes        what Helm printed (the chart's NOTES.txt), masked
 */
public record ReleaseStatus(String name, String namespace, String status, int revision, Instant lastDeployed,
        String chart, String appVersion, String notes) {
}
