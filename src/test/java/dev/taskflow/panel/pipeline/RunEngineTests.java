package dev.taskflow.panel.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunEngineTests {

    @RegisterExtension
    final PipelineFixture pipeline = new PipelineFixture();

    @Test
    void tasksOfAPhaseRunInSeedOrderWhileParallelNeighboursRunTogether() {
        RunRecord run = pipeline.runToEnd(new RunRequest("demo", "step-1", null));

        assertThat(run.status()).isEqualTo(RunStatus.PASSED);
        assertThat(run.results()).extracting(TaskResult::status).containsOnly(TaskStatus.PASSED);
        // The barrier only opens when A2, A3 and A4 run at the same time.
        assertThat(run.result("A3").orElseThrow().summary()).isEqualTo("Met its neighbours");
        assertThat(pipeline.recorded).containsExactly("A1", "A5");
        TaskResult first = run.result("A1").orElseThrow();
        TaskResult last = run.result("A5").orElseThrow();
        for (String parallel : List.of("A2", "A3", "A4")) {
            TaskResult result = run.result(parallel).orElseThrow();
            assertThat(result.startedAt()).isAfterOrEqualTo(first.finishedAt());
            assertThat(result.finishedAt()).isBeforeOrEqualTo(last.startedAt());
        }
        assertThat(run.checkpoints()).singleElement().satisfies(checkpoint -> {
            assertThat(checkpoint.phaseId()).isEqualTo("step-1");
            assertThat(checkpoint.state()).isEqualTo(CheckpointState.PASSED);
        });
    }

    @Test
    void eachResultHasTimingSummaryAndEvidence() {
        RunRecord run = pipeline.runToEnd(new RunRequest("demo", null, List.of("A1")));

        TaskResult result = run.result("A1").orElseThrow();
        assertThat(result.startedAt()).isNotNull();
        assertThat(result.finishedAt()).isAfterOrEqualTo(result.startedAt());
        assertThat(result.durationMs()).isNotNegative();
        assertThat(result.summary()).isEqualTo("Recorded A1");
        assertThat(result.evidence()).extracting(Evidence::title).containsExactly("order");
        Timer timer = pipeline.meters.find("panel.task.runs").tag("check", "record").tag("status", "passed").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void aFailedCheckpointStopsLaterPhasesUntilItNoLongerFails() {
        RunRecord whole = pipeline.runToEnd(new RunRequest("demo", null, null));

        assertThat(whole.status()).isEqualTo(RunStatus.FAILED);
        assertThat(pipeline.status(whole, "B1")).isEqualTo(TaskStatus.FAILED);
        assertThat(whole.result("B1").orElseThrow().summary()).isEqualTo("Switch off: flip it");
        assertThat(List.of("C1", "C2", "C3")).allSatisfy(task -> {
            assertThat(pipeline.status(whole, task)).isEqualTo(TaskStatus.BLOCKED);
            assertThat(whole.result(task).orElseThrow().summary()).contains("STOPPED").contains("step-2").contains("B1");
        });
        assertThat(pipeline.recorded).doesNotContain("C1");
        assertThat(whole.checkpoints()).extracting(Checkpoint::phaseId, Checkpoint::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("step-1", CheckpointState.PASSED),
                        org.assertj.core.groups.Tuple.tuple("step-2", CheckpointState.FAILED));

        pipeline.switchOn.set(true);
        pipeline.runToEnd(new RunRequest("demo", null, List.of("B1")));
        RunRecord after = pipeline.runToEnd(new RunRequest("demo", null, List.of("C1")));

        assertThat(pipeline.status(after, "C1")).isEqualTo(TaskStatus.PASSED);
        assertThat(pipeline.recorded).endsWith("C1");
    }

    @Test
    void aPersonsOverrideWithAReasonLetsLaterPhasesRunAndIsKept() {
        pipeline.runToEnd(new RunRequest("demo", "step-2", null));
        assertThat(pipeline.status(pipeline.runToEnd(new RunRequest("demo", null, List.of("C1"))), "C1"))
                .isEqualTo(TaskStatus.BLOCKED);
        assertThatThrownBy(() -> pipeline.service.override("demo", "step-2", "  "))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Write why step-2");

        Checkpoint overridden = pipeline.service.override("demo", "step-2", "The switch is tested elsewhere");

        assertThat(overridden.state()).isEqualTo(CheckpointState.OVERRIDDEN);
        assertThat(overridden.override().reason()).isEqualTo("The switch is tested elsewhere");
        assertThat(pipeline.status(pipeline.runToEnd(new RunRequest("demo", null, List.of("C1"))), "C1"))
                .isEqualTo(TaskStatus.PASSED);
        pipeline.stop();
        pipeline.start();
        Plan plan = pipeline.catalog.plan("demo");
        assertThat(new PlanProgress(pipeline.store, new OverrideStore(new Workspace(
                new PipelineProperties(pipeline.workspace, pipeline.repoRoot, 4, java.time.Duration.ofSeconds(5)))))
                .checkpoint(plan, plan.phase("step-2").orElseThrow()).override().reason())
                .isEqualTo("The switch is tested elsewhere");

        Checkpoint withdrawn = pipeline.service.withdrawOverride("demo", "step-2");
        assertThat(withdrawn.state()).isEqualTo(CheckpointState.FAILED);
    }

    @Test
    void onlyAFailedCheckpointCanBeOverridden() {
        assertThatThrownBy(() -> pipeline.service.override("demo", "step-1", "just because"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("pending");
    }

    @Test
    void cancellingARunStopsItsRunningTaskAndSkipsTheRest() throws Exception {
        String id = pipeline.service.start(new RunRequest("demo", null, List.of("C2", "C3"))).id();
        assertThat(pipeline.waiting.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        pipeline.service.cancel(id);
        RunRecord run = pipeline.awaitEnd(id);

        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(pipeline.status(run, "C2")).isEqualTo(TaskStatus.CANCELLED);
        assertThat(pipeline.status(run, "C3")).isEqualTo(TaskStatus.CANCELLED);
        assertThat(run.result("C3").orElseThrow().summary()).contains("before it started");
        assertThatThrownBy(() -> pipeline.service.cancel(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already ended");
    }

    @Test
    void manualAndNotAutomatedTasksWaitForAPersonAndKeepTheirNote() {
        RunRecord run = pipeline.runToEnd(new RunRequest("demo", "step-2", null));
        assertThat(pipeline.status(run, "B2")).isEqualTo(TaskStatus.MANUAL_PENDING);
        assertThat(run.result("B2").orElseThrow().summary()).contains("Do it by hand and say what you saw.");
        assertThat(pipeline.status(run, "B3")).isEqualTo(TaskStatus.NOT_AUTOMATED);
        assertThat(run.result("B3").orElseThrow().summary()).contains("Not automated yet").contains("nobody-wrote-this");

        RunRecord done = pipeline.service.markDone("demo", "B2", "Checked it in the browser");
        pipeline.service.markDone("demo", "B3", "Ran it from a terminal");
        RunRecord again = pipeline.runToEnd(new RunRequest("demo", "step-2", null));

        assertThat(pipeline.status(done, "B2")).isEqualTo(TaskStatus.MANUAL_DONE);
        assertThat(done.result("B2").orElseThrow().evidence()).extracting(Evidence::body)
                .containsExactly("Checked it in the browser");
        assertThat(pipeline.status(again, "B2")).isEqualTo(TaskStatus.MANUAL_DONE);
        assertThat(again.result("B2").orElseThrow().summary()).contains("Checked it in the browser");
        assertThat(pipeline.status(again, "B3")).isEqualTo(TaskStatus.MANUAL_DONE);
    }

    @Test
    void aRunOfOnlyWaitingTasksIsIncompleteNotPassed() {
        pipeline.switchOn.set(true);
        RunRecord run = pipeline.runToEnd(new RunRequest("demo", "step-2", null));
        assertThat(run.status()).isEqualTo(RunStatus.INCOMPLETE);
    }

    @Test
    void secretsInSummariesEvidenceOutputAndNotesAreMaskedBeforeTheyAreKept() throws Exception {
        List<RunEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        String id = pipeline.service.start(new RunRequest("demo", null, List.of("C4"))).id();
        pipeline.service.follow(id, 0, events::add);
        RunRecord run = pipeline.awaitEnd(id);
        pipeline.service.markDone("demo", "B2", "Used postgresql://app:s3cret-pw@db:5432/app by hand");

        TaskResult result = run.result("C4").orElseThrow();
        assertThat(result.summary()).isEqualTo("Reached postgresql://app:••••@db:5432/app");
        assertThat(result.evidence()).extracting(Evidence::title).containsExactly("psql postgresql://app:••••@db:5432/app");
        assertThat(events).filteredOn(event -> event instanceof RunEvent.TaskProgress)
                .extracting(event -> ((RunEvent.TaskProgress) event).line()).contains("connecting to postgresql://app:••••@db:5432/app");
        try (var files = Files.list(pipeline.workspace.resolve("runs"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).doesNotContain("s3cret-pw");
            }
        }
    }

    @Test
    void artifactTasksPassWhenTheRepositoryShipsTheFile() throws Exception {
        RunRecord missing = pipeline.runToEnd(new RunRequest("demo", null, List.of("C3")));
        assertThat(pipeline.status(missing, "C3")).isEqualTo(TaskStatus.FAILED);
        assertThat(missing.result("C3").orElseThrow().summary()).contains("Missing: shipped/file.txt");

        Files.createDirectories(pipeline.repoRoot.resolve("shipped"));
        Files.writeString(pipeline.repoRoot.resolve("shipped/file.txt"), "hello");
        RunRecord shipped = pipeline.runToEnd(new RunRequest("demo", null, List.of("C3")));

        assertThat(pipeline.status(shipped, "C3")).isEqualTo(TaskStatus.PASSED);
        assertThat(shipped.result("C3").orElseThrow().evidence()).singleElement()
                .satisfies(evidence -> assertThat(evidence.values()).containsEntry("bytes", "5")
                        .containsEntry("sha256", "2cf24dba5fb0a30e"));
    }
}
