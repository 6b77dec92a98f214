package dev.taskflow.panel.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the plans say a rendered chart must be, as named assertions with parameters (the {@code helm-render-assert}
 * tasks). Each returns the ways the rendering falls short, in words that say what was expected and what was found.
 */
final class RenderAssertions {

    /** The assertions the plans use, for the error that names an unknown one. */
    static final List<String> KNOWN = List.of("deployment", "backend-deployment", "frontend-deployment", "service",
            "configmap-value", "frontend-init-container", "rolling-update", "run-as-non-root", "ingress-routing",
            "ingress-conditional", "liveness-probe", "readiness-probe", "startup-probe", "probes-from-values",
            "parameterized");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Renders the plan's chart with extra {@code --set} pairs. */
    private final Function<List<String>, List<Manifest>> render;

    private final List<JsonNode> resources;

    RenderAssertions(Function<List<String>, List<Manifest>> render) {
        this.render = render;
        this.resources = parse(render.apply(List.of()));
    }

    List<String> failures(String assertion, Map<String, String> parameters) {
        return switch (assertion) {
            case "deployment" -> deployment(required(parameters, "component"), parameters);
            case "backend-deployment" -> deployment("backend", parameters);
            case "frontend-deployment" -> deployment("frontend", parameters);
            case "service" -> service(required(parameters, "component"), parameters);
            case "configmap-value" -> configMapValue(required(parameters, "component"), required(parameters, "key"),
                    required(parameters, "value"));
            case "frontend-init-container" -> initContainer();
            case "rolling-update" -> rollingUpdate(parameters.getOrDefault("maxSurge", "25%"),
                    parameters.getOrDefault("maxUnavailable", "25%"));
            case "run-as-non-root" -> runAsNonRoot();
            case "ingress-routing" -> ingressRouting(parse(render.apply(List.of("ingress.enabled=true"))),
                    parameters.getOrDefault("ingressClass", "nginx"));
            case "ingress-conditional" -> ingressConditional();
            case "liveness-probe", "readiness-probe", "startup-probe" ->
                probe(assertion.substring(0, assertion.indexOf('-')), required(parameters, "component"), parameters);
            case "probes-from-values" -> probesFromValues();
            case "parameterized" -> parameterized(parameters.getOrDefault("component", "backend"));
            default -> throw new InvalidRequestException("Unknown helm-render-assert '" + assertion
                    + "'. Known assertions: " + String.join(", ", KNOWN) + ".");
        };
    }

    private List<String> deployment(String component, Map<String, String> parameters) {
        Optional<JsonNode> found = workload(resources, component);
        if (found.isEmpty()) {
            return List.of("No Deployment with label component=" + component + " is rendered.");
        }
        JsonNode deployment = found.get();
        String name = "Deployment/" + deployment.path("metadata").path("name").asString();
        List<String> failures = new ArrayList<>();
        String replicas = parameters.get("replicas");
        if (replicas != null && deployment.path("spec").path("replicas").asInt(-1) != Integer.parseInt(replicas)) {
            failures.add(name + " has " + deployment.path("spec").path("replicas").asString() + " replicas, not "
                    + replicas + ".");
        }
        JsonNode container = container(deployment);
        if (parameters.containsKey("resources")) {
            JsonNode resourcesNode = container.path("resources");
            for (String part : List.of("limits", "requests")) {
                if (!resourcesNode.path(part).has("memory") || !resourcesNode.path(part).has("cpu")) {
                    failures.add(name + " sets no memory and cpu " + part + ".");
                }
            }
        }
        String envFrom = parameters.get("envFrom");
        if (envFrom != null) {
            for (String source : envFrom.toLowerCase(Locale.ROOT).split("\\+")) {
                String ref = source.strip().equals("secret") ? "secretRef" : "configMapRef";
                boolean present = false;
                for (JsonNode entry : container.path("envFrom")) {
                    present |= entry.has(ref);
                }
                if (!present) {
                    failures.add(name + " does not take its environment from a " + source.strip() + " (envFrom "
                            + ref + ").");
                }
            }
        }
        String probes = parameters.get("probes");
        if (probes != null) {
            for (String probe : probes.split("\\+")) {
                if (!container.has(probe.strip() + "Probe")) {
                    failures.add(name + " has no " + probe.strip() + " probe.");
                }
            }
        }
        return failures;
    }

    private List<String> service(String component, Map<String, String> parameters) {
        Optional<JsonNode> found = resources.stream().filter(kind("Service"))
                .filter(service -> service.path("spec").path("selector").path("component").asString("")
                        .equals(component)).findFirst();
        if (found.isEmpty()) {
            return List.of("No Service selects component=" + component + ".");
        }
        JsonNode service = found.get();
        String name = "Service/" + service.path("metadata").path("name").asString();
        List<String> failures = new ArrayList<>();
        expect(failures, name + " name", service.path("metadata").path("name"), parameters.get("name"));
        expect(failures, name + " type", service.path("spec").path("type"), parameters.get("type"));
        JsonNode port = service.path("spec").path("ports").path(0);
        expect(failures, name + " port", port.path("port"), parameters.get("port"));
        expect(failures, name + " nodePort", port.path("nodePort"), parameters.get("nodePort"));
        return failures;
    }

