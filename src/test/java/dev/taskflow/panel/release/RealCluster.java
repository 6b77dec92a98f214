package dev.taskflow.panel.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a test (tag it {@code real-cluster}) only where a real Kubernetes API server answers, and hands it the
 * kubeconfig as a {@link Target} parameter. The kubeconfig is {@code PANEL_REAL_CLUSTER_KUBECONFIG}, else
 * {@code KUBECONFIG} or {@code ~/.kube/config} when their current context is a local cluster (minikube, kind, k3d,
 * Docker or Rancher Desktop): tests install releases, so a default kubeconfig aimed at a shared cluster is left alone.
 */
final class RealCluster implements ExecutionCondition, ParameterResolver {

    static final String KUBECONFIG_VARIABLE = "PANEL_REAL_CLUSTER_KUBECONFIG";

    static final String SKIP_REASON = "no reachable Kubernetes API server: set " + KUBECONFIG_VARIABLE + " to run";

    /** Long enough for a local cluster to answer, short enough that a missing one costs the suite little. */
    static final int TIMEOUT_MILLIS = 1500;

    private static final List<String> LOCAL_CONTEXTS = List.of("minikube", "docker-desktop", "rancher-desktop",
            "orbstack", "kind-", "k3d-");

    /** The cluster a test runs against. */
    record Target(Path kubeconfig, String context, String kubernetesVersion) {
    }

    /** What the probe found: a target, or why there is none. */
    record Probe(Optional<Target> target, String reason) {
    }

    private final UnaryOperator<String> environment;

    private final Path home;

    /** As JUnit creates it: the process environment and the user's home. */
    RealCluster() {
        this(System::getenv, Path.of(System.getProperty("user.home")));
    }

    RealCluster(UnaryOperator<String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Probe probe = probeOnce(context);
        return probe.target().isPresent()
                ? ConditionEvaluationResult.enabled("Kubernetes " + probe.target().get().kubernetesVersion()
                        + " answers at context " + probe.target().get().context())
                : ConditionEvaluationResult.disabled(SKIP_REASON + " (" + probe.reason() + ")");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Target.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return probeOnce(context).target().orElseThrow();
    }

    /** Looks for a usable cluster; each call asks the API server again. */
    Probe probe() {
        String explicit = environment.apply(KUBECONFIG_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return reach(Path.of(explicit), false);
        }
        String variable = environment.apply("KUBECONFIG");
        Path kubeconfig = variable != null && !variable.isBlank()
                ? Path.of(variable.split(java.io.File.pathSeparator)[0])
                : home.resolve(".kube").resolve("config");
        return reach(kubeconfig, true);
    }

    // The probe costs up to a timeout, so a run asks once and every test in it shares the answer
    private Probe probeOnce(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(RealCluster.class))
                .getOrComputeIfAbsent(Probe.class, key -> probe(), Probe.class);
    }

    private Probe reach(Path kubeconfig, boolean localOnly) {
        if (!Files.isRegularFile(kubeconfig)) {
            return none("no kubeconfig at " + kubeconfig);
        }
        Config config;
        try {
            config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        }
        catch (IOException | RuntimeException ex) {
            return none("cannot read " + kubeconfig + ": " + ex.getMessage());
        }
        String context = config.getCurrentContext() == null ? "" : config.getCurrentContext().getName();
        if (localOnly && LOCAL_CONTEXTS.stream().noneMatch(local -> context.equals(local)
                || (local.endsWith("-") && context.startsWith(local)))) {
            return none("context '" + context + "' in " + kubeconfig + " is not a local cluster");
        }
        Config quick = new ConfigBuilder(config).withConnectionTimeout(TIMEOUT_MILLIS)
                .withRequestTimeout(TIMEOUT_MILLIS).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(quick).build()) {
            VersionInfo info = client.getKubernetesVersion();
            String version = info.getGitVersion() != null ? info.getGitVersion() : info.getMajor() + "." + info.getMinor();
            return new Probe(Optional.of(new Target(kubeconfig, context, version)), "");
        }
        catch (RuntimeException ex) {
            return none(config.getMasterUrl() + " did not answer: " + rootMessage(ex));
        }
    }

    private static Probe none(String reason) {
        return new Probe(Optional.empty(), reason);
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
