package dev.taskflow.panel.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, hand-made views and runs for the web slice tests. */
final class PlanViewSamples {

    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    private PlanViewSamples() {
    }

    static PlanView taskflow() {
        TaskResult failed = new TaskResult("T008", "phase-1", TaskStatus.FAILED, AT, AT.plusMillis(40), 40L,
                "minikube is not installed (not found on PATH). Install minikube 1.28 or newer",
                List.of(Evidence.command("minikube version", "searched: /usr/bin")));
        TaskResult passed = new TaskResult("T007", "phase-1", TaskStatus.PASSED, AT, AT.plusMillis(700), 700L,
                "Docker Engine 20.10.24 is running", List.of(new Evidence(Evidence.Kind.COMMAND, "docker-java: ping",
                        null, Map.of("version", "20.10.24"))));
        Checkpoint failedCheckpoint = new Checkpoint("phase-1", CheckpointState.FAILED, 1, 3, List.of("T008"), null, AT);
        PlanView.PhaseView setup = new PlanView.PhaseView("phase-1", "Setup & Prerequisites", "Verify tooling", null,
                "All prerequisite tools verified", null, failedCheckpoint, null,
                new PlanView.RunSummary("run-20261122-100000-abcd", RunStatus.FAILED, "phase phase-1", AT),
                List.of(new PlanView.TaskView("T007", true, null, null, "Verify Docker Desktop installation", "automated",
                                "docker-engine", true, null, null, null, passed),
                        new PlanView.TaskView("T008", true, null, null, "Verify Minikube installation", "automated",
                                "minikube-version", true, null, null, "Tools verified", failed),
                        new PlanView.TaskView("T068", false, "US1", null, "Document deployment", "manual", null, false,
                                "Write DEPLOYMENT.md", null, null, null)));
        Checkpoint pending = new Checkpoint("phase-2", CheckpointState.PENDING, 0, 1, List.of(), null, AT);
        PlanView.PhaseView foundation = new PlanView.PhaseView("phase-2", "Foundational", "Prepare secrets", null,
                "Foundation ready", null, pending, "phase-1", null,
                List.of(new PlanView.TaskView("T013", false, null, null, "Create secrets.env", "automated",
                        "secrets-template", false, null, null, null, null)));
        return new PlanView("taskflow", "TaskFlow", "Deploy TaskFlow to Minikube", 4, 1, List.of(setup, foundation));
    }

    static RunRecord queuedRun() {
        return new RunRecord("run-20261122-100000-abcd", "taskflow", RunScope.phase("phase-1"), RunStatus.QUEUED, AT,
                null, null, List.of(TaskResult.queued("T007", "phase-1"), TaskResult.queued("T008", "phase-1")), List.of());
    }

    static Map<String, Task> tasks() {
        return Map.of("T007", task("T007", "Verify Docker Desktop installation"), "T008",
                task("T008", "Verify Minikube installation"));
    }

    private static Task task(String id, String description) {
        return new Task(id, true, null, null, description,
                new Task.SatisfiedBy(Task.Kind.AUTOMATED, "docker-engine", Map.of(), null, null));
    }
}
