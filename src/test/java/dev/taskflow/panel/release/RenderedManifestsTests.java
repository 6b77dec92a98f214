package dev.taskflow.panel.release;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedManifestsTests {

    private static final String RENDERED = """
            ---
            # Source: taskflow/templates/backend-secret.yaml
            apiVersion: v1
            kind: Secret
            metadata:
              name: taskflow-backend-secret
              labels:
                app: taskflow
            type: Opaque
            data:
              DATABASE_URL: %s
            stringData:
              BETTER_AUTH_SECRET: "plain-canary-secret-value-0123456789"
              CERT: |
                -----BEGIN CERTIFICATE-----
                canary-cert-body
                -----END CERTIFICATE-----
              CORS_ORIGINS: 'http://localhost:3000'
            ---
            # Source: taskflow/templates/backend-configmap.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: taskflow-backend-config
            data:
              API_PREFIX: "/api/v1"
              NOTE: "mentions remembered-canary-value here"
            """.formatted(Base64.getEncoder().encodeToString(
            "postgresql://u:canary-db-password@db/app".getBytes(StandardCharsets.UTF_8)));

    private final SecretMasker masker = new SecretMasker();

    @Test
    void splitsDocumentsAndNamesEachResourceWithItsTemplate() {
        List<Manifest> manifests = RenderedManifests.parse(RENDERED, masker);

        assertThat(manifests).extracting(Manifest::key)
                .containsExactly("Secret/taskflow-backend-secret", "ConfigMap/taskflow-backend-config");
        assertThat(manifests.getFirst().source()).isEqualTo("taskflow/templates/backend-secret.yaml");
    }

    @Test
    void everySecretValueBecomesTheFingerprintOfItsDecodedValue() {
        String secret = RenderedManifests.parse(RENDERED, masker).getFirst().yaml();

        assertThat(secret).doesNotContain("canary-db-password", "plain-canary-secret-value", "canary-cert-body",
                "localhost:3000", Base64.getEncoder().encodeToString("postgresql://u:canary-db-password@db/app"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(secret).contains("DATABASE_URL: \"•••• "
                + SecretMasker.fingerprint("postgresql://u:canary-db-password@db/app") + "\"");
        assertThat(secret).contains("BETTER_AUTH_SECRET: \"•••• "
                + SecretMasker.fingerprint("plain-canary-secret-value-0123456789") + "\"");
        assertThat(secret).contains("CERT: \"••••\"").contains("name: taskflow-backend-secret", "type: Opaque");
    }

    @Test
    void valuesTheMaskerKnowsAreHiddenOutsideSecretsToo() {
        masker.remember("remembered-canary-value");

        String configMap = RenderedManifests.parse(RENDERED, masker).get(1).yaml();

        assertThat(configMap).contains("API_PREFIX: \"/api/v1\"", "mentions •••• here")
                .doesNotContain("remembered-canary-value");
    }

    @Test
    void unmaskedKeepsEverythingForScanningInsideTheProcess() {
        String secret = RenderedManifests.unmasked(RENDERED).getFirst().yaml();

        assertThat(secret).contains("plain-canary-secret-value-0123456789");
    }

    @Test
    void joinedOutputIsOneYamlStreamAgain() {
        String joined = RenderedManifests.join(RenderedManifests.parse(RENDERED, masker));

        assertThat(joined.split("(?m)^---$")).hasSize(3);
    }
}
