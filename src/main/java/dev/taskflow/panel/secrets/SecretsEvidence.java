package dev.taskflow.panel.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;

/** Evidence about secrets that holds fingerprints and lengths only. */
final class SecretsEvidence {

    private SecretsEvidence() {
    }

    static Evidence fingerprints(SecretsReport report) {
        Map<String, String> values = new LinkedHashMap<>();
        if (report.mode() != null) {
            values.put("mode", report.mode());
        }
        report.keys().forEach(key -> values.put(key.key(), key.display()));
        return new Evidence(Evidence.Kind.FILE, report.location(), findings(report), values);
    }

    static Evidence created(CreatedTemplate created) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("mode", created.mode() == null ? "no POSIX modes here" : created.mode());
        values.put("keys", String.join(", ", created.keys()));
        return new Evidence(Evidence.Kind.FILE, created.location(), "Written from the template with placeholders", values);
    }

    static Evidence probe(DatabaseProbeResult result) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "target", result.target());
        put(values, "jdbcUrl", result.jdbcUrl());
        put(values, "sslmode", result.sslMode());
        put(values, "serverVersion", result.serverVersion());
        put(values, "connectMs", result.connectMillis());
        put(values, "latencyMs", result.latencyMillis());
        put(values, "ssl", result.ssl());
        if (result.failure() != null) {
            put(values, "failure", result.failure().kind().label());
            put(values, "sqlState", result.failure().sqlState());
        }
        String body = result.notes().isEmpty() ? null : String.join("\n", result.notes());
        return new Evidence(Evidence.Kind.MEASUREMENT, "Database probe (select 1, show server_version)", body, values);
    }

    private static String findings(SecretsReport report) {
        List<String> lines = new ArrayList<>();
        report.errors().forEach(error -> lines.add("error: " + error));
        report.warnings().forEach(warning -> lines.add("warning: " + warning));
        return lines.isEmpty() ? "All keys valid" : String.join("\n", lines);
    }

    private static void put(Map<String, String> values, String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
    }
}
