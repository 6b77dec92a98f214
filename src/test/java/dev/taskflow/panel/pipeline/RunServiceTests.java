package dev.taskflow.panel.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RunServiceTests {

    @RegisterExtension
    final PipelineFixture pipeline = new PipelineFixture();

    @Test
    void aRunCoversExactlyTheTasksAskedForInSeedOrder() {
        RunRecord run = pipeline.service.start(new RunRequest("demo", null, List.of("C1", "A5", "A1", "A1")));

        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.results()).extracting(TaskResult::taskId).containsExactly("A1", "A5", "C1");
        assertThat(run.results()).extracting(TaskResult::status).containsOnly(TaskStatus.QUEUED);
        assertThat(run.scope().describe()).isEqualTo("tasks C1, A5, A1");
        assertThat(run.id()).matches("run-\\d{8}-\\d{6}-[0-9a-f]{4}");
        pipeline.awaitEnd(run.id());
    }

    @Test
    void requestsThatNameNothingRealAreRefusedWithTheFix() {
        assertThatThrownBy(() -> pipeline.service.start(new RunRequest(null, null, null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Name the plan");
        assertThatThrownBy(() -> pipeline.service.start(new RunRequest("nope", null, null)))
                .isInstanceOf(PlanElementNotFoundException.class).hasMessageContaining("Unknown plan 'nope'");
        assertThatThrownBy(() -> pipeline.service.start(new RunRequest("demo", "step-9", null)))
                .isInstanceOf(PlanElementNotFoundException.class).hasMessageContaining("step-1, step-2, step-3");
        assertThatThrownBy(() -> pipeline.service.start(new RunRequest("demo", null, List.of("A1", "Z9"))))
                .isInstanceOf(PlanElementNotFoundException.class).hasMessageContaining("Unknown task 'Z9'");
        assertThatThrownBy(() -> pipeline.service.start(new RunRequest("demo", "step-1", List.of("A1"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("either a phase or tasks");
        assertThatThrownBy(() -> pipeline.service.run("run-missing"))
                .isInstanceOf(PlanElementNotFoundException.class).hasMessageContaining("Unknown run 'run-missing'");
        assertThat(pipeline.service.runs()).isEmpty();
    }

    @Test
    void markingDoneNeedsANoteAndATaskThePanelCannotDoItself() {
        assertThatThrownBy(() -> pipeline.service.markDone("demo", "B2", " "))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Say what you did for B2");
        assertThatThrownBy(() -> pipeline.service.markDone("demo", "B2", "x".repeat(5000)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("5000 characters");
        assertThatThrownBy(() -> pipeline.service.markDone("demo", "A1", "did it"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("run it instead");
        assertThat(pipeline.service.runs()).isEmpty();
    }

    @Test
    void aTaskTheCheckHadToSkipHereMayBeMarkedDoneByAPerson() {
        pipeline.skipping.set(true);
        RunRecord skipped = pipeline.runToEnd(new RunRequest("demo", null, List.of("A1")));
        assertThat(pipeline.status(skipped, "A1")).isEqualTo(TaskStatus.SKIPPED);

        RunRecord done = pipeline.service.markDone("demo", "A1", "Checked it in my own browser");

        assertThat(pipeline.status(done, "A1")).isEqualTo(TaskStatus.MANUAL_DONE);
    }

    @Test
    void followingARunGivesEveryEventOnceAndInOrder() {
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        RunRecord run = pipeline.service.start(new RunRequest("demo", "step-1", null));
        pipeline.service.follow(run.id(), 0, seen::add);
        pipeline.awaitEnd(run.id());
        await().until(() -> !seen.isEmpty() && seen.getLast() instanceof RunEvent.RunEnded);

        assertThat(seen).extracting(RunEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(seen.getFirst().sequence()).isEqualTo(1);
        assertThat(seen).filteredOn(event -> event instanceof RunEvent.TaskUpdated)
                .extracting(event -> ((RunEvent.TaskUpdated) event).result().status())
                .contains(TaskStatus.RUNNING, TaskStatus.PASSED);
        assertThat(seen).filteredOn(event -> event instanceof RunEvent.TaskProgress)
                .extracting(event -> ((RunEvent.TaskProgress) event).line()).containsExactly("recorded A1", "recorded A5");
        assertThat(seen).filteredOn(event -> event instanceof RunEvent.CheckpointEvaluated).hasSize(1);
    }

    @Test
    void aViewerWhoReconnectsResumesAfterTheLastEventItSaw() {
        RunRecord run = pipeline.runToEnd(new RunRequest("demo", "step-1", null));
        List<RunEvent> all = new ArrayList<>();
        assertThat(pipeline.service.follow(run.id(), 0, all::add).ended()).isTrue();
        long middle = all.get(all.size() / 2).sequence();

        List<RunEvent> resumed = new ArrayList<>();
        pipeline.service.follow(run.id(), middle, resumed::add);

        assertThat(resumed).extracting(RunEvent::sequence).allSatisfy(sequence -> assertThat(sequence).isGreaterThan(middle));
        assertThat(resumed).hasSize((int) all.stream().filter(event -> event.sequence() > middle).count());
    }

    @Test
    void aRunFromBeforeARestartReplaysAsItsFinalState() {
        RunRecord run = pipeline.runToEnd(new RunRequest("demo", "step-1", null));
        pipeline.stop();
        pipeline.start();

        List<RunEvent> replay = new ArrayList<>();
        RunService.Following following = pipeline.service.follow(run.id(), 0, replay::add);

        assertThat(following.ended()).isTrue();
        assertThat(replay).filteredOn(event -> event instanceof RunEvent.TaskUpdated).hasSize(5);
        assertThat(replay.getLast()).isInstanceOfSatisfying(RunEvent.RunEnded.class,
                ended -> assertThat(ended.run().status()).isEqualTo(RunStatus.PASSED));
    }
}
