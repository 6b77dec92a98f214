package dev.taskflow.panel.prerequisites;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;

/**
 * Checks that a command-line tool is installed and new enough. Parameters: {@code minVersion} (e.g. {@code 1.28}),
 * or {@code major} when the plan names a major line (Helm {@code 3}).
 */
class ToolVersionCheck implements Check {

    private final String id;

    private final CliTool tool;

    private final ToolProbe probe;

    private final String defaultMinimum;

    ToolVersionCheck(String id, CliTool tool, ToolProbe probe, String defaultMinimum) {
        this.id = id;
        this.tool = tool;
        this.probe = probe;
        this.defaultMinimum = defaultMinimum;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        String major = context.parameter("major", null);
        String minimumText = context.parameter("minVersion", major != null ? major + ".0" : defaultMinimum);
        ToolVersion minimum = minimumText == null ? null : ToolVersion.parse(minimumText);
        ToolReport report = probe.probe(tool, minimum);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("installed", String.valueOf(report.installed()));
        if (report.path() != null) {
            values.put("path", report.path().toString());
        }
        if (report.version() != null) {
            values.put("version", report.version().text());
        }
        if (minimum != null) {
            values.put("required", (major != null ? major + ".x" : "≥ " + minimum.text()));
        }
        Evidence evidence = new Evidence(Evidence.Kind.COMMAND, report.command(), report.output(), values);
        if (!report.usable()) {
            return TaskOutcome.failed(report.problem(), evidence);
        }
        if (major != null && report.version().major() != Integer.parseInt(major.trim())) {
            return TaskOutcome.failed(tool.program() + " " + report.version() + " is not the " + major
                    + ".x line the plan names. " + tool.installHint(), evidence);
        }
        return TaskOutcome.passed(tool.program() + " " + report.version() + " is installed at " + report.path(), evidence);
    }
}
