package dev.taskflow.panel.prerequisites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.taskflow.panel.support.ClusterConnection;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import org.springframework.stereotype.Component;

/** The current kube context from the kubeconfig, and whether its API server answers. */
@Component
class KubeContext {

    private final ClusterConnection cluster;

    KubeContext(ClusterConnection cluster) {
        this.cluster = cluster;
    }

    /**
     * @param context   the current context's name, or {@code null} when there is no kubeconfig context
     * @param server    the API server's address
     * @param version   the server's Kubernetes version when it answered
     * @param problem   why it is not usable, with the fix
     */
    record Report(String context, String server, String version, String problem) {

        boolean reachable() {
            return problem == null;
        }
    }

    Report probe() {
        Config config;
        try {
            Path kubeconfig = cluster.kubeconfig();
            Config base = Files.isRegularFile(kubeconfig)
                    ? Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString())
                    : Config.autoConfigure(null);
            config = new ConfigBuilder(base).withConnectionTimeout(2000).withRequestTimeout(3000)
                    .withRequestRetryBackoffLimit(0).build();
        }
        catch (IOException | RuntimeException ex) {
            return new Report(null, null, null, "The kubeconfig cannot be read (" + ex.getMessage() + "). Fix it or "
                    + "set KUBECONFIG to a good one.");
        }
        if (config.getCurrentContext() == null) {
            return new Report(null, config.getMasterUrl(), null, "No kube context: there is no kubeconfig (KUBECONFIG "
                    + "or ~/.kube/config). `minikube start` writes one.");
        }
        String name = config.getCurrentContext().getName();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            VersionInfo version = client.getKubernetesVersion();
            return new Report(name, config.getMasterUrl(), version.getGitVersion(), null);
        }
        catch (RuntimeException ex) {
            return new Report(name, config.getMasterUrl(), null, "The API server of context '" + name + "' at "
                    + config.getMasterUrl() + " does not answer (" + ex.getMessage() + "). Start the cluster "
                    + "(`minikube start`) or switch context (`kubectl config use-context`).");
        }
    }
}
