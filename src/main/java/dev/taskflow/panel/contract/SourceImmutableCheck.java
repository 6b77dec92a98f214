package dev.taskflow.panel.contract;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/**
 * Seed T038: the app's source folders have no changes against HEAD. {@code paths} (comma-separated) overrides
 * {@code panel.contract.immutable-paths}.
 */
@Component
class SourceImmutableCheck implements Check {

    private final SourceGuard guard;

    SourceImmutableCheck(SourceGuard guard) {
        this.guard = guard;
    }

    @Override
    public String id() {
        return "source-immutable";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String paths = context.parameter("paths", null);
        ImmutabilityReport report;
        try {
            report = paths == null ? guard.check()
                    : guard.check(Arrays.stream(paths.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList());
        }
        catch (AppSourceException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("repository", report.repository());
        values.put("commit", report.commit());
        values.put("branch", report.branch());
        values.put("paths", String.join(", ", report.paths().stream().map(ImmutabilityReport.PathStatus::path).toList()));
        List<String> changes = report.changes();
        values.put("changedFiles", String.valueOf(changes.size()));
        Evidence evidence = new Evidence(Evidence.Kind.MEASUREMENT, "git status of the app's source against HEAD "
                + report.commit(), changes.isEmpty() ? "No changes." : String.join("\n", changes), values);
        if (!report.clean()) {
            return TaskOutcome.failed(changes.size() + " file(s) changed in the app's source ("
                    + String.join("; ", changes.stream().limit(5).toList()) + (changes.size() > 5 ? "; …" : "")
                    + "): restore them with `git restore` / `git clean`, or move deployment files out of those folders.",
                    evidence);
        }
        List<String> absent = report.paths().stream().filter(path -> !path.exists())
                .map(ImmutabilityReport.PathStatus::path).toList();
        if (!absent.isEmpty()) {
            return TaskOutcome.failed("The guarded folder(s) " + String.join(", ", absent) + " do not exist in "
                    + report.repository() + ", so nothing was proved: fix the task's paths or "
                    + "panel.contract.immutable-paths.", evidence);
        }
        return TaskOutcome.passed("The app's source is unchanged against " + report.branch() + " @ "
                + abbreviate(report.commit()), evidence);
    }

    private static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
