package dev.taskflow.panel.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.taskflow.panel.checks.StandInTaskFlow.Variant;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: the whole suite against the local stand-in, several rounds, printing total time and
 * per-check latency. Goal: a whole suite under 5 s. Run it with
 * {@code ./mvnw test -Dtest=EndToEndSuiteBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class EndToEndSuiteBenchmark {

    private static final int WARM_UP = 2;

    private static final int ROUNDS = 7;

    @Test
    void wholeSuiteAgainstTheLocalStandIn() {
        try (StandInTaskFlow app = StandInTaskFlow.start(Variant.seed().withAllowedOrigins(Set.of(StandInTaskFlow.SELF)))) {
            ChecksProperties properties = new ChecksProperties(Map.of(), "", "/token", "/user/id", "/id", "/response",
                    400, app.secret(), "http://localhost:3000", "https://foreign.example", Duration.ofMillis(100), 20,
                    Duration.ofSeconds(10));
            EndToEndSuite suite = new EndToEndSuite(properties, new SecretMasker());
            Target target = new Target("stand-in", app.baseUrl(), app.baseUrl(), "benchmark");
            for (int i = 0; i < WARM_UP; i++) {
                suite.runAll(target, step -> { });
            }
            long[] totals = new long[ROUNDS];
            Map<String, List<Long>> perCheck = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                long started = System.nanoTime();
                List<StepResult> steps = suite.runAll(target, step -> { });
                totals[round] = (System.nanoTime() - started) / 1_000_000;
                steps.forEach(step -> perCheck.computeIfAbsent(step.id(), id -> new ArrayList<>()).add(step.durationMs()));
            }
            Arrays.sort(totals);
            System.out.printf("%nEnd-to-end suite against the local stand-in (%d rounds after %d warm-up)%n", ROUNDS, WARM_UP);
            System.out.printf("whole suite: median %d ms, min %d ms, max %d ms (goal < 5000 ms)%n", totals[ROUNDS / 2],
                    totals[0], totals[ROUNDS - 1]);
            perCheck.forEach((id, times) -> {
                long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("  %-18s median %4d ms  max %4d ms%n", id, sorted[sorted.length / 2], sorted[sorted.length - 1]);
            });
        }
    }
}
