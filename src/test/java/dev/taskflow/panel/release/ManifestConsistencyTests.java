package dev.taskflow.panel.release;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestConsistencyTests {

    private static Manifest deployment(String component, String envFromConfigMap, int port) {
        return new Manifest("t/" + component + ".yaml", "Deployment", component, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  selector:
                    matchLabels: {app: taskflow, component: %1$s}
                  template:
                    metadata:
                      labels: {app: taskflow, component: %1$s}
                    spec:
                      containers:
                        - name: %1$s
                          ports: [{name: http, containerPort: %3$d}]
                          envFrom: [{configMapRef: {name: %2$s}}]
                """.formatted(component, envFromConfigMap, port));
    }

    private static Manifest service(String name, String component, String targetPort) {
        return new Manifest("t/svc.yaml", "Service", name, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  selector: {app: taskflow, component: %s}
                  ports: [{port: 8000, targetPort: %s}]
                """.formatted(name, component, targetPort));
    }

    private static final Manifest CONFIG = new Manifest("t/cm.yaml", "ConfigMap", "backend-config", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: backend-config
            """);

    @Test
    void resourcesThatFitTogetherHaveNoFindings() {
        assertThat(ManifestConsistency.findings(List.of(CONFIG, deployment("backend", "backend-config", 8000),
                service("backend-service", "backend", "http")))).isEmpty();
    }

    @Test
    void aServiceSelectingNothingAMissingPortAndAMissingConfigMapAreEachNamed() {
        List<String> findings = ManifestConsistency.findings(List.of(deployment("backend", "nowhere-config", 8000),
                service("backend-service", "backend", "9000"), service("orphan", "worker", "8000")));

        assertThat(findings).containsExactlyInAnyOrder(
                "Deployment/backend takes env from ConfigMap nowhere-config, which the chart does not render.",
                "Service/backend-service sends port 8000 to 9000, which its pods do not expose.",
                "Service/orphan selects {\"app\":\"taskflow\",\"component\":\"worker\"}, which matches no "
                        + "Deployment's pods.");
    }
}
