package dev.taskflow.panel.release;

/**
 * One Kubernetes resource of a rendered chart, with Secret values already hidden.
 *
 * @param source the template it came from ({@code taskflow/templates/backend-secret.yaml})
 * @param kind   the resource kind
 * @param name   the resource name
 * @param yaml   its YAML, masked: Secret values show as {@code •••• sha256:…}, known secret values as {@code ••••}
 */
public record Manifest(String source, String kind, String name, String yaml) {

    /** {@code Kind/name}, how people and {@code kubectl} name a resource. */
    public String key() {
        return kind + "/" + name;
    }
}
