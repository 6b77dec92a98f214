package dev.taskflow.panel.release;

import java.util.List;

/**
 * A chart rendered with the values an install would use, every Secret value hidden.
 *
 * @param chart       the chart folder
 * @param valuesFiles the values files applied, in order (names only)
 * @param sets        the {@code --set} keys applied (values not shown: they may be secrets)
 * @param manifests   the resources, masked
 */
public record RenderedRelease(String chart, List<String> valuesFiles, List<String> sets, List<Manifest> manifests) {

    public RenderedRelease {
        valuesFiles = List.copyOf(valuesFiles);
        sets = List.copyOf(sets);
        manifests = List.copyOf(manifests);
    }

    /** All resources as one masked YAML stream. */
    public String yaml() {
        return RenderedManifests.join(manifests);
    }
}
