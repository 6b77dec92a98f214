package dev.taskflow.panel.checks;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.pipeline.Workspace;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the end-to-end suite against targets in the background, keeps each report (in memory and as JSON under
 * {@code checks/} in the workspace) and lets pages follow a report as its checks finish.
 */
@Service
public class SuiteRuns {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private static final int KEPT = 100;

    private final EndToEndSuite suite;

    private final TargetRegistry targets;

    private final Workspace workspace;

    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final SecureRandom random = new SecureRandom();

    private final Map<String, Live> reports = new LinkedHashMap<>();

    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

    public SuiteRuns(EndToEndSuite suite, TargetRegistry targets, Workspace workspace) {
        this.suite = suite;
        this.targets = targets;
        this.workspace = workspace;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** Starts the suite against a target (a name or a URL) and returns its report at once. */
    public SuiteReport start(String targetNameOrUrl) {
        Target target = targets.resolve(targetNameOrUrl);
        Live live = remember(target);
        runner.submit(() -> execute(live, target));
        return live.snapshot();
    }

    /** Runs the suite against two targets side by side and compares what they answered. */
    public ParityDiff parity(Target left, Target right) {
        Live leftRun = remember(left);
        Live rightRun = remember(right);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> execute(leftRun, left), runner);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> execute(rightRun, right), runner);
        CompletableFuture.allOf(first, second).join();
        return ParityDiff.of(leftRun.snapshot(), rightRun.snapshot());
    }

    /** Compares the latest finished reports of two targets. */
    public ParityDiff latestParity(String left, String right) {
        return ParityDiff.of(latest(left).orElseThrow(() -> noReport(left)),
                latest(right).orElseThrow(() -> noReport(right)));
    }

    public SuiteReport report(String id) {
        Live live;
        synchronized (reports) {
            live = reports.get(id);
        }
        if (live == null) {
            throw new PlanElementNotFoundException("suite report", id, all().stream().limit(5).map(SuiteReport::id).toList());
        }
        return live.snapshot();
    }

    public List<SuiteReport> all() {
        synchronized (reports) {
            return reports.values().stream().map(Live::snapshot)
                    .sorted(Comparator.comparing(SuiteReport::startedAt).reversed()).toList();
        }
    }

    public Optional<SuiteReport> latest(String target) {
        return all().stream().filter(report -> report.target().equals(target) && report.finished()).findFirst();
    }

    /**
     * Hands the viewer every finished check of a report, then each new one, then the finished report.
     * @return a handle that stops following
     */
    public Runnable follow(String id, Consumer<StepResult> onStep, Consumer<SuiteReport> onEnd) {
        report(id);
        Live live;
        synchronized (reports) {
            live = reports.get(id);
        }
        return live.follow(onStep, onEnd);
    }

    private void execute(Live live, Target target) {
        try {
            suite.runAll(target, live::add);
        }
        finally {
            SuiteReport finished = live.finish();
            workspace.writeAtomically(workspace.folder("checks").resolve(finished.id() + ".json"),
                    json.writeValueAsBytes(finished));
        }
    }

    private Live remember(Target target) {
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        Instant now = Instant.now();
        String id = "checks-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
        Live live = new Live(new SuiteReport(id, target.name(), target.backendUrl().toString(), now, null, List.of()));
        synchronized (reports) {
            reports.put(id, live);
            if (reports.size() > KEPT) {
                reports.remove(reports.keySet().iterator().next());
            }
        }
        return live;
    }

    private static PlanElementNotFoundException noReport(String target) {
        return new PlanElementNotFoundException("suite report for target", target,
                List.of("run the checks against " + target + " first"));
    }

    /** A report while it runs, with its viewers; changes and hand-overs happen under its lock, in order. */
    private static final class Live {

        private SuiteReport report;

        private final List<Consumer<StepResult>> stepViewers = new ArrayList<>();

        private final List<Consumer<SuiteReport>> endViewers = new ArrayList<>();

        Live(SuiteReport report) {
            this.report = report;
        }

        synchronized SuiteReport snapshot() {
            return report;
        }

        synchronized void add(StepResult step) {
            List<StepResult> steps = new ArrayList<>(report.steps());
            steps.add(step);
            report = new SuiteReport(report.id(), report.target(), report.backendUrl(), report.startedAt(), null, steps);
            deliver(stepViewers, step);
        }

        synchronized SuiteReport finish() {
            report = new SuiteReport(report.id(), report.target(), report.backendUrl(), report.startedAt(),
                    Instant.now(), report.steps());
            deliver(endViewers, report);
            stepViewers.clear();
            endViewers.clear();
            return report;
        }

        synchronized Runnable follow(Consumer<StepResult> onStep, Consumer<SuiteReport> onEnd) {
            try {
                report.steps().forEach(onStep);
                if (report.finished()) {
                    onEnd.accept(report);
                    return () -> {
                    };
                }
            }
            catch (RuntimeException ex) {
                return () -> {
                };
            }
            stepViewers.add(onStep);
            endViewers.add(onEnd);
            return () -> {
                synchronized (this) {
                    stepViewers.remove(onStep);
                    endViewers.remove(onEnd);
                }
            };
        }

        private static <T> void deliver(List<Consumer<T>> viewers, T value) {
            for (Consumer<T> viewer : List.copyOf(viewers)) {
                try {
                    viewer.accept(value);
                }
                catch (RuntimeException ex) {
                    viewers.remove(viewer);
                }
            }
        }
    }
}
