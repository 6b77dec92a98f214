package dev.taskflow.panel.release;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: what each embedded-Helm operation costs against the mock cluster, several rounds, printing
 * the first call (which loads Helm's native library) and per-operation medians. Run it in a JVM of its own with
 * {@code ./mvnw test -Dtest=HelmMockClusterBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class HelmMockClusterBenchmark {

    private static final int ROUNDS = 5;

    private static final Path CHART = Path.of("src/test/resources/charts/demo");

    private static final String NAMESPACE = HelmMockCluster.NAMESPACE;

    private final Map<String, List<Long>> timings = new LinkedHashMap<>();

    @Test
    void releaseOperationsAgainstTheMockCluster() {
        long started = System.nanoTime();
        Helm.version().call();
        long firstCall = (System.nanoTime() - started) / 1_000_000;
        for (int round = 0; round < ROUNDS; round++) {
            oneRound();
        }
        System.out.printf("%nEmbedded Helm against the mock cluster (%d rounds)%n", ROUNDS);
        System.out.printf("first Helm call (loads the native library): %d ms%n", firstCall);
        timings.forEach((operation, times) -> {
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-34s median %5d ms  min %5d ms  max %5d ms%n", operation, sorted[sorted.length / 2],
                    sorted[0], sorted[sorted.length - 1]);
        });
    }

    private void oneRound() {
        HelmMockCluster cluster = time("start mock cluster", HelmMockCluster::start);
        try (cluster) {
            Path kubeconfig = cluster.kubeconfig();
            time("install", () -> new Helm(CHART).install().withKubeConfig(kubeconfig).withName("demo")
                    .withNamespace(NAMESPACE).disableOpenApiValidation().set("secret.apiKey", "key-one").call());
            time("list", () -> Helm.list().withKubeConfig(kubeconfig).withNamespace(NAMESPACE).call());
            time("status", () -> Helm.status("demo").withKubeConfig(kubeconfig).withNamespace(NAMESPACE).call());
            time("get values", () -> Helm.get("demo").values().withKubeConfig(kubeconfig).withNamespace(NAMESPACE)
                    .call());
            time("upgrade --set", () -> new Helm(CHART).upgrade().withKubeConfig(kubeconfig).withName("demo")
                    .withNamespace(NAMESPACE).disableOpenApiValidation().set("secret.apiKey", "key-two")
                    .set("image.tag", "1.1.0").call());
            time("upgrade --reuse-values", () -> new Helm(CHART).upgrade().withKubeConfig(kubeconfig).withName("demo")
                    .withNamespace(NAMESPACE).disableOpenApiValidation().reuseValues().set("replicaCount", "2").call());
            time("history", () -> Helm.history("demo").withKubeConfig(kubeconfig).withNamespace(NAMESPACE).call());
            cluster.actAsControllersContinuously(NAMESPACE, Duration.ofMillis(100));
            time("test (controllers every 100 ms)", () -> Helm.test("demo").withKubeConfig(kubeconfig)
                    .withNamespace(NAMESPACE).withTimeout(20).call());
            time("install --wait (controllers)", () -> new Helm(CHART).install().withKubeConfig(kubeconfig)
                    .withName("waited").withNamespace(NAMESPACE).disableOpenApiValidation()
                    .set("secret.apiKey", "key-one").waitReady().withTimeout(20).call());
            time("uninstall", () -> Helm.uninstall("demo").withKubeConfig(kubeconfig).withNamespace(NAMESPACE)
                    .call());
        }
    }

    private <T> T time(String operation, Supplier<T> call) {
        long started = System.nanoTime();
        T result = call.get();
        timings.computeIfAbsent(operation, key -> new ArrayList<>()).add((System.nanoTime() - started) / 1_000_000);
        return result;
    }
}
