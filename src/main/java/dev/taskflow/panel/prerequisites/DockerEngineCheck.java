package dev.taskflow.panel.prerequisites;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** Checks that the Docker engine answers, and records its version. */
@Component
class DockerEngineCheck implements Check {

    private final DockerEngine engine;

    DockerEngineCheck(DockerEngine engine) {
        this.engine = engine;
    }

    @Override
    public String id() {
        return "docker-engine";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        DockerEngineReport report = engine.probe();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("state", report.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        values.put("host", report.host());
        if (report.running()) {
            values.put("version", report.version());
            values.put("apiVersion", report.apiVersion());
            values.put("platform", report.platform());
        }
        Evidence evidence = new Evidence(Evidence.Kind.COMMAND, "docker-java: ping + version at " + report.host(),
                report.problem(), values);
        if (!report.running()) {
            return TaskOutcome.failed(report.problem(), evidence);
        }
        return TaskOutcome.passed("Docker Engine " + report.version() + " is running (API " + report.apiVersion() + ", "
                + report.platform() + ")", evidence);
    }
}
