package dev.taskflow.panel.release;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A client-side dry run of rendered manifests: what {@code kubectl apply --dry-run} would not tell until pods fail.
 * Every resource parses and is named; Deployment selectors match their pod labels; every Service selects a Deployment's
 * pods on a port they expose; every ConfigMap and Secret a container takes its environment from is rendered too; every
 * Ingress backend is a rendered Service and port.
 */
final class ManifestConsistency {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ManifestConsistency() {
    }

    static List<String> findings(List<Manifest> manifests) {
        List<String> findings = new ArrayList<>();
        List<JsonNode> resources = new ArrayList<>();
        for (Manifest manifest : manifests) {
            try {
                JsonNode resource = YAML.readTree(manifest.yaml());
                if (resource.path("apiVersion").asString("").isEmpty() || manifest.name().isEmpty()) {
                    findings.add(manifest.source() + ": a " + manifest.kind() + " without apiVersion or metadata.name.");
                    continue;
                }
                resources.add(resource);
            }
            catch (JacksonException ex) {
                findings.add(manifest.source() + " does not parse as YAML: " + ex.getOriginalMessage());
            }
        }
        Set<String> configMaps = names(resources, "ConfigMap");
        Set<String> secrets = names(resources, "Secret");
        List<JsonNode> deployments = resources.stream().filter(kind("Deployment")).toList();
        for (JsonNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asString();
            JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            if (!selector.isObject() || selector.isEmpty() || !subset(selector, labels)) {
                findings.add("Deployment/" + name + ": spec.selector.matchLabels " + selector
                        + " do not all appear in the pod labels " + labels + ".");
            }
            for (JsonNode container : containers(deployment)) {
                for (JsonNode source : container.path("envFrom")) {
                    String configMap = source.path("configMapRef").path("name").asString(null);
                    String secret = source.path("secretRef").path("name").asString(null);
                    if (configMap != null && !configMaps.contains(configMap)) {
                        findings.add("Deployment/" + name + " takes env from ConfigMap " + configMap
                                + ", which the chart does not render.");
                    }
                    if (secret != null && !secrets.contains(secret)) {
                        findings.add("Deployment/" + name + " takes env from Secret " + secret
                                + ", which the chart does not render.");
                    }
                }
            }
        }
        for (JsonNode service : resources.stream().filter(kind("Service")).toList()) {
            String name = service.path("metadata").path("name").asString();
            JsonNode selector = service.path("spec").path("selector");
            List<JsonNode> selected = deployments.stream().filter(deployment -> subset(selector,
                    deployment.path("spec").path("template").path("metadata").path("labels"))).toList();
            if (selected.isEmpty()) {
                findings.add("Service/" + name + " selects " + selector + ", which matches no Deployment's pods.");
                continue;
            }
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort").isMissingNode() ? port.path("port") : port.path("targetPort");
                boolean exposed = selected.stream().flatMap(deployment -> containers(deployment).stream())
                        .flatMap(container -> stream(container.path("ports")).stream())
                        .anyMatch(containerPort -> target.isNumber()
                                ? containerPort.path("containerPort").asInt() == target.asInt()
                                : containerPort.path("name").asString("").equals(target.asString()));
                if (!exposed) {
                    findings.add("Service/" + name + " sends port " + port.path("port").asString() + " to "
                            + target.asString() + ", which its pods do not expose.");
                }
            }
        }
        Set<String> services = names(resources, "Service");
        for (JsonNode ingress : resources.stream().filter(kind("Ingress")).toList()) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String service = path.path("backend").path("service").path("name").asString("");
                    if (!services.contains(service)) {
                        findings.add("Ingress/" + ingress.path("metadata").path("name").asString() + " routes "
                                + path.path("path").asString() + " to Service " + service
                                + ", which the chart does not render.");
                    }
                }
            }
        }
        return findings;
    }

    private static List<JsonNode> containers(JsonNode deployment) {
        return stream(deployment.path("spec").path("template").path("spec").path("containers"));
    }

    private static List<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static boolean subset(JsonNode wanted, JsonNode labels) {
        if (!wanted.isObject() || wanted.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : wanted.properties()) {
            if (!labels.path(entry.getKey()).asString("").equals(entry.getValue().asString())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> names(List<JsonNode> resources, String kind) {
        Set<String> names = new HashSet<>();
        resources.stream().filter(kind(kind)).forEach(resource -> names.add(resource.path("metadata").path("name")
                .asString()));
        return names;
    }

    private static Predicate<JsonNode> kind(String kind) {
        return resource -> resource.path("kind").asString("").equals(kind);
    }
}
