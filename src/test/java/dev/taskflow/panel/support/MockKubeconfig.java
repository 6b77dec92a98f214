package dev.taskflow.panel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig every stand-in cluster hands the panel: one context {@code mock} with a token, on a namespace. */
public final class MockKubeconfig {

    /** The context (and cluster and user) name the file uses. */
    public static final String CONTEXT = "mock";

    private MockKubeconfig() {
    }

    /** Writes {@code <folder>/kubeconfig} pointing at the server and returns it. */
    public static Path write(Path folder, String serverUrl, String namespace) {
        String server = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        try {
            return Files.writeString(folder.resolve("kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: %1$s
                        cluster:
                          server: %2$s
                          insecure-skip-tls-verify: true
                    contexts:
                      - name: %1$s
                        context:
                          cluster: %1$s
                          user: %1$s
                          namespace: %3$s
                    current-context: %1$s
                    users:
                      - name: %1$s
                        user:
                          token: mock-token
                    """.formatted(CONTEXT, server, namespace));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
