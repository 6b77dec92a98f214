package dev.taskflow.panel.artifacts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The shipped chart rendered by the embedded Helm, as fabric8 models found by kind and name, with each resource's
 * rendered text kept for searching (where a value appears matters as much as whether it does).
 */
record RenderedChart(String output, List<Document> documents) {

    static final Path CHART = Path.of("helm/taskflow");

    static final String RELEASE = "taskflow";

    static final String NAMESPACE = "taskflow";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One rendered resource and the text it was parsed from. */
    record Document(HasMetadata resource, String text) {
    }

    /** A template command for the shipped chart, as `helm template taskflow helm/taskflow -n taskflow` would be. */
    static TemplateCommand template() {
        return template(CHART);
    }

    static TemplateCommand template(Path chart) {
        return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
    }

    /** Renders the shipped chart with the given values files (names inside the chart folder) applied in order. */
    static RenderedChart render(String... valuesFiles) {
        TemplateCommand command = template();
        for (String file : valuesFiles) {
            command.withValuesFile(CHART.resolve(file));
        }
        return of(command.call());
    }

    static RenderedChart render(Map<String, ?> sets, String... valuesFiles) {
        TemplateCommand command = template();
        for (String file : valuesFiles) {
            command.withValuesFile(CHART.resolve(file));
        }
        sets.forEach(command::set);
        return of(command.call());
    }

    static RenderedChart of(String output) {
        List<Document> documents = new ArrayList<>();
        for (String text : output.split("(?m)^---\\s*$")) {
            if (text.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            documents.add(new Document(SERIALIZATION.unmarshal(text, HasMetadata.class), text));
        }
        return new RenderedChart(output, List.copyOf(documents));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return documents.stream().map(Document::resource).filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(resource -> resource.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new NoSuchElementException("No " + kind.getSimpleName() + " "
                + name + " among " + names()));
    }

    Deployment deployment(String name) {
        return get(Deployment.class, name);
    }

    Service service(String name) {
        return get(Service.class, name);
    }

    ConfigMap configMap(String name) {
        return get(ConfigMap.class, name);
    }

    Secret secret(String name) {
        return get(Secret.class, name);
    }

    /** The Secret's data, base64-decoded. */
    Map<String, String> secretData(String name) {
        Map<String, String> decoded = new LinkedHashMap<>();
        Map<String, String> data = secret(name).getData();
        if (data != null) {
            data.forEach((key, value) -> decoded.put(key, new String(Base64.getDecoder().decode(value),
                    StandardCharsets.UTF_8)));
        }
        return decoded;
    }

    /** The Deployment's main container (the first one; each Deployment here runs exactly one). */
    Container container(String deployment) {
        return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** Kind/name of every document whose text contains the needle. */
    List<String> documentsContaining(String needle) {
        return documents.stream().filter(document -> document.text().contains(needle))
                .map(document -> describe(document.resource())).toList();
    }

    List<String> names() {
        return documents.stream().map(document -> describe(document.resource())).toList();
    }

    static String describe(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }
}
