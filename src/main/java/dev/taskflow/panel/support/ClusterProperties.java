package dev.taskflow.panel.support;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which Kubernetes cluster the panel works on.
 *
 * @param kubeconfig     the kubeconfig file; unset means {@code KUBECONFIG}, then {@code ~/.kube/config}
 * @param namespace      the namespace the app is deployed to
 * @param requestTimeout how long one request to the API server may take
 */
@Validated
@ConfigurationProperties("panel.cluster")
public record ClusterProperties(Path kubeconfig,
        @DefaultValue("default") @Size(max = 63) @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
                message = "is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with "
                        + "a letter or digit (e.g. default)") String namespace,
        @NotNull @DefaultValue("10s") Duration requestTimeout) {
}
