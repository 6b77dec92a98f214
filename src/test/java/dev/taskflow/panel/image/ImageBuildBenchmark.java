package dev.taskflow.panel.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.taskflow.panel.support.LocalBaseImage;

/**
 * Benchmark, not a test: the same 2 MB context built through the panel's adapter and through the {@code docker build}
 * CLI, alternately, several rounds each, printing the medians and their ratio. Goal: panel / CLI ≤ 1.05. Each round
 * changes one file, so both builds do the same uncached work. Run it with
 * {@code ./mvnw test -Dtest=ImageBuildBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ImageBuildBenchmark {

    private static final int WARM_UP = 2;

    private static final int ROUNDS = 9;

    @TempDir
    Path context;

    @Test
    void panelBuildAgainstDockerBuildCli() throws IOException {
        LocalBaseImage.assumeDockerEngine();
        String name = "panel-benchmark-" + UUID.randomUUID().toString().substring(0, 6);
        Random random = new Random(42);
        for (int file = 0; file < 8; file++) {
            byte[] data = new byte[256 * 1024];
            random.nextBytes(data);
            Files.write(context.resolve("data-" + file + ".bin"), data);
        }
        Files.writeString(context.resolve("Dockerfile"), """
                FROM scratch
                COPY data-0.bin data-1.bin data-2.bin data-3.bin /data/
                COPY data-4.bin data-5.bin data-6.bin data-7.bin /data/
                COPY round.txt /round.txt
                LABEL purpose=benchmark
                """);
        List<Long> panel = new ArrayList<>();
        List<Long> cli = new ArrayList<>();
        try (ImageBuilder builder = new ImageBuilder(EngineAddress.DEFAULT)) {
            for (int round = 0; round < WARM_UP + ROUNDS; round++) {
                Files.writeString(context.resolve("round.txt"), "panel " + round + " " + UUID.randomUUID());
                long started = System.nanoTime();
                builder.build(new BuildRequest(context, context.resolve("Dockerfile"), null,
                        List.of(name + ":panel"), Map.of(), Map.of()), event -> { }, () -> false, Duration.ofMinutes(2));
                long panelNanos = System.nanoTime() - started;
                Files.writeString(context.resolve("round.txt"), "cli " + round + " " + UUID.randomUUID());
                started = System.nanoTime();
                LocalBaseImage.Outcome outcome = LocalBaseImage.run(Duration.ofMinutes(2), "docker", "build", "-q",
                        "-t", name + ":cli", context.toString());
                long cliNanos = System.nanoTime() - started;
                if (outcome.exitCode() != 0) {
                    throw new IllegalStateException("docker build failed: " + outcome.output());
                }
                if (round >= WARM_UP) {
                    panel.add(panelNanos);
                    cli.add(cliNanos);
                }
            }
            builder.remove(name + ":panel");
            builder.remove(name + ":cli");
        }
        double panelMedian = median(panel) / 1e6;
        double cliMedian = median(cli) / 1e6;
        System.out.printf("Image build benchmark, %d rounds: panel median %.0f ms, docker build CLI median %.0f ms, "
                + "ratio %.3f (goal <= 1.05)%n", ROUNDS, panelMedian, cliMedian, panelMedian / cliMedian);
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
