package dev.taskflow.panel.release;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One revision of a release as Helm stored it in the cluster (Secret {@code sh.helm.release.v1.<name>.v<N>}): the
 * chart it was made from, the values it was given, and the manifest Helm applied.
 *
 * @param name         the release name
 * @param revision     the revision number
 * @param status       deployed, superseded, failed …
 * @param description  what Helm recorded for it
 * @param deployed     when it was deployed
 * @param chartName    the chart's name
 * @param chartVersion the chart's version
 * @param config       the values given at install or upgrade (not the chart's defaults)
 * @param manifest     the rendered manifest Helm applied, unmasked: never show it without {@link RenderedManifests}
 * @param chart        the chart as Helm stored it (metadata, templates, values, files)
 */
record ReleaseRecord(String name, int revision, String status, String description, Instant deployed,
        String chartName, String chartVersion, Map<String, Object> config, String manifest, JsonNode chart) {
}
