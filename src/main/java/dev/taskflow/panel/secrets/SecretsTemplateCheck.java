package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.pipeline.Task;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Seeds TaskFlow T013 and habit-tracker T002: writes {@code secrets.env} from the template when there is none (the
 * person then fills it in), and once it exists checks that it reads and that every key has a real value. For an
 * artifact task (todo-app T028) it checks the chart's Secret template instead: every key named, none given a
 * literal value.
 */
@Component
class SecretsTemplateCheck implements Check {

    private static final Pattern YAML_VALUE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(.*?)\\s*$");

    private final SecretsFile secrets;

    private final PipelineProperties pipeline;

    SecretsTemplateCheck(SecretsFile secrets, PipelineProperties pipeline) {
        this.secrets = secrets;
        this.pipeline = pipeline;
    }

    @Override
    public String id() {
        return "secrets-template";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws IOException {
        String plan = context.plan().id();
        Task task = context.task();
        if (task != null && task.satisfiedBy().kind() == Task.Kind.ARTIFACT && task.satisfiedBy().path() != null) {
            return chartTemplate(plan, pipeline.repoRoot().resolve(task.satisfiedBy().path()).normalize());
        }
        if (!Files.exists(secrets.location())) {
            CreatedTemplate created = secrets.createFromTemplate(plan);
            context.report("Wrote " + created.location());
            return TaskOutcome.passed("Created " + created.location() + (created.mode() == null ? "" : " (mode "
                    + created.mode() + ")") + " with placeholders for " + String.join(", ", created.keys())
                    + ": fill in the real values now, then run this task again to validate them.",
                    SecretsEvidence.created(created));
        }
        SecretsReport report = secrets.validate(plan);
        if (!report.valid()) {
            return TaskOutcome.failed(report.location() + " is not ready: " + String.join("; ", report.errors())
                    + ". Edit the file and run this task again.", SecretsEvidence.fingerprints(report));
        }
        long keys = report.keys().stream().filter(SecretFingerprint::present).count();
        int warnings = report.warnings().size();
        return TaskOutcome.passed(report.location() + " reads cleanly and holds real values for all " + keys
                + " keys" + (warnings == 0 ? "" : " (" + warnings + " warning" + (warnings == 1 ? "" : "s")
                        + " in the evidence)"), SecretsEvidence.fingerprints(report));
    }

    /** A chart's Secret template must take each value from the values file, never carry it. */
    private TaskOutcome chartTemplate(String plan, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return TaskOutcome.failed(file + " does not exist: create the chart's Secret template first.");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : secrets.requiredKeys(plan)) {
            String state = "absent";
            for (String line : text.lines().toList()) {
                Matcher matcher = YAML_VALUE.matcher(line);
                if (matcher.matches() && matcher.group(1).equals(key)) {
                    String value = matcher.group(2).replaceAll("^[\"']|[\"']$", "");
                    state = value.contains("{{") ? "templated" : value.isEmpty() || SecretsTemplate.isPlaceholder(value)
                            ? "placeholder" : "literal";
                    break;
                }
            }
            if (state.equals("absent") && text.contains(key)) {
                state = "referenced";
            }
            found.put(key, state);
            if (state.equals("absent")) {
                problems.add(key + " is not in it");
            }
            else if (state.equals("literal")) {
                problems.add(key + " carries a literal value: take it from the values file ({{ .Values… }})");
            }
        }
        Evidence evidence = new Evidence(Evidence.Kind.FILE, file.toString(), null, found);
        if (!problems.isEmpty()) {
            return TaskOutcome.failed("The Secret template " + file.getFileName() + " is not right: "
                    + String.join("; ", problems) + ".", evidence);
        }
        return TaskOutcome.passed("The Secret template " + file.getFileName() + " names " + String.join(", ", found.keySet())
                + " and takes every value from the values file", evidence);
    }
}
