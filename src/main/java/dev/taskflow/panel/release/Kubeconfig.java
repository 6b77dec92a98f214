package dev.taskflow.panel.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.springframework.stereotype.Component;

/** Which kubeconfig the release capability uses, and a fabric8 client for the same cluster Helm talks to. */
@Component
class Kubeconfig {

    private final ReleaseProperties properties;

    Kubeconfig(ReleaseProperties properties) {
        this.properties = properties;
    }

    /** The configured file, else the first entry of {@code KUBECONFIG}, else {@code ~/.kube/config}. */
    Path path() {
        if (properties.kubeconfig() != null) {
            return properties.kubeconfig().toAbsolutePath();
        }
        String fromEnvironment = System.getenv("KUBECONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    /** The kubeconfig, or a failure saying how to get one. */
    Path requirePath(String operation) {
        Path path = path();
        if (!Files.isRegularFile(path)) {
            throw ReleaseOperationException.from(operation, properties.release(), properties.namespace(),
                    "no kubeconfig at " + path + " (kubeconfig: no such file)");
        }
        return path;
    }

    KubernetesClient client(String operation) {
        Path path = requirePath(operation);
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(path), path.toString());
            config.setRequestRetryBackoffLimit(0);
            return new KubernetesClientBuilder().withConfig(config).build();
        }
        catch (IOException | RuntimeException ex) {
            throw ReleaseOperationException.from(operation, properties.release(), properties.namespace(),
                    "the kubeconfig at " + path + " cannot be read: " + ex.getMessage());
        }
    }
}