    private List<String> configMapValue(String component, String key, String value) {
        Optional<JsonNode> configMap = resources.stream().filter(kind("ConfigMap"))
                .filter(map -> map.path("metadata").path("labels").path("component").asString("").equals(component))
                .findFirst();
        if (configMap.isEmpty()) {
            return List.of("No ConfigMap with label component=" + component + " is rendered.");
        }
        List<String> failures = new ArrayList<>();
        expect(failures, "ConfigMap/" + configMap.get().path("metadata").path("name").asString() + " " + key,
                configMap.get().path("data").path(key), value);
        return failures;
    }

    private List<String> initContainer() {
        Optional<JsonNode> frontend = workload(resources, "frontend");
        Optional<JsonNode> backendService = resources.stream().filter(kind("Service"))
                .filter(service -> service.path("spec").path("selector").path("component").asString("")
                        .equals("backend")).findFirst();
        if (frontend.isEmpty() || backendService.isEmpty()) {
            return List.of("The chart renders no frontend Deployment or no backend Service.");
        }
        JsonNode init = frontend.get().path("spec").path("template").path("spec").path("initContainers").path(0);
        if (init.isMissingNode()) {
            return List.of("The frontend Deployment has no init container waiting for the backend.");
        }
        String script = init.path("command").toString() + init.path("args") + init.path("env");
        String serviceName = backendService.get().path("metadata").path("name").asString();
        List<String> failures = new ArrayList<>();
        if (!script.contains(serviceName)) {
            failures.add("The frontend's init container does not wait for the backend Service's name " + serviceName
                    + ".");
        }
        if (!script.contains("/health")) {
            failures.add("The frontend's init container does not check the backend's /health.");
        }
        return failures;
    }

    private List<String> rollingUpdate(String maxSurge, String maxUnavailable) {
        List<String> failures = new ArrayList<>();
        resources.stream().filter(kind("Deployment")).forEach(deployment -> {
            String name = "Deployment/" + deployment.path("metadata").path("name").asString();
            JsonNode strategy = deployment.path("spec").path("strategy");
            expect(failures, name + " strategy", strategy.path("type"), "RollingUpdate");
            expect(failures, name + " maxSurge", strategy.path("rollingUpdate").path("maxSurge"), maxSurge);
            expect(failures, name + " maxUnavailable", strategy.path("rollingUpdate").path("maxUnavailable"),
                    maxUnavailable);
        });
        return failures;
    }

