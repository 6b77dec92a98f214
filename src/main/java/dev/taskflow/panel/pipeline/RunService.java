package dev.taskflow.panel.pipeline;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.taskflow.panel.support.SecretMasker;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Service;

/**
 * The pipeline's entry point: start, cancel and look at runs, record what people did by hand, override
 * checkpoints, and follow a run's events. Runs queue and run one at a time, so two runs never fight over
 * one cluster.
 */
@Service
public class RunService {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private static final int LIVE_RUNS_KEPT = 200;

    private static final int NOTE_LIMIT = 4000;

    private final PlanCatalog catalog;

    private final RunStore store;

    private final RunEngine engine;

    private final OverrideStore overrides;

    private final PlanProgress progress;

    private final SecureRandom random = new SecureRandom();

    private final Map<String, LiveRun> live = new LinkedHashMap<>();

    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().name("run-executor").daemon().unstarted(runnable));

    private final SecretMasker masker;

    RunService(PlanCatalog catalog, RunStore store, RunEngine engine, OverrideStore overrides, PlanProgress progress,
            SecretMasker masker) {
        this.masker = masker;
        this.catalog = catalog;
        this.store = store;
        this.engine = engine;
        this.overrides = overrides;
        this.progress = progress;
    }

    @PreDestroy
    void stop() {
        synchronized (live) {
            live.values().forEach(LiveRun::requestCancel);
        }
        runner.shutdownNow();
    }

    /** Queues a run and returns it at once; it runs in the background. */
    public RunRecord start(RunRequest request) {
        if (request.plan() == null || request.plan().isBlank()) {
            throw new InvalidRequestException("Name the plan to run, e.g. {\"plan\":\"taskflow\",\"phase\":\"phase-1\"}.");
        }
        Plan plan = catalog.plan(request.plan());
        RunScope scope = scope(plan, request);
        Set<String> wanted = new LinkedHashSet<>(scope.tasks());
        List<TaskResult> results = new ArrayList<>();
        for (Phase phase : plan.phases()) {
            for (Task task : phase.tasks()) {
                boolean inScope = scope.phase() != null ? phase.id().equals(scope.phase())
                        : wanted.isEmpty() || wanted.contains(task.id());
                if (inScope) {
                    results.add(TaskResult.queued(task.id(), phase.id()));
                }
            }
        }
        Instant now = Instant.now();
        RunRecord record = new RunRecord(newId(now), plan.id(), scope, RunStatus.QUEUED, now, null, null, results,
                List.of());
        store.save(record);
        LiveRun run = remember(new LiveRun(record));
        run.track(runner.submit(() -> engine.execute(run, plan)));
        return record;
    }

    public RunRecord run(String runId) {
        LiveRun run = liveRun(runId);
        return run != null ? run.snapshot() : store.find(runId).orElseThrow(() -> unknownRun(runId));
    }

    public List<RunRecord> runs() {
        return store.all();
    }

    public List<RunRecord> runs(String planId) {
        catalog.plan(planId);
        return store.ofPlan(planId);
    }

    public RunRecord cancel(String runId) {
        LiveRun run = liveRun(runId);
        RunRecord current = run(runId);
        if (run == null || current.status().finished()) {
            throw new ConflictException("Run " + runId + " has already ended (" + current.status().label()
                    + "); there is nothing to cancel.");
        }
        run.requestCancel();
        if (current.status() == RunStatus.QUEUED) {
            Instant now = Instant.now();
            for (TaskResult result : current.results()) {
                run.updateTask(result.finished(TaskStatus.CANCELLED, "Cancelled before it started.", List.of(), now));
            }
            store.save(run.changeStatus(RunStatus.CANCELLED, null, now));
        }
        return run.snapshot();
    }

    /** Records that a person did a task by hand, with their note; it is kept as a run of its own. */
    public RunRecord markDone(String planId, String taskId, String note) {
        Task task = catalog.task(planId, taskId);
        if (note == null || note.isBlank()) {
            throw new InvalidRequestException("Say what you did for " + taskId + " in the note: it becomes the evidence.");
        }
        if (note.length() > NOTE_LIMIT) {
            throw new InvalidRequestException("The note is " + note.length() + " characters; keep it under "
                    + NOTE_LIMIT + " and attach long output elsewhere.");
        }
        boolean skippedHere = progress.latestResult(planId, taskId)
                .map(result -> result.status() == TaskStatus.SKIPPED).orElse(false);
        if (!PlanView.doneByHand(task, engine.canRun(task), skippedHere)) {
            throw new ConflictException(taskId + " is checked by the panel (" + task.satisfiedBy().kind().label()
                    + "); run it instead of marking it done.");
        }
        Plan plan = catalog.plan(planId);
        Instant now = Instant.now();
        String phaseId = plan.phaseOf(taskId).id();
        String kept = masker.mask(note.strip());
        TaskResult done = new TaskResult(taskId, phaseId, TaskStatus.MANUAL_DONE, now, now, 0L, "Done by hand: " + kept,
                List.of(Evidence.note("A person's note", kept)));
        RunRecord record = new RunRecord(newId(now), planId, RunScope.tasks(List.of(taskId)), RunStatus.PASSED, now, now,
                now, List.of(done), List.of(progress.checkpoint(plan, plan.phaseOf(taskId))));
        store.save(record);
        return record;
    }

    /** Lets later phases run although this checkpoint failed; the reason is kept and shown. */
    public Checkpoint override(String planId, String phaseId, String reason) {
        Plan plan = catalog.plan(planId);
        Phase phase = catalog.phase(planId, phaseId);
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("Write why " + phaseId + "'s failed checkpoint may be passed over; the "
                    + "reason is recorded.");
        }
        Checkpoint checkpoint = progress.checkpoint(plan, phase);
        if (checkpoint.state() != CheckpointState.FAILED) {
            throw new ConflictException("The checkpoint of " + phaseId + " is " + checkpoint.state().label()
                    + "; only a failed checkpoint can be overridden.");
        }
        overrides.put(new Checkpoint.Override(planId, phaseId, reason.strip(), Instant.now()));
        return progress.checkpoint(plan, phase);
    }

    public Checkpoint withdrawOverride(String planId, String phaseId) {
        Plan plan = catalog.plan(planId);
        Phase phase = catalog.phase(planId, phaseId);
        overrides.withdraw(planId, phaseId);
        return progress.checkpoint(plan, phase);
    }

    /**
     * Follows a run: the viewer first gets every event after {@code lastSeen}, then each new one as it happens.
     * @return a handle that stops following; {@link Following#ended()} is true when nothing more will come
     */
    public Following follow(String runId, long lastSeen, Consumer<RunEvent> viewer) {
        LiveRun run = liveRun(runId);
        if (run == null) {
            RunRecord record = store.find(runId).orElseThrow(() -> unknownRun(runId));
            replay(record, lastSeen, viewer);
            return new Following(() -> {
            }, true);
        }
        boolean following = run.subscribe(lastSeen, viewer);
        return new Following(() -> run.unsubscribe(viewer), !following);
    }

    /** A run that was not held by this process (read back from the workspace) replays as its final state. */
    private static void replay(RunRecord record, long lastSeen, Consumer<RunEvent> viewer) {
        long sequence = 0;
        List<RunEvent> events = new ArrayList<>();
        for (TaskResult result : record.results()) {
            events.add(new RunEvent.TaskUpdated(record.id(), ++sequence, result));
        }
        for (Checkpoint checkpoint : record.checkpoints()) {
            events.add(new RunEvent.CheckpointEvaluated(record.id(), ++sequence, checkpoint));
        }
        events.add(new RunEvent.RunEnded(record.id(), ++sequence, record));
        events.stream().filter(event -> event.sequence() > lastSeen).forEach(viewer);
    }

    private RunScope scope(Plan plan, RunRequest request) {
        if (request.phase() != null && !request.tasks().isEmpty()) {
            throw new InvalidRequestException("Name either a phase or tasks, not both: {\"plan\":\"" + plan.id()
                    + "\",\"phase\":\"" + request.phase() + "\"} or {\"plan\":\"" + plan.id() + "\",\"tasks\":[…]}.");
        }
        if (request.phase() != null) {
            return RunScope.phase(catalog.phase(plan.id(), request.phase()).id());
        }
        for (String taskId : request.tasks()) {
            catalog.task(plan.id(), taskId);
        }
        return request.tasks().isEmpty() ? RunScope.wholePlan() : RunScope.tasks(List.copyOf(new LinkedHashSet<>(request.tasks())));
    }

    private LiveRun remember(LiveRun run) {
        synchronized (live) {
            live.put(run.id(), run);
            if (live.size() > LIVE_RUNS_KEPT) {
                live.entrySet().removeIf(entry -> entry.getValue().snapshot().status().finished()
                        && live.size() > LIVE_RUNS_KEPT);
            }
        }
        return run;
    }

    private LiveRun liveRun(String runId) {
        synchronized (live) {
            return live.get(runId);
        }
    }

    private PlanElementNotFoundException unknownRun(String runId) {
        return new PlanElementNotFoundException("run", runId, store.all().stream().limit(5).map(RunRecord::id).toList());
    }

    private String newId(Instant now) {
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        return "run-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }

    /**
     * A viewer's hold on a run's events.
     *
     * @param stop  stops following
     * @param ended the run has ended: every event was already handed over
     */
    public record Following(Runnable stop, boolean ended) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }
}
