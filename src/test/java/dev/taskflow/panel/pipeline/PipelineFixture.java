package dev.taskflow.panel.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.taskflow.panel.support.SecretMasker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * The pipeline wired by hand over a temporary workspace and the demo plan, with checks a test can steer. Register it
 * with {@code @RegisterExtension}: each test gets fresh folders and a started pipeline, stopped afterwards.
 */
final class PipelineFixture implements BeforeEachCallback, AfterEachCallback {

    Path workspace;

    Path repoRoot;

    final PlanCatalog catalog = new PlanCatalog("classpath*:test-plans/*.yaml");

    final List<String> recorded = new CopyOnWriteArrayList<>();

    final AtomicBoolean switchOn = new AtomicBoolean();

    /** Makes the record check skip, as a check does when something it needs is not installed here. */
    final AtomicBoolean skipping = new AtomicBoolean();

    final CountDownLatch waiting = new CountDownLatch(1);

    final CyclicBarrier barrier = new CyclicBarrier(3);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    RunStore store;

    RunService service;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        workspace = Files.createTempDirectory("pipeline-workspace-");
        repoRoot = Files.createTempDirectory("pipeline-repo-");
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        stop();
        for (Path folder : List.of(workspace, repoRoot)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Starts (or restarts, over the same workspace) the pipeline, as a panel restart would. */
    void start() {
        PipelineProperties properties = new PipelineProperties(workspace, repoRoot, 4, Duration.ofSeconds(20));
        Workspace folder = new Workspace(properties);
        store = new RunStore(folder);
        OverrideStore overrides = new OverrideStore(folder);
        PlanProgress progress = new PlanProgress(store, overrides);
        SecretMasker masker = new SecretMasker();
        RunEngine engine = new RunEngine(new CheckRegistry(checks()), progress, store, properties, meters, masker);
        service = new RunService(catalog, store, engine, overrides, progress, masker);
    }

    void stop() {
        service.stop();
    }

    RunRecord runToEnd(RunRequest request) {
        String id = service.start(request).id();
        return awaitEnd(id);
    }

    RunRecord awaitEnd(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> service.run(id).status().finished());
        return service.run(id);
    }

    TaskStatus status(RunRecord run, String taskId) {
        return run.result(taskId).orElseThrow().status();
    }

    private List<Check> checks() {
        return List.of(
                check("record", context -> {
                    if (skipping.get()) {
                        return new TaskOutcome(TaskStatus.SKIPPED, "Skipped: nothing to record with here", List.of());
                    }
                    recorded.add(context.task().id());
                    context.report("recorded " + context.task().id());
                    if (context.parameter("leak", null) != null) {
                        context.report("connecting to " + context.parameter("leak", null));
                        return TaskOutcome.passed("Reached " + context.parameter("leak", null),
                                Evidence.command("psql " + context.parameter("leak", null), "ok"));
                    }
                    return TaskOutcome.passed("Recorded " + context.task().id(),
                            Evidence.measurement("order", java.util.Map.of("position", String.valueOf(recorded.size()))));
                }),
                check("barrier", context -> {
                    try {
                        barrier.await(5, TimeUnit.SECONDS);
                        return TaskOutcome.passed("Met its neighbours");
                    }
                    catch (TimeoutException | BrokenBarrierException ex) {
                        return TaskOutcome.failed("Ran alone: its [P] neighbours never ran at the same time");
                    }
                }),
                check("switch", context -> switchOn.get() ? TaskOutcome.passed("Switch on")
                        : TaskOutcome.failed("Switch off: " + context.parameter("note", "?"))),
                check("wait", context -> {
                    waiting.countDown();
                    Thread.sleep(60_000);
                    return TaskOutcome.passed("Woke up");
                }));
    }

    private static Check check(String id, CheckBody body) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public TaskOutcome run(CheckContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    @FunctionalInterface
    interface CheckBody {
        TaskOutcome run(CheckContext context) throws Exception;
    }
}
