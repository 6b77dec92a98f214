package dev.taskflow.panel.compose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Evidence;

/** The stack's operations and services as evidence entries. */
final class ComposeEvidence {

    private ComposeEvidence() {
    }

    static List<Evidence> of(ComposeOperation operation) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(Evidence.Kind.COMMAND, operation.command(), operation.output(),
                Map.of("tool", operation.tool(), "durationMs", String.valueOf(operation.durationMs()))));
        for (ServiceStatus service : operation.services()) {
            evidence.add(service(service, operation.timeToHealthy().get(service.service())));
        }
        return evidence;
    }

    static Evidence service(ServiceStatus service, Duration timeToHealthy) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("container", service.container());
        values.put("state", service.state());
        values.put("health", service.health());
        values.put("ports", String.join(", ", service.ports()));
        if (service.startedAt() != null) {
            values.put("startedAt", service.startedAt().toString());
        }
        if (timeToHealthy != null) {
            values.put("timeToHealthyMs", String.valueOf(timeToHealthy.toMillis()));
        }
        return Evidence.measurement("service " + service.service(), values);
    }
}
