package dev.taskflow.panel.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RunStoreTests {

    @TempDir
    Path workspace;

    private RunStore store() {
        return new RunStore(new Workspace(new PipelineProperties(workspace, workspace, 2, java.time.Duration.ofMinutes(1))));
    }

    @Test
    void everyRunIsStillThereAfterARestart() {
        RunStore before = store();
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        TaskResult passed = new TaskResult("T007", "phase-1", TaskStatus.PASSED, now, now.plusMillis(760), 760L,
                "Docker Engine 20.10.24 is running", List.of(new Evidence(Evidence.Kind.COMMAND, "docker-java: ping",
                        null, java.util.Map.of("version", "20.10.24"))));
        RunRecord run = new RunRecord("run-20261122-100000-abcd", "taskflow", RunScope.phase("phase-1"), RunStatus.PASSED,
                now, now, now.plusSeconds(1), List.of(passed), List.of());
        before.save(run);

        RunStore after = store();

        assertThat(after.find(run.id())).contains(run);
        assertThat(Files.exists(workspace.resolve("runs/" + run.id() + ".json"))).isTrue();
    }

    @Test
    void aRunThatWasInFlightIsMarkedInterruptedAfterARestart() throws Exception {
        Instant now = Instant.now();
        RunRecord running = new RunRecord("run-20261122-100000-beef", "taskflow", RunScope.wholePlan(), RunStatus.RUNNING,
                now, now, null, List.of(new TaskResult("T001", "phase-0", TaskStatus.PASSED, now, now, 0L, "ok", List.of()),
                        new TaskResult("T002", "phase-0", TaskStatus.RUNNING, now, null, null, null, List.of()),
                        TaskResult.queued("T003", "phase-0")), List.of());
        store().save(running);

        RunRecord after = store().find(running.id()).orElseThrow();

        assertThat(after.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(after.finishedAt()).isNotNull();
        assertThat(after.results()).extracting(TaskResult::status)
                .containsExactly(TaskStatus.PASSED, TaskStatus.INTERRUPTED, TaskStatus.INTERRUPTED);
        assertThat(after.result("T002").orElseThrow().summary()).contains("panel stopped while this task was running");
        assertThat(Files.readString(workspace.resolve("runs/" + running.id() + ".json"))).contains("\"interrupted\"");
    }

    @Test
    void aFileThatIsNotARunIsLeftUntouchedAndSkipped() throws Exception {
        Path runs = Files.createDirectories(workspace.resolve("runs"));
        Files.writeString(runs.resolve("broken.json"), "{ not json");

        RunStore store = store();

        assertThat(store.all()).isEmpty();
        assertThat(Files.readString(runs.resolve("broken.json"))).isEqualTo("{ not json");
    }

    @Test
    void savingLeavesNoTemporaryFilesBehindAndListsNewestFirst() throws Exception {
        RunStore store = store();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            store.save(new RunRecord("run-" + i, "taskflow", RunScope.wholePlan(), RunStatus.PASSED, now.plusSeconds(i),
                    null, null, List.of(), List.of()));
        }

        try (var files = Files.list(workspace.resolve("runs"))) {
            assertThat(files.map(path -> path.getFileName().toString())).allMatch(name -> name.matches("run-\\d\\.json"));
        }
        assertThat(store.all()).extracting(RunRecord::id).containsExactly("run-4", "run-3", "run-2", "run-1", "run-0");
    }
}
