package dev.taskflow.panel.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The one way capabilities reach the cluster: the kubeconfig to use (for embedded Helm and fabric8 alike) and a
 * shared fabric8 client, rebuilt when the kubeconfig file changes (after {@code minikube start} writes a new one).
 */
@Component
public class ClusterConnection {

    private final ClusterProperties properties;

    private KubernetesClient client;

    private Path clientFile;

    private FileTime clientFileTime;

    public ClusterConnection(ClusterProperties properties) {
        this.properties = properties;
    }

    public String namespace() {
        return properties.namespace();
    }

    /** The configured file, else the first entry of {@code KUBECONFIG}, else {@code ~/.kube/config}. */
    public Path kubeconfig() {
        if (properties.kubeconfig() != null) {
            return properties.kubeconfig().toAbsolutePath();
        }
        String fromEnvironment = System.getenv("KUBECONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.split(File.pathSeparator)[0]).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    /** The kubeconfig, or a failure that says how to get one. */
    public Path requireKubeconfig() {
        Path path = kubeconfig();
        if (!Files.isRegularFile(path)) {
            throw new ClusterUnavailableException("There is no kubeconfig at " + path + ": run `minikube start` (it "
                    + "writes ~/.kube/config), or set panel.cluster.kubeconfig to your cluster's kubeconfig.");
        }
        return path;
    }

    /** A client for the cluster the kubeconfig names; shared, so callers must not close it. */
    public synchronized KubernetesClient client() {
        Path path = requireKubeconfig();
        FileTime modified = lastModified(path);
        if (client != null && path.equals(clientFile) && modified.equals(clientFileTime)) {
            return client;
        }
        if (client != null) {
            client.close();
        }
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(path), path.toString());
            config.setRequestRetryBackoffLimit(0);
            config.setRequestTimeout((int) properties.requestTimeout().toMillis());
            config.setConnectionTimeout((int) Math.min(properties.requestTimeout().toMillis(), 5000));
            if (config.getNamespace() == null) {
                config.setNamespace(properties.namespace());
            }
            client = new KubernetesClientBuilder().withConfig(config).build();
            clientFile = path;
            clientFileTime = modified;
            return client;
        }
        catch (IOException | RuntimeException ex) {
            client = null;
            throw new ClusterUnavailableException("The kubeconfig at " + path + " cannot be read (" + ex.getMessage()
                    + "): fix it, or run `minikube start` to write a fresh one.", ex);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        }
        catch (IOException ex) {
            return FileTime.fromMillis(0);
        }
    }
}
