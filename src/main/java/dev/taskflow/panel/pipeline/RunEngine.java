package dev.taskflow.panel.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskflow.panel.support.SecretMasker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the tasks of one run: phase by phase in seed order, neighbouring [P] tasks together on a bounded pool, each
 * phase's checkpoint evaluated when its part is done, and phases behind a failed checkpoint left blocked. Every
 * summary, evidence entry and output line passes the secret mask before it is kept or shown.
 */
@Component
class RunEngine {

    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);

    private final CheckRegistry checks;

    private final PlanProgress progress;

    private final RunStore store;

    private final PipelineProperties properties;

    private final MeterRegistry meters;

    private final SecretMasker masker;

    private final ExecutorService taskPool;

    RunEngine(CheckRegistry checks, PlanProgress progress, RunStore store, PipelineProperties properties,
            MeterRegistry meters, SecretMasker masker) {
        this.masker = masker;
        this.checks = checks;
        this.progress = progress;
        this.store = store;
        this.properties = properties;
        this.meters = meters;
        AtomicInteger counter = new AtomicInteger();
        this.taskPool = Executors.newFixedThreadPool(properties.parallelism(),
                runnable -> Thread.ofPlatform().name("task-" + counter.incrementAndGet()).daemon().unstarted(runnable));
    }

    @PreDestroy
    void stop() {
        taskPool.shutdownNow();
    }

    void execute(LiveRun run, Plan plan) {
        store.save(run.changeStatus(RunStatus.RUNNING, Instant.now(), null));
        for (Phase phase : plan.phases()) {
            List<Task> tasks = phase.tasks().stream().filter(task -> run.snapshot().result(task.id()).isPresent()).toList();
            if (tasks.isEmpty()) {
                continue;
            }
            Optional<Checkpoint> blocker = progress.blockerOf(plan, phase);
            if (blocker.isPresent()) {
                block(run, tasks, blocker.get());
                continue;
            }
            for (List<Task> group : groups(tasks)) {
                if (run.cancelRequested()) {
                    break;
                }
                runGroup(run, plan, group);
            }
            if (run.cancelRequested()) {
                break;
            }
            store.save(run.addCheckpoint(progress.checkpoint(plan, phase)));
        }
        finish(run);
    }

    /** Tasks in seed order, where neighbouring [P] tasks form one group that runs at once. */
    static List<List<Task>> groups(List<Task> tasks) {
        List<List<Task>> groups = new ArrayList<>();
        List<Task> parallel = new ArrayList<>();
        for (Task task : tasks) {
            if (task.parallel()) {
                parallel.add(task);
                continue;
            }
            if (!parallel.isEmpty()) {
                groups.add(List.copyOf(parallel));
                parallel.clear();
            }
            groups.add(List.of(task));
        }
        if (!parallel.isEmpty()) {
            groups.add(List.copyOf(parallel));
        }
        return groups;
    }

    private void runGroup(LiveRun run, Plan plan, List<Task> group) {
        List<Future<TaskOutcome>> futures = new ArrayList<>();
        for (Task task : group) {
            store.save(run.updateTask(run.result(task.id()).started(Instant.now())));
            Future<TaskOutcome> future = taskPool.submit(() -> satisfy(run, plan, task));
            run.track(future);
            futures.add(future);
        }
        long deadline = System.nanoTime() + properties.taskTimeout().toNanos();
        for (int i = 0; i < group.size(); i++) {
            Task task = group.get(i);
            Future<TaskOutcome> future = futures.get(i);
            TaskOutcome outcome = await(task, future, deadline);
            run.untrack(future);
            TaskResult result = run.result(task.id()).finished(outcome.status(), masker.mask(outcome.summary()),
                    outcome.evidence().stream().map(evidence -> evidence.masked(masker::mask)).toList(), Instant.now());
            store.save(run.updateTask(result));
            record(plan, task, result);
        }
    }

    private TaskOutcome await(Task task, Future<TaskOutcome> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (CancellationException ex) {
            return new TaskOutcome(TaskStatus.CANCELLED, "Cancelled by a person while running.", List.of());
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            return TaskOutcome.failed("Stopped after " + properties.taskTimeout().toMinutes() + " min without an "
                    + "answer. Look at its progress output, then raise panel.pipeline.task-timeout if it is just slow.");
        }
        catch (InterruptedException ex) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new TaskOutcome(TaskStatus.CANCELLED, "Cancelled: the panel is shutting down.", List.of());
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            log.warn("Task {} failed unexpectedly", task.id(), cause);
            return TaskOutcome.failed("The check '" + task.satisfiedBy().check() + "' broke: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        }
    }

    private TaskOutcome satisfy(LiveRun run, Plan plan, Task task) throws Exception {
        Task.SatisfiedBy by = task.satisfiedBy();
        return switch (by.kind()) {
            case MANUAL -> manual(plan, task);
            case ARTIFACT -> artifact(run, plan, task);
            case AUTOMATED -> checks.find(by.check()).isPresent() ? runCheck(run, plan, task)
                    : notAutomated(plan, task);
        };
    }

    /** Whether the panel can do this task itself (a registered check, or a file to look for). */
    boolean canRun(Task task) {
        return task.satisfiedBy().kind() == Task.Kind.ARTIFACT || checks.has(task.satisfiedBy().check());
    }

    private TaskOutcome runCheck(LiveRun run, Plan plan, Task task) throws Exception {
        Check check = checks.find(task.satisfiedBy().check()).orElseThrow();
        CheckContext context = new CheckContext(plan, task, task.satisfiedBy().parameters(),
                line -> run.progress(task.id(), masker.mask(line)), run::cancelRequested);
        return check.run(context);
    }

    private TaskOutcome manual(Plan plan, Task task) {
        return markedDone(plan, task).orElseGet(() -> new TaskOutcome(TaskStatus.MANUAL_PENDING,
                "Waiting for a person: " + task.satisfiedBy().guidance(), List.of()));
    }

    private TaskOutcome notAutomated(Plan plan, Task task) {
        return markedDone(plan, task).orElseGet(() -> new TaskOutcome(TaskStatus.NOT_AUTOMATED,
                "Not automated yet: the panel has no '" + task.satisfiedBy().check() + "' check. Do it by hand and "
                        + "mark it done with a note.", List.of()));
    }

    /** A person's earlier "done" stands until they say otherwise, so a rerun does not erase it. */
    private Optional<TaskOutcome> markedDone(Plan plan, Task task) {
        return progress.latestResult(plan.id(), task.id())
                .filter(result -> result.status() == TaskStatus.MANUAL_DONE)
                .map(result -> new TaskOutcome(TaskStatus.MANUAL_DONE, result.summary(), result.evidence()));
    }

    private TaskOutcome artifact(LiveRun run, Plan plan, Task task) throws Exception {
        Path root = properties.repoRoot().toAbsolutePath().normalize();
        Path file = root.resolve(task.satisfiedBy().path()).normalize();
        if (!file.startsWith(root) || !Files.exists(file)) {
            return TaskOutcome.failed("Missing: " + task.satisfiedBy().path() + " is not in the panel's checkout ("
                    + root + "). Restore it with git, or point panel.pipeline.repo-root at the checkout.");
        }
        Evidence found = new Evidence(Evidence.Kind.FILE, task.satisfiedBy().path(), null, fileFacts(file));
        if (task.satisfiedBy().check() != null && checks.has(task.satisfiedBy().check())) {
            TaskOutcome checked = runCheck(run, plan, task);
            List<Evidence> evidence = new ArrayList<>(List.of(found));
            evidence.addAll(checked.evidence());
            return new TaskOutcome(checked.status(), checked.summary(), evidence);
        }
        return TaskOutcome.passed("Shipped: " + task.satisfiedBy().path(), found);
    }

    private static Map<String, String> fileFacts(Path file) throws Exception {
        if (Files.isDirectory(file)) {
            try (var entries = Files.list(file)) {
                return Map.of("type", "folder", "entries", String.valueOf(entries.count()));
            }
        }
        byte[] content = Files.readAllBytes(file);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
        return Map.of("type", "file", "bytes", String.valueOf(content.length),
                "sha256", HexFormat.of().formatHex(digest, 0, 8));
    }

    private void block(LiveRun run, List<Task> tasks, Checkpoint blocker) {
        for (Task task : tasks) {
            TaskResult result = run.result(task.id()).finished(TaskStatus.BLOCKED, "STOPPED: the checkpoint of "
                    + blocker.phaseId() + " failed (" + String.join(", ", blocker.failingTasks()) + "). Fix it and run "
                    + "it again, or override it with a written reason.", List.of(), Instant.now());
            store.save(run.updateTask(result));
        }
    }

    private void finish(LiveRun run) {
        Instant now = Instant.now();
        for (TaskResult result : run.snapshot().results()) {
            if (!result.status().finished()) {
                run.updateTask(result.finished(TaskStatus.CANCELLED, "Cancelled before it started.", List.of(), now));
            }
        }
        RunRecord snapshot = run.snapshot();
        RunStatus status;
        if (run.cancelRequested()) {
            status = RunStatus.CANCELLED;
        }
        else if (snapshot.count(TaskStatus.FAILED) + snapshot.count(TaskStatus.BLOCKED) > 0) {
            status = RunStatus.FAILED;
        }
        else if (snapshot.results().stream().allMatch(result -> result.status().satisfiesCheckpoint())) {
            status = RunStatus.PASSED;
        }
        else {
            status = RunStatus.INCOMPLETE;
        }
        store.save(run.changeStatus(status, snapshot.startedAt(), now));
    }

    private void record(Plan plan, Task task, TaskResult result) {
        String check = task.satisfiedBy().check() != null ? task.satisfiedBy().check() : task.satisfiedBy().kind().label();
        Timer.builder("panel.task.runs")
                .description("Time taken by plan tasks, by check and result")
                .tag("plan", plan.id())
                .tag("check", check)
                .tag("status", result.status().label())
                .register(meters)
                .record(Duration.ofMillis(result.durationMs() == null ? 0 : result.durationMs()));
    }
}
