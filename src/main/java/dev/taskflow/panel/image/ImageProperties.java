package dev.taskflow.panel.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the app's images are built, checked and delivered to the cluster.
 *
 * @param appRoot           the user's app checkout; {@code ../app} beside the panel's working folder when not set
 * @param repoRoot          this repository (its {@code dockerfiles/}); the panel's working folder when not set
 * @param allowedRoots      the folders a build context may lie in; the app checkout and this repository when empty
 * @param plans             per plan, per component: what differs from the seeds' defaults
 * @param dockerHost        the engine to build against; {@code DOCKER_HOST} or the platform default when not set
 * @param minikubeDockerEnv build against Minikube's own engine (the {@code minikube docker-env} way), so no load is needed
 * @param delivery          how images reach the cluster: {@code auto} picks from the current kube context
 * @param registry          where images are pushed for a cluster that is neither Minikube nor kind
 * @param buildTimeout      how long one build may take before it is cancelled
 * @param smokeTimeout      how long a smoke-run container may take to answer its health path
 * @param loadTimeout       how long {@code minikube image load} or {@code kind load} may take
 */
@Validated
@ConfigurationProperties("panel.images")
public record ImageProperties(Path appRoot, Path repoRoot, List<Path> allowedRoots,
        Map<String, Map<String, ComponentSettings>> plans, String dockerHost,
        @DefaultValue("false") boolean minikubeDockerEnv, @NotNull @DefaultValue("auto") Delivery delivery,
        @NotNull @DefaultValue Registry registry, @NotNull @DefaultValue("15m") Duration buildTimeout,
        @NotNull @DefaultValue("60s") Duration smokeTimeout, @NotNull @DefaultValue("10m") Duration loadTimeout) {

    public ImageProperties {
        // A relative default cannot go in @DefaultValue: Spring reads "../app" there as a classpath resource.
        appRoot = (appRoot != null ? appRoot : Path.of(System.getProperty("user.dir"), "..", "app"))
                .toAbsolutePath().normalize();
        repoRoot = (repoRoot != null ? repoRoot : Path.of(System.getProperty("user.dir"))).toAbsolutePath().normalize();
        allowedRoots = allowedRoots == null || allowedRoots.isEmpty() ? List.of(appRoot, repoRoot)
                : allowedRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
        plans = plans == null ? Map.of() : plans;
    }

    /** The settings of one plan's component: what is configured, the seeds' defaults for the rest. */
    public ComponentImage component(String planId, String component) {
        ComponentSettings set = plans.getOrDefault(planId, Map.of()).get(component);
        boolean backend = component.equals("backend");
        String[] seedName = seedImage(planId, component);
        Map<String, String> buildArgs = new LinkedHashMap<>();
        if (set != null && set.buildArgs() != null) {
            buildArgs.putAll(set.buildArgs());
        }
        Path context = set != null && set.context() != null ? appRoot.resolve(set.context()) : appRoot.resolve(component);
        Path dockerfile = set != null && set.dockerfile() != null ? repoRoot.resolve(set.dockerfile())
                : repoRoot.resolve("dockerfiles").resolve(component + ".Dockerfile");
        return new ComponentImage(planId, component, context.toAbsolutePath().normalize(),
                dockerfile.toAbsolutePath().normalize(), value(set == null ? null : set.name(), seedName[0]),
                value(set == null ? null : set.version(), seedName[1]), buildArgs,
                set != null && set.maxMb() != null ? set.maxMb() : (backend ? 500 : 300),
                value(set == null ? null : set.healthPath(), backend ? "/health" : "/"),
                set != null && set.port() != null ? set.port() : (backend ? 8000 : 3000),
                set != null && set.env() != null ? Map.copyOf(set.env()) : Map.of());
    }

    /** Names and versions as the seeds and the chart's overlays have them. */
    private static String[] seedImage(String planId, String component) {
        return switch (planId) {
            case "taskflow" -> new String[] { "taskflow-" + component, "1.0.0" };
            case "todo-app" -> new String[] { "todo-" + component, "latest" };
            case "habit-tracker" -> new String[] { "habit-tracker-" + component, "v1.0.0" };
            default -> new String[] { planId.toLowerCase(Locale.ROOT) + "-" + component, "latest" };
        };
    }

    private static String value(String configured, String fallback) {
        return configured == null || configured.isBlank() ? fallback : configured;
    }

    /**
     * What a plan's component may change from the defaults; every field is optional.
     *
     * @param context    the build context, relative to the app checkout (default: the component's name)
     * @param dockerfile the Dockerfile, relative to this repository (default: {@code dockerfiles/<component>.Dockerfile})
     * @param name       the image name
     * @param version    the version tag (the image is tagged {@code latest} as well)
     * @param buildArgs  build arguments such as {@code BASE_IMAGE} and {@code NEXT_PUBLIC_API_URL}
     * @param maxMb      the size budget in MB (backend 500, frontend 300; a task's {@code maxMb} wins)
     * @param healthPath the path the smoke run asks for (backend {@code /health}, frontend {@code /})
     * @param port       the port the container listens on, as the chart has it (backend 8000, frontend 3000)
     * @param env        extra environment for the smoke run (the plan's secrets come from secrets.env)
     */
    public record ComponentSettings(String context, String dockerfile, String name, String version,
            Map<String, String> buildArgs, Integer maxMb, String healthPath, Integer port, Map<String, String> env) {
    }

    /**
     * Where pushes go for a remote cluster.
     *
     * @param url      the registry's host and port, e.g. {@code registry.example.com} or {@code 127.0.0.1:5000}
     * @param username the user to log in as (empty: no login)
     * @param password the password or token; never shown
     */
    public record Registry(String url, String username, String password) {
    }

    /** How images reach the cluster. */
    public enum Delivery {
        AUTO, MINIKUBE, KIND, REGISTRY
    }
}
