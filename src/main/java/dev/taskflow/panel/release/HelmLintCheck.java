package dev.taskflow.panel.release;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.stereotype.Component;

/** {@code helm lint} on the shipped chart, with {@code strict: true} counting warnings as failures. */
@Component
class HelmLintCheck implements Check {

    private final ReleaseService releases;

    HelmLintCheck(ReleaseService releases) {
        this.releases = releases;
    }

    @Override
    public String id() {
        return "helm-lint";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        boolean strict = Boolean.parseBoolean(context.parameter("strict", "false"));
        LintReport report = releases.lint(strict);
        report.messages().forEach(context::report);
        Evidence evidence = Evidence.command("helm lint" + (strict ? " --strict " : " ") + report.chart(),
                String.join("\n", report.messages()));
        if (!report.passed()) {
            return TaskOutcome.failed("helm lint" + (strict ? " --strict" : "") + " found problems in " + report.chart()
                    + ": fix the [ERROR]" + (strict ? " and [WARNING]" : "") + " lines shown.", evidence);
        }
        return TaskOutcome.passed("helm lint" + (strict ? " --strict" : "") + " passed: " + report.messages().size()
                + " message(s), no errors.", evidence);
    }
}