    private List<String> runAsNonRoot() {
        List<String> failures = new ArrayList<>();
        resources.stream().filter(kind("Deployment")).forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            boolean podLevel = pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
            for (JsonNode container : pod.path("containers")) {
                if (!podLevel && !container.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
                    failures.add("Deployment/" + deployment.path("metadata").path("name").asString() + " container "
                            + container.path("name").asString() + " may run as root (no runAsNonRoot: true).");
                }
            }
        });
        return failures;
    }

    private static List<String> ingressRouting(List<JsonNode> withIngress, String ingressClass) {
        Optional<JsonNode> ingress = withIngress.stream().filter(kind("Ingress")).findFirst();
        if (ingress.isEmpty()) {
            return List.of("With ingress.enabled=true the chart renders no Ingress.");
        }
        List<String> failures = new ArrayList<>();
        expect(failures, "Ingress class", ingress.get().path("spec").path("ingressClassName"), ingressClass);
        Map<String, String> routes = new java.util.HashMap<>();
        for (JsonNode rule : ingress.get().path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                routes.put(path.path("path").asString(), path.path("backend").path("service").path("name")
                        .asString());
            }
        }
        String frontend = serviceOf(withIngress, "frontend");
        String backend = serviceOf(withIngress, "backend");
        if (!frontend.equals(routes.get("/"))) {
            failures.add("The Ingress sends / to " + routes.get("/") + ", not the frontend Service " + frontend + ".");
        }
        if (routes.entrySet().stream().noneMatch(route -> route.getKey().startsWith("/api")
                && route.getValue().equals(backend))) {
            failures.add("The Ingress has no /api route to the backend Service " + backend + " (routes: " + routes
                    + ").");
        }
        return failures;
    }

    private List<String> ingressConditional() {
        List<String> failures = new ArrayList<>();
        List<JsonNode> off = parse(render.apply(List.of("ingress.enabled=false")));
        List<JsonNode> on = parse(render.apply(List.of("ingress.enabled=true")));
        if (off.stream().anyMatch(kind("Ingress"))) {
            failures.add("With ingress.enabled=false an Ingress is still rendered.");
        }
        if (on.stream().noneMatch(kind("Ingress"))) {
            failures.add("With ingress.enabled=true no Ingress is rendered.");
        }
        return failures;
    }

    private List<String> probe(String probe, String component, Map<String, String> parameters) {
        Optional<JsonNode> deployment = workload(resources, component);
        if (deployment.isEmpty()) {
            return List.of("No Deployment with label component=" + component + " is rendered.");
        }
        JsonNode node = container(deployment.get()).path(probe + "Probe");
        if (node.isMissingNode()) {
            return List.of("The " + component + " container has no " + probe + " probe.");
        }
        List<String> failures = new ArrayList<>();
        String where = "The " + component + " " + probe + " probe's ";
        expect(failures, where + "httpGet path", node.path("httpGet").path("path"), parameters.get("httpGet"));
        for (String field : List.of("initialDelaySeconds", "periodSeconds", "failureThreshold", "timeoutSeconds")) {
            expect(failures, where + field, node.path(field), parameters.get(field));
        }
        return failures;
    }

    private List<String> probesFromValues() {
        List<JsonNode> changed = parse(render.apply(List.of("backend.probes.liveness.initialDelaySeconds=42",
                "frontend.probes.readiness.periodSeconds=7")));
        List<String> failures = new ArrayList<>();
        expect(failures, "backend liveness initialDelaySeconds after --set",
                container(workload(changed, "backend").orElseThrow()).path("livenessProbe")
                        .path("initialDelaySeconds"), "42");
        expect(failures, "frontend readiness periodSeconds after --set",
                container(workload(changed, "frontend").orElseThrow()).path("readinessProbe").path("periodSeconds"),
                "7");
        return failures;
    }

    /** Sets each knob of the component to a new value and proves the rendering follows. */
    private List<String> parameterized(String component) {
        if (component.equals("configmaps")) {
            List<JsonNode> changed = parse(render.apply(List.of("backend.config.API_TITLE=Changed",
                    "frontend.apiUrl=http://changed:8000")));
            List<String> failures = new ArrayList<>();
            expect(failures, "backend ConfigMap API_TITLE after --set", configMap(changed, "backend").path("data")
                    .path("API_TITLE"), "Changed");
            expect(failures, "frontend ConfigMap NEXT_PUBLIC_API_URL after --set", configMap(changed, "frontend")
                    .path("data").path("NEXT_PUBLIC_API_URL"), "http://changed:8000");
            return failures;
        }
        List<JsonNode> changed = parse(render.apply(List.of(component + ".replicaCount=3",
                component + ".image.tag=9.9.9", component + ".service.port=8123")));
        List<String> failures = new ArrayList<>();
        JsonNode deployment = workload(changed, component).orElseThrow();
        expect(failures, component + " replicas after --set", deployment.path("spec").path("replicas"), "3");
        String image = container(deployment).path("image").asString("");
        if (!image.endsWith(":9.9.9")) {
            failures.add(component + " image after --set is " + image + ", not tagged 9.9.9.");
        }
        expect(failures, component + " Service port after --set", changed.stream().filter(kind("Service"))
                .filter(service -> service.path("spec").path("selector").path("component").asString("")
                        .equals(component)).findFirst().orElseThrow().path("spec").path("ports").path(0).path("port"),
                "8123");
        return failures;
    }

    private static void expect(List<String> failures, String what, JsonNode actual, String expected) {
        if (expected != null && !actual.asString("").equals(expected)) {
            failures.add(what + " is " + (actual.isMissingNode() ? "not set" : "'" + actual.asString() + "'")
                    + ", expected '" + expected + "'.");
        }
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("This helm-render-assert needs the parameter '" + name
                    + "': add it to the task in the plan.");
        }
        return value;
    }

    private static Optional<JsonNode> workload(List<JsonNode> resources, String component) {
        return resources.stream().filter(kind("Deployment")).filter(deployment -> deployment.path("spec")
                .path("selector").path("matchLabels").path("component").asString("").equals(component)).findFirst();
    }

    private static JsonNode configMap(List<JsonNode> resources, String component) {
        return resources.stream().filter(kind("ConfigMap")).filter(map -> map.path("metadata").path("labels")
                .path("component").asString("").equals(component)).findFirst().orElse(YAML.missingNode());
    }

    private static String serviceOf(List<JsonNode> resources, String component) {
        return resources.stream().filter(kind("Service")).filter(service -> service.path("spec").path("selector")
                .path("component").asString("").equals(component)).findFirst()
                .map(service -> service.path("metadata").path("name").asString()).orElse("(none)");
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").path(0);
    }

    private static java.util.function.Predicate<JsonNode> kind(String kind) {
        return resource -> resource.path("kind").asString("").equals(kind);
    }

    private static List<JsonNode> parse(List<Manifest> manifests) {
        List<JsonNode> parsed = new ArrayList<>();
        for (Manifest manifest : manifests) {
            try {
                parsed.add(YAML.readTree(manifest.yaml()));
            }
            catch (JacksonException ex) {
                throw new IllegalStateException(manifest.source() + " does not render to YAML: " + ex.getMessage(), ex);
            }
        }
        return parsed;
    }
}
