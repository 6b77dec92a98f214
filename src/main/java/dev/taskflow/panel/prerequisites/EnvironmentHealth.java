package dev.taskflow.panel.prerequisites;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of what the panel drives, reported in its own group ({@code /actuator/health/environment}). Absent Docker or
 * cluster shows as {@code UNAVAILABLE} with the reason: the panel itself is fine, so liveness and readiness stay UP.
 */
@Configuration(proxyBeanMethods = false)
class EnvironmentHealth {

    /** Not DOWN: the panel works without Docker or a cluster; it just says what is missing. */
    static final Status UNAVAILABLE = new Status("UNAVAILABLE");

    private static final Duration CACHE = Duration.ofSeconds(10);

    @Bean
    HealthIndicator dockerEngineHealthIndicator(DockerEngine engine) {
        return cached(() -> {
            DockerEngineReport report = engine.probe();
            Health.Builder health = report.running() ? Health.up() : Health.status(UNAVAILABLE);
            health.withDetail("host", report.host()).withDetail("state", report.state().name());
            if (report.running()) {
                health.withDetail("version", report.version()).withDetail("apiVersion", report.apiVersion());
            }
            else {
                health.withDetail("reason", report.problem());
            }
            return health.build();
        });
    }

    @Bean
    HealthIndicator kubeContextHealthIndicator(KubeContext kube) {
        return cached(() -> {
            KubeContext.Report report = kube.probe();
            Health.Builder health = report.reachable() ? Health.up() : Health.status(UNAVAILABLE);
            health.withDetail("context", report.context() == null ? "none" : report.context());
            if (report.server() != null) {
                health.withDetail("server", report.server());
            }
            if (report.version() != null) {
                health.withDetail("kubernetesVersion", report.version());
            }
            if (report.problem() != null) {
                health.withDetail("reason", report.problem());
            }
            return health.build();
        });
    }

    /** Probing Docker and the API server takes up to seconds; a health poll should not. */
    private static HealthIndicator cached(Supplier<Health> probe) {
        AtomicReference<Health> last = new AtomicReference<>();
        AtomicReference<Instant> at = new AtomicReference<>(Instant.EPOCH);
        return () -> {
            if (last.get() == null || at.get().plus(CACHE).isBefore(Instant.now())) {
                last.set(probe.get());
                at.set(Instant.now());
            }
            return last.get();
        };
    }
}
