package dev.taskflow.panel.release;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;

/** How release operations are recorded as evidence. */
final class ReleaseEvidence {

    private ReleaseEvidence() {
    }

    static Evidence of(String command, ReleaseStatus status) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("release", status.name());
        values.put("namespace", status.namespace());
        values.put("status", status.status());
        values.put("revision", String.valueOf(status.revision()));
        values.put("chart", status.chart());
        if (status.lastDeployed() != null) {
            values.put("deployed", status.lastDeployed().toString());
        }
        return new Evidence(Evidence.Kind.COMMAND, command, status.notes(), values);
    }
}
