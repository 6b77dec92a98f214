package dev.taskflow.panel.prerequisites;

import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ToolsProperties;
import org.springframework.stereotype.Component;

/**
 * Starts the Minikube cluster with the plan's resources ({@code cpus}, {@code memory} in MB; optional {@code driver}),
 * streaming minikube's output into the page as it comes.
 */
@Component
class MinikubeStartCheck implements Check {

    private final Minikube minikube;

    private final ToolsProperties tools;

    MinikubeStartCheck(Minikube minikube, ToolsProperties tools) {
        this.minikube = minikube;
        this.tools = tools;
    }

    @Override
    public String id() {
        return "minikube-start";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        if (!minikube.installed()) {
            return TaskOutcome.failed("minikube is not installed, so no cluster can start. " + CliTool.MINIKUBE.installHint());
        }
        int cpus = Integer.parseInt(context.parameter("cpus", "4"));
        String memory = context.parameter("memory", "8192");
        ProcessOutcome outcome = minikube.start(cpus, memory, context.parameter("driver", null), context::report);
        Evidence evidence = new Evidence(Evidence.Kind.COMMAND, outcome.command(),
                outcome.trimmedOutput(tools.evidenceLines()), Map.of("exitCode", String.valueOf(outcome.exitCode()),
                        "seconds", String.valueOf(outcome.duration().toSeconds())));
        if (outcome.succeeded()) {
            return TaskOutcome.passed("Minikube started with " + cpus + " CPUs and " + memory + " MB in "
                    + outcome.duration().toSeconds() + " s", evidence);
        }
        if (outcome.timedOut()) {
            return TaskOutcome.failed("minikube start did not finish within 10 minutes. Look at its output, then try "
                    + "`minikube delete` and start again.", evidence);
        }
        return TaskOutcome.failed("minikube start failed (exit " + outcome.exitCode() + "). " + hint(outcome.output()),
                evidence);
    }

    private static String hint(String output) {
        String lower = output.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("driver") && (lower.contains("not found") || lower.contains("no possible driver")
                || lower.contains("unable to pick"))) {
            return "No driver is available: install and start Docker, then run with --driver=docker.";
        }
        if (lower.contains("memory")) {
            return "Not enough memory for the requested size: give Docker more memory or lower the task's memory.";
        }
        if (lower.contains("root privileges") || lower.contains("with root")) {
            return "The docker driver refuses to run as root: run the panel as a normal user, or add --force.";
        }
        return "Read minikube's output above; `minikube delete` then starting again fixes most half-created clusters.";
    }
}
