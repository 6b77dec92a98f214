package dev.taskflow.panel.artifacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The shipped chart at helm/taskflow, rendered by the embedded Helm exactly as an install would render it, against
 * what the three plans and the TaskFlow seed ask of it.
 */
class HelmChartTests {

    private static final String BACKEND = "taskflow-backend";

    private static final String FRONTEND = "taskflow-frontend";

    private static final String BACKEND_SERVICE = "taskflow-backend-service";

    private static final String FRONTEND_SERVICE = "taskflow-frontend-service";

    /** Keys that must only ever appear in Secrets. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)^DATABASE_URL$|SECRET|PASSWORD|API_KEY$");

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path tmp;

    @Test
    void lintStrictPassesWithoutWarnings() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]")
                || message.contains("[ERROR]"));
    }

    @Test
    void chartIsTaskflowVersionOneWithApiVersionTwo() throws IOException {
        JsonNode chart = YAML.readTree(Files.readString(RenderedChart.CHART.resolve("Chart.yaml")));

        assertThat(chart.path("apiVersion").asString()).isEqualTo("v2");
        assertThat(chart.path("name").asString()).isEqualTo("taskflow");
        assertThat(chart.path("version").asString()).isEqualTo("1.0.0");
        assertThat(chart.path("appVersion").asString()).isEqualTo("1.0.0");
    }

    @Test
    void defaultsRenderOneReplicaOfEachPinnedImageWithoutPulling() {
        RenderedChart chart = RenderedChart.render();

        assertThat(chart.names()).containsExactlyInAnyOrder("Secret/taskflow-backend-secret",
                "Secret/taskflow-frontend-secret", "ConfigMap/taskflow-backend-config",
                "ConfigMap/taskflow-frontend-config", "Service/" + BACKEND_SERVICE, "Service/" + FRONTEND_SERVICE,
                "Deployment/" + BACKEND, "Deployment/" + FRONTEND);
        assertThat(chart.deployment(BACKEND).getSpec().getReplicas()).isEqualTo(1);
        assertThat(chart.deployment(FRONTEND).getSpec().getReplicas()).isEqualTo(1);
        assertThat(chart.container(BACKEND).getImage()).isEqualTo("taskflow-backend:1.0.0");
        assertThat(chart.container(FRONTEND).getImage()).isEqualTo("taskflow-frontend:1.0.0");
        assertThat(chart.container(BACKEND).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(chart.container(FRONTEND).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void resourcesMatchTheSeedsRequestsAndLimits() {
        RenderedChart chart = RenderedChart.render();

        assertThat(resources(chart.container(BACKEND).getResources().getRequests()))
                .containsOnly(entry("memory", "256Mi"), entry("cpu", "250m"));
        assertThat(resources(chart.container(BACKEND).getResources().getLimits()))
                .containsOnly(entry("memory", "512Mi"), entry("cpu", "500m"));
        assertThat(resources(chart.container(FRONTEND).getResources().getRequests()))
                .containsOnly(entry("memory", "128Mi"), entry("cpu", "250m"));
        assertThat(resources(chart.container(FRONTEND).getResources().getLimits()))
                .containsOnly(entry("memory", "256Mi"), entry("cpu", "500m"));
    }

    @Test
    void backendProbesAskForHealthOnTheServingPortWithTheSeedsTimings() {
        Container backend = RenderedChart.render().container(BACKEND);

        assertThat(backend.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8000);
        });
        for (Probe probe : List.of(backend.getLivenessProbe(), backend.getReadinessProbe(), backend.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/health");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        }
        assertThat(backend.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(15);
        assertThat(backend.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        assertThat(backend.getStartupProbe().getFailureThreshold()).isEqualTo(30);
    }

    @Test
    void frontendProbesAskForTheRootPageWithTheSeedsTimings() {
        Container frontend = RenderedChart.render().container(FRONTEND);

        assertThat(frontend.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(3000);
        });
        for (Probe probe : List.of(frontend.getLivenessProbe(), frontend.getReadinessProbe(),
                frontend.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        }
        assertThat(frontend.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(10);
        assertThat(frontend.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        assertThat(frontend.getStartupProbe().getFailureThreshold()).isEqualTo(30);
    }

    @Test
    void probePathsAndTimingsComeFromValues() {
        RenderedChart chart = RenderedChart.render(Map.of("backend.probes.path", "/healthz",
                "backend.probes.liveness.initialDelaySeconds", 42, "frontend.probes.readiness.periodSeconds", 9,
                "frontend.probes.startup.failureThreshold", 60));

        assertThat(chart.container(BACKEND).getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(chart.container(BACKEND).getLivenessProbe().getInitialDelaySeconds()).isEqualTo(42);
        assertThat(chart.container(FRONTEND).getReadinessProbe().getPeriodSeconds()).isEqualTo(9);
        assertThat(chart.container(FRONTEND).getStartupProbe().getFailureThreshold()).isEqualTo(60);
    }

    @Test
    void eachServiceSelectsThePodsOfItsOwnDeploymentOnly() {
        RenderedChart chart = RenderedChart.render();

        assertServiceSelects(chart, BACKEND_SERVICE, BACKEND, FRONTEND);
        assertServiceSelects(chart, FRONTEND_SERVICE, FRONTEND, BACKEND);
        assertThat(chart.deployment(BACKEND).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "taskflow").containsEntry("component", "backend");
        assertThat(chart.deployment(FRONTEND).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "taskflow").containsEntry("component", "frontend");
    }

    @Test
    void backendServiceIsClusterIpOnPort8000() {
        Service service = RenderedChart.render().service(BACKEND_SERVICE);

        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        ServicePort port = service.getSpec().getPorts().getFirst();
        assertThat(port.getPort()).isEqualTo(8000);
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(port.getNodePort()).isNull();
    }

    @Test
    void frontendServiceIsNodePortOnPort3000WithTheFixedNodePort() {
        Service service = RenderedChart.render().service(FRONTEND_SERVICE);

        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        ServicePort port = service.getSpec().getPorts().getFirst();
        assertThat(port.getPort()).isEqualTo(3000);
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(port.getNodePort()).isEqualTo(30080);
    }

    @Test
    void namesPortsAndNodePortAreConfigurable() {
        RenderedChart chart = RenderedChart.render(Map.of("nameOverride", "shop", "backend.service.name", "api",
                "backend.service.port", 9000, "backend.port", 8080, "frontend.service.nodePort", 31000));

        assertThat(chart.deployment("shop-backend").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getPorts().getFirst().getContainerPort()).isEqualTo(8080);
        assertThat(chart.service("api").getSpec().getPorts().getFirst().getPort()).isEqualTo(9000);
        assertThat(chart.service("shop-frontend-service").getSpec().getPorts().getFirst().getNodePort())
                .isEqualTo(31000);
        assertThat(chart.configMap("shop-frontend-config").getData())
                .containsEntry("NEXT_PUBLIC_API_URL", "http://api:9000");
        assertThat(env(initContainer(chart, "shop-frontend"), "BACKEND_HEALTH_URL"))
                .isEqualTo("http://api.$(POD_NAMESPACE).svc.cluster.local:9000/health");
    }

    @Test
    void initContainerWaitsForTheBackendServicesDnsNameAndHealth() {
        RenderedChart chart = RenderedChart.render(Map.of("frontend.waitForBackend.image.repository",
                "registry.local/busybox", "frontend.waitForBackend.image.tag", "1.37"));
        Container init = initContainer(chart, FRONTEND);

        assertThat(init.getImage()).isEqualTo("registry.local/busybox:1.37");
        assertThat(init.getEnv()).filteredOn(variable -> variable.getName().equals("POD_NAMESPACE")).singleElement()
                .satisfies(variable -> assertThat(variable.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.namespace"));
        assertThat(env(init, "BACKEND_HOST")).isEqualTo(BACKEND_SERVICE + ".$(POD_NAMESPACE).svc.cluster.local");
        assertThat(env(init, "BACKEND_HEALTH_URL"))
                .isEqualTo("http://" + BACKEND_SERVICE + ".$(POD_NAMESPACE).svc.cluster.local:8000/health");
        assertThat(init.getCommand()).startsWith("sh", "-c");
        assertThat(init.getCommand().get(2)).contains("nslookup \"$BACKEND_HOST\"")
                .contains("wget -q -T 3 -O /dev/null \"$BACKEND_HEALTH_URL\"");
    }

    @Test
    void initContainerScriptWaitsForDnsThenHealthAndGivesUpAfterItsAttempts() throws Exception {
        String script = initContainer(RenderedChart.render(), FRONTEND).getCommand().get(2);

        // DNS answers on the third try, health on the second: the script waits through both, in that order.
        ScriptRun waited = runInitScript(script, 2, 1, 10);
        assertThat(waited.exitCode()).as(waited.output()).isZero();
        assertThat(waited.calls()).containsExactly("nslookup backend.test.svc", "nslookup backend.test.svc",
                "nslookup backend.test.svc", "wget http://backend.test.svc:8000/health",
                "wget http://backend.test.svc:8000/health");
        assertThat(waited.output()).contains("backend is up: http://backend.test.svc:8000/health");

        // Health never answers: the script stops after its attempts with a message saying what it waited for.
        ScriptRun gaveUp = runInitScript(script, 0, 100, 4);
        assertThat(gaveUp.exitCode()).isEqualTo(1);
        assertThat(gaveUp.calls()).hasSize(5);
        assertThat(gaveUp.output()).contains("http://backend.test.svc:8000/health does not answer after 4 tries");
    }

    @Test
    void envFromReadsTheConfigMapsAndSecretsTheChartRenders() {
        RenderedChart chart = RenderedChart.render();

        assertThat(chart.container(BACKEND).getEnvFrom()).extracting(HelmChartTests::source)
                .containsExactly("ConfigMap/taskflow-backend-config", "Secret/taskflow-backend-secret");
        assertThat(chart.container(FRONTEND).getEnvFrom()).extracting(HelmChartTests::source)
                .containsExactly("ConfigMap/taskflow-frontend-config", "Secret/taskflow-frontend-secret");
        for (Deployment deployment : chart.all(Deployment.class)) {
            for (EnvFromSource source : deployment.getSpec().getTemplate().getSpec().getContainers().getFirst()
                    .getEnvFrom()) {
                assertThat(chart.names()).contains(source(source));
            }
        }
    }

    @Test
    void bothDeploymentsRollAQuarterAtATime() {
        for (Deployment deployment : RenderedChart.render().all(Deployment.class)) {
            assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
                    .isEqualTo("25%");
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
                    .isEqualTo("25%");
        }
    }

    @Test
    void everyContainerRunsAsNonRootWithoutPrivilegeEscalation() {
        RenderedChart chart = RenderedChart.render();

        assertThat(chart.all(Deployment.class)).hasSize(2);
        for (Deployment deployment : chart.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container container : containers) {
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                        .as(container.getName()).isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            }
        }
        assertThat(chart.deployment(BACKEND).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                .as("the uid of the backend image's USER").isEqualTo(10001);
        assertThat(chart.deployment(FRONTEND).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                .as("the uid of the frontend image's USER").isEqualTo(1000);
    }

    @Test
    void checksumAnnotationsChangeExactlyWhenTheirConfigMapOrSecretChanges() {
        RenderedChart before = RenderedChart.render();
        RenderedChart configChanged = RenderedChart.render(Map.of("backend.config.LOG_LEVEL", "debug"));
        RenderedChart secretChanged = RenderedChart.render(Map.of("secrets.authSecret", "a".repeat(40)));

        assertThat(checksums(before, BACKEND)).containsOnlyKeys("checksum/config", "checksum/secret");
        assertThat(checksums(before, FRONTEND)).containsOnlyKeys("checksum/config", "checksum/secret");
        assertThat(checksums(configChanged, BACKEND).get("checksum/config"))
                .isNotEqualTo(checksums(before, BACKEND).get("checksum/config"));
        assertThat(checksums(configChanged, BACKEND).get("checksum/secret"))
                .isEqualTo(checksums(before, BACKEND).get("checksum/secret"));
        assertThat(checksums(configChanged, FRONTEND)).isEqualTo(checksums(before, FRONTEND));
        assertThat(checksums(secretChanged, BACKEND).get("checksum/secret"))
                .isNotEqualTo(checksums(before, BACKEND).get("checksum/secret"));
        assertThat(checksums(secretChanged, FRONTEND).get("checksum/secret"))
                .isNotEqualTo(checksums(before, FRONTEND).get("checksum/secret"));
        assertThat(checksums(secretChanged, BACKEND).get("checksum/config"))
                .isEqualTo(checksums(before, BACKEND).get("checksum/config"));
    }

    @Test
    void configMapsCarryTheSeedsSettings() {
        RenderedChart chart = RenderedChart.render();

        assertThat(chart.configMap("taskflow-backend-config").getData()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "API_PREFIX", "/api/v1", "API_TITLE", "Todo API", "API_VERSION", "0.1.0", "ENVIRONMENT",
                "development", "DEBUG", "False", "JWT_ALGORITHM", "HS256", "JWT_EXPIRY", "86400", "LOG_LEVEL",
                "info"));
        assertThat(chart.configMap("taskflow-frontend-config").getData()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "NEXT_PUBLIC_API_URL", "http://taskflow-backend-service:8000", "NODE_ENV", "production", "HOSTNAME",
                "0.0.0.0"));
    }

    @Test
    void secretValuesComeOnlyFromInstallTimeValuesAndLandOnlyInSecrets() {
        Map<String, String> canaries = canaries();
        RenderedChart chart = RenderedChart.render(canaries);

        for (Map.Entry<String, String> canary : canaries.entrySet()) {
            assertThat(chart.output()).as("%s in plain text", canary.getKey()).doesNotContain(canary.getValue());
            String encoded = Base64.getEncoder().encodeToString(canary.getValue().getBytes(StandardCharsets.UTF_8));
            assertThat(chart.documentsContaining(encoded)).as(canary.getKey()).isNotEmpty()
                    .allMatch(name -> name.startsWith("Secret/"));
        }
        assertThat(chart.secretData("taskflow-backend-secret")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DATABASE_URL", canaries.get("secrets.databaseUrl"), "BETTER_AUTH_SECRET",
                canaries.get("secrets.authSecret"), "ANTHROPIC_API_KEY", canaries.get("secrets.llmApiKey"),
                "CORS_ORIGINS", canaries.get("secrets.corsOrigins")));
        assertThat(chart.secretData("taskflow-frontend-secret")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "BETTER_AUTH_SECRET", canaries.get("secrets.authSecret"), "BETTER_AUTH_URL",
                canaries.get("secrets.authUrl")));
    }

    @Test
    void noConfigMapHoldsASecretKeyOrASecretValue() {
        Map<String, String> canaries = canaries();
        RenderedChart chart = RenderedChart.render(canaries);

        assertThat(chart.all(ConfigMap.class)).hasSize(2);
        for (ConfigMap configMap : chart.all(ConfigMap.class)) {
            assertThat(configMap.getData().keySet()).noneMatch(key -> SECRET_KEY.matcher(key).find());
            for (String value : configMap.getData().values()) {
                assertThat(canaries.values()).noneMatch(value::contains);
            }
        }
    }

    @Test
    void withoutInstallTimeValuesEverySecretValueIsEmpty() throws IOException {
        RenderedChart chart = RenderedChart.render();

        assertThat(chart.secretData("taskflow-backend-secret")).containsOnlyKeys("DATABASE_URL",
                "BETTER_AUTH_SECRET", "ANTHROPIC_API_KEY", "CORS_ORIGINS").allSatisfy((key, value) ->
                assertThat(value).as(key).isEmpty());
        assertThat(chart.secretData("taskflow-frontend-secret")).containsOnly(entry("BETTER_AUTH_SECRET", ""));
        JsonNode secrets = YAML.readTree(Files.readString(RenderedChart.CHART.resolve("values.yaml"))).path("secrets");
        for (String field : List.of("databaseUrl", "authSecret", "llmApiKey", "corsOrigins", "authUrl")) {
            assertThat(secrets.path(field).asString()).as("values.yaml secrets.%s", field).isEmpty();
        }
    }

    @Test
    void requiredSecretsStopAnInstallNamingTheMissingValue() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("secrets.required", true)))
                .hasMessageContaining("secrets.required is true and these are empty: secrets.databaseUrl "
                        + "(DATABASE_URL), secrets.authSecret (BETTER_AUTH_SECRET), secrets.llmApiKey "
                        + "(ANTHROPIC_API_KEY), secrets.corsOrigins (CORS_ORIGINS).")
                .hasMessageContaining("--set-string secrets.databaseUrl=");

        Map<String, Object> allButTheKey = new LinkedHashMap<>(canaries());
        allButTheKey.remove("secrets.llmApiKey");
        allButTheKey.put("secrets.required", true);
        assertThatThrownBy(() -> RenderedChart.render(allButTheKey))
                .hasMessageContaining("these are empty: secrets.llmApiKey (ANTHROPIC_API_KEY).")
                .message().doesNotContain("canary");

        allButTheKey.put("secrets.llmApiKey", "canary-llm-key");
        assertThat(RenderedChart.render(allButTheKey).secretData("taskflow-backend-secret"))
                .containsEntry("ANTHROPIC_API_KEY", "canary-llm-key");
    }

    @Test
    void aShortAuthSecretIsRefusedTellingItsLengthButNotItsValue() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("secrets.authSecret", "short-canary-value")))
                .hasMessageContaining("secrets.authSecret (BETTER_AUTH_SECRET) has 18 characters; it needs at least 32")
                .message().doesNotContain("short-canary-value");
    }

    @Test
    void aSecretLookingKeyInAConfigMapIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("backend.config.OPENAI_API_KEY", "sk-canary")))
                .hasMessageContaining("backend.config.OPENAI_API_KEY looks like a secret");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("frontend.config.BETTER_AUTH_SECRET", "canary")))
                .hasMessageContaining("frontend.config.BETTER_AUTH_SECRET looks like a secret");
    }

    @Test
    void anExistingSecretReplacesTheRenderedOne() {
        RenderedChart chart = RenderedChart.render(Map.of("backend.secret.existingSecret", "made-by-hand",
                "frontend.secret.existingSecret", "frontend-made-by-hand"));

        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(chart.container(BACKEND).getEnvFrom()).extracting(HelmChartTests::source)
                .containsExactly("ConfigMap/taskflow-backend-config", "Secret/made-by-hand");
        assertThat(chart.container(FRONTEND).getEnvFrom()).extracting(HelmChartTests::source)
                .containsExactly("ConfigMap/taskflow-frontend-config", "Secret/frontend-made-by-hand");
    }

    @Test
    void ingressIsAbsentByDefault() {
        assertThat(RenderedChart.render().all(Ingress.class)).isEmpty();
    }

    @Test
    void enabledIngressRoutesTheRootToTheFrontendAndApiToTheBackend() {
        RenderedChart chart = RenderedChart.render(Map.of("ingress.enabled", true));
        Ingress ingress = chart.get(Ingress.class, "taskflow");

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        IngressRule rule = ingress.getSpec().getRules().getFirst();
        assertThat(rule.getHost()).isEqualTo("todo.local");
        assertThat(routes(rule)).containsOnly(entry("/", FRONTEND_SERVICE + ":3000"),
                entry("/api", BACKEND_SERVICE + ":8000"));
        assertThat(chart.secretData("taskflow-frontend-secret")).containsEntry("BETTER_AUTH_URL", "http://todo.local");

        Ingress configured = RenderedChart.render(Map.of("ingress.enabled", true, "ingress.host", "tasks.test",
                "ingress.className", "traefik")).get(Ingress.class, "taskflow");
        assertThat(configured.getSpec().getIngressClassName()).isEqualTo("traefik");
        assertThat(configured.getSpec().getRules().getFirst().getHost()).isEqualTo("tasks.test");
    }

    @Test
    void devAndProductionValuesRenderAndDifferAsIntended() {
        RenderedChart dev = RenderedChart.render("values-dev.yaml");
        RenderedChart production = RenderedChart.render(canaries(), "values-production.yaml");

        assertThat(dev.deployment(BACKEND).getSpec().getReplicas()).isEqualTo(1);
        assertThat(dev.deployment(FRONTEND).getSpec().getReplicas()).isEqualTo(1);
        assertThat(dev.configMap("taskflow-backend-config").getData()).containsEntry("LOG_LEVEL", "debug")
                .containsEntry("DEBUG", "True").containsEntry("ENVIRONMENT", "development");
        assertThat(dev.service(FRONTEND_SERVICE).getSpec().getType()).isEqualTo("NodePort");
        assertThat(dev.all(Ingress.class)).isEmpty();

        assertThat(production.deployment(BACKEND).getSpec().getReplicas()).isEqualTo(3);
        assertThat(production.deployment(FRONTEND).getSpec().getReplicas()).isEqualTo(3);
        assertThat(production.configMap("taskflow-backend-config").getData()).containsEntry("LOG_LEVEL", "warning")
                .containsEntry("DEBUG", "False").containsEntry("ENVIRONMENT", "production");
        assertThat(production.service(FRONTEND_SERVICE).getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(production.all(Ingress.class)).hasSize(1);

        assertThatThrownBy(() -> RenderedChart.render("values-production.yaml"))
                .hasMessageContaining("secrets.required is true");
    }

    @Test
    void todoAppValuesSatisfyEveryRenderAssertionOfItsPlan() throws IOException {
        RenderedChart chart = RenderedChart.render("values-todo-app.yaml");
        List<JsonNode> assertions = renderAssertions("todo-app");

        assertThat(assertions).hasSizeGreaterThanOrEqualTo(15);
        for (JsonNode task : assertions) {
            JsonNode parameters = task.path("satisfiedBy").path("parameters");
            String what = task.path("id").asString() + " " + parameters;
            switch (parameters.path("assert").asString()) {
                case "backend-deployment", "frontend-deployment" -> {
                    String component = parameters.path("assert").asString().replace("-deployment", "");
                    Deployment deployment = byComponent(chart.all(Deployment.class), component);
                    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
                    assertThat(deployment.getSpec().getReplicas()).as(what)
                            .isEqualTo(parameters.path("replicas").asInt());
                    assertThat(container.getResources().getLimits()).as(what).containsKeys("cpu", "memory");
                    assertThat(container.getEnvFrom()).as(what).extracting(HelmChartTests::source)
                            .anyMatch(source -> source.startsWith(parameters.path("envFrom").asString()
                                    .equals("secret") ? "Secret/" : "ConfigMap/"));
                }
                case "rolling-update" -> chart.all(Deployment.class).forEach(deployment -> {
                    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
                            .as(what).isEqualTo(parameters.path("maxSurge").asString());
                    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
                            .as(what).isEqualTo(parameters.path("maxUnavailable").asString());
                });
                case "run-as-non-root" -> chart.all(Deployment.class).forEach(deployment -> assertThat(deployment
                        .getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).as(what).isTrue());
                case "service" -> {
                    Service service = byComponent(chart.all(Service.class), parameters.path("component").asString());
                    assertThat(service.getSpec().getType()).as(what).isEqualTo(parameters.path("type").asString());
                    assertThat(service.getSpec().getPorts().getFirst().getPort()).as(what)
                            .isEqualTo(parameters.path("port").asInt());
                }
                case "ingress-routing" -> {
                    Ingress ingress = chart.get(Ingress.class, "todo");
                    assertThat(ingress.getSpec().getIngressClassName()).as(what)
                            .isEqualTo(parameters.path("ingressClass").asString());
                    assertThat(routes(ingress.getSpec().getRules().getFirst())).as(what).containsOnly(
                            entry("/", "frontend-service:3000"), entry("/api", "backend-service:8000"));
                }
                case "ingress-conditional" -> assertThat(RenderedChart.render(Map.of("ingress.enabled", false),
                        "values-todo-app.yaml").all(Ingress.class)).as(what).isEmpty();
                case "liveness-probe", "readiness-probe", "startup-probe" -> {
                    Container container = byComponent(chart.all(Deployment.class),
                            parameters.path("component").asString()).getSpec().getTemplate().getSpec().getContainers()
                            .getFirst();
                    Probe probe = switch (parameters.path("assert").asString()) {
                        case "liveness-probe" -> container.getLivenessProbe();
                        case "readiness-probe" -> container.getReadinessProbe();
                        default -> container.getStartupProbe();
                    };
                    assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(parameters.path("httpGet").asString());
                    for (String field : List.of("initialDelaySeconds", "periodSeconds", "failureThreshold")) {
                        if (parameters.has(field)) {
                            Integer actual = switch (field) {
                                case "initialDelaySeconds" -> probe.getInitialDelaySeconds();
                                case "periodSeconds" -> probe.getPeriodSeconds();
                                default -> probe.getFailureThreshold();
                            };
                            assertThat(actual).as(what + " " + field).isEqualTo(parameters.path(field).asInt());
                        }
                    }
                }
                case "probes-from-values" -> {
                    RenderedChart changed = RenderedChart.render(Map.of("backend.probes.liveness.periodSeconds", 7,
                            "frontend.probes.liveness.periodSeconds", 7), "values-todo-app.yaml");
                    changed.all(Deployment.class).forEach(deployment -> assertThat(deployment.getSpec().getTemplate()
                            .getSpec().getContainers().getFirst().getLivenessProbe().getPeriodSeconds()).as(what)
                            .isEqualTo(7));
                }
                default -> throw new AssertionError("No assertion here for " + what + ": add one");
            }
        }
    }

    @Test
    void habitTrackerValuesSatisfyItsPlansRenderAssertions() throws IOException {
        RenderedChart chart = RenderedChart.render("values-habit-tracker.yaml");

        assertThat(renderAssertions("habit-tracker")).extracting(task -> task.path("satisfiedBy").path("path")
                .asString()).allSatisfy(path -> assertThat(Path.of(path)).isRegularFile());
        // T011, T013: 1 replica, resource limits, liveness/readiness probes, envFrom ConfigMap+Secret / ConfigMap.
        for (String deployment : List.of("habit-tracker-backend", "habit-tracker-frontend")) {
            Container container = chart.container(deployment);
            assertThat(chart.deployment(deployment).getSpec().getReplicas()).isEqualTo(1);
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(container.getLivenessProbe()).isNotNull();
            assertThat(container.getReadinessProbe()).isNotNull();
        }
        assertThat(chart.container("habit-tracker-backend").getEnvFrom()).extracting(HelmChartTests::source)
                .containsExactly("ConfigMap/habit-tracker-backend-config", "Secret/habit-tracker-backend-secret");
        assertThat(chart.container("habit-tracker-frontend").getEnvFrom()).extracting(HelmChartTests::source)
                .containsExactly("ConfigMap/habit-tracker-frontend-config");
        // T012, T014: backend Service ClusterIP 8000 named as the frontend calls it; frontend NodePort 30080 on 3000.
        Service backend = chart.service("habit-tracker-backend");
        assertThat(backend.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(backend.getSpec().getPorts().getFirst().getPort()).isEqualTo(8000);
        Service frontend = byComponent(chart.all(Service.class), "frontend");
        assertThat(frontend.getSpec().getType()).isEqualTo("NodePort");
        assertThat(frontend.getSpec().getPorts().getFirst().getPort()).isEqualTo(3000);
        assertThat(frontend.getSpec().getPorts().getFirst().getNodePort()).isEqualTo(30080);
        // T015: the frontend's API URL names the backend Service.
        assertThat(chart.configMap("habit-tracker-frontend-config").getData())
                .containsEntry("NEXT_PUBLIC_API_URL", "http://habit-tracker-backend:8000");
        assertThat(env(initContainer(chart, "habit-tracker-frontend"), "BACKEND_HOST"))
                .startsWith("habit-tracker-backend.");
        // T016, T027: the app's own secret names, placeholders only, no TaskFlow-only settings.
        assertThat(chart.secretData("habit-tracker-backend-secret")).containsOnlyKeys("DATABASE_URL", "JWT_SECRET",
                "GEMINI_API_KEY", "CORS_ORIGINS").allSatisfy((key, value) -> assertThat(value).as(key).isEmpty());
        assertThat(chart.configMap("habit-tracker-backend-config").getData()).containsEntry("JWT_ALGORITHM", "HS256")
                .doesNotContainKeys("API_PREFIX", "API_TITLE", "API_VERSION", "JWT_EXPIRY");
    }

    @Test
    void notesTellHowToReachTheAppThroughTheNodePortOrTheIngress() {
        String nodePort = new Helm(RenderedChart.CHART).install().withName("taskflow").withNamespace("taskflow")
                .dryRun().clientOnly().call().getOutput();
        String ingress = new Helm(RenderedChart.CHART).install().withName("todo").withNamespace("todo")
                .withValuesFile(RenderedChart.CHART.resolve("values-todo-app.yaml")).dryRun().clientOnly().call()
                .getOutput();

        assertThat(nodePort).contains("NOTES:").contains("http://$(minikube ip):30080")
                .contains("minikube service taskflow-frontend-service --namespace taskflow --url")
                .contains("helm test taskflow --namespace taskflow");
        assertThat(ingress).contains("Ingress (nginx): http://todo.local/")
                .contains("minikube addons enable ingress").doesNotContain("minikube ip):");
    }

    @Test
    void helmTestPodFetchesTheBackendHealthAndTheFrontendRootThroughTheirServices() throws IOException {
        Path testTemplate = RenderedChart.CHART.resolve("templates/tests/test-connection.yaml");
        String template = Files.readString(testTemplate);
        assertThat(template).contains("helm.sh/hook: test");
        assertThat(RenderedChart.render().all(Pod.class)).as("hooks stay out of the installed manifests").isEmpty();

        // The embedded Helm renders no hooks, so render a copy whose test Pod is an ordinary resource.
        Path copy = copyChart(tmp.resolve("taskflow"));
        Files.writeString(copy.resolve("templates/tests/test-connection.yaml"),
                template.lines().filter(line -> !line.contains("helm.sh/hook")).reduce("", (a, b) -> a + b + "\n"));
        Pod pod = RenderedChart.of(RenderedChart.template(copy).call()).get(Pod.class, "taskflow-test-connection");

        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getContainers()).extracting(container -> container.getCommand().getFirst() + " "
                + container.getCommand().getLast()).containsExactly(
                "wget http://taskflow-backend-service:8000/health", "wget http://taskflow-frontend-service:3000/");
    }

    private static Map<String, String> canaries() {
        Map<String, String> canaries = new LinkedHashMap<>();
        canaries.put("secrets.databaseUrl", "canary-database-url-5f1c9e");
        canaries.put("secrets.authSecret", "canary-auth-secret-0123456789abcdef0123");
        canaries.put("secrets.llmApiKey", "canary-llm-key-7a2b4d");
        canaries.put("secrets.corsOrigins", "canary-cors-origins-93e1");
        canaries.put("secrets.authUrl", "canary-auth-url-4b8d");
        return canaries;
    }

    private static Map<String, String> resources(Map<String, Quantity> quantities) {
        Map<String, String> plain = new LinkedHashMap<>();
        quantities.forEach((name, quantity) -> plain.put(name, quantity.toString()));
        return plain;
    }

    private static void assertServiceSelects(RenderedChart chart, String service, String own, String other) {
        Map<String, String> selector = chart.service(service).getSpec().getSelector();
        Deployment deployment = chart.deployment(own);
        assertThat(selector).isNotEmpty().isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
        assertThat(chart.deployment(other).getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(selector.entrySet())).as("%s must not select %s's pods", service, other).isFalse();
    }

    private static <T extends HasMetadata> T byComponent(List<T> resources, String component) {
        return resources.stream().filter(resource -> component.equals(resource.getMetadata().getLabels()
                .get("component"))).reduce((a, b) -> {
                    throw new AssertionError("Two " + a.getKind() + "s for " + component);
                }).orElseThrow(() -> new AssertionError("No resource for component " + component));
    }

    private static Container initContainer(RenderedChart chart, String deployment) {
        List<Container> init = chart.deployment(deployment).getSpec().getTemplate().getSpec().getInitContainers();
        assertThat(init).hasSize(1);
        return init.getFirst();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
    }

    private static String source(EnvFromSource source) {
        return source.getConfigMapRef() != null ? "ConfigMap/" + source.getConfigMapRef().getName()
                : "Secret/" + source.getSecretRef().getName();
    }

    private static Map<String, String> checksums(RenderedChart chart, String deployment) {
        return chart.deployment(deployment).getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private static Map<String, String> routes(IngressRule rule) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
            assertThat(path.getPathType()).isEqualTo("Prefix");
            routes.put(path.getPath(), path.getBackend().getService().getName() + ":"
                    + path.getBackend().getService().getPort().getNumber());
        }
        return routes;
    }

    private static List<JsonNode> renderAssertions(String plan) throws IOException {
        JsonNode root = YAML.readTree(Files.readString(Path.of("src/main/resources/plans/" + plan + ".yaml")));
        List<JsonNode> tasks = new ArrayList<>();
        for (JsonNode phase : root.path("phases")) {
            for (JsonNode task : phase.path("tasks")) {
                if ("helm-render-assert".equals(task.path("satisfiedBy").path("check").asString())) {
                    tasks.add(task);
                }
            }
        }
        return tasks;
    }

    private Path copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(RenderedChart.CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                }
                else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }

    /** What the init container's script did against stand-in nslookup and wget. */
    private record ScriptRun(int exitCode, String output, List<String> calls) {
    }

    /**
     * Runs the rendered script under sh with nslookup and wget replaced by scripts that fail the given number of
     * times before they succeed, and records each call.
     */
    private ScriptRun runInitScript(String script, int dnsFailures, int healthFailures, int attempts)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(tmp, "init");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls");
        Files.createFile(calls);
        stub(bin.resolve("nslookup"), "nslookup $1", dnsFailures, dir.resolve("dns-count"), calls);
        stub(bin.resolve("wget"), "wget $6", healthFailures, dir.resolve("health-count"), calls);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("BACKEND_HOST", "backend.test.svc");
        builder.environment().put("BACKEND_HEALTH_URL", "http://backend.test.svc:8000/health");
        builder.environment().put("ATTEMPTS", String.valueOf(attempts));
        builder.environment().put("INTERVAL_SECONDS", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new ScriptRun(process.exitValue(), output, Files.readAllLines(calls));
    }

    private static void stub(Path file, String record, int failures, Path counter, Path calls) throws IOException {
        Files.writeString(file, """
                #!/bin/sh
                echo "%s" >> %s
                n=$(cat %s 2>/dev/null || echo 0)
                echo $((n + 1)) > %s
                [ "$n" -ge %d ]
                """.formatted(record, calls, counter, counter, failures));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
