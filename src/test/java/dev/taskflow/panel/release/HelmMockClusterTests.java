package dev.taskflow.panel.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import com.marcnuri.helm.TestCommand;
import com.marcnuri.helm.UpgradeCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Embedded Helm (helm-java) against the mock cluster: every release operation the panel uses, end to end. */
@Timeout(60)
class HelmMockClusterTests {

    static final Path CHART = Path.of("src/test/resources/charts/demo");

    static final String NAMESPACE = HelmMockCluster.NAMESPACE;

    @RegisterExtension
    final HelmMockCluster cluster = new HelmMockCluster();

    @Test
    void writesAKubeconfigForTheMockWithTheDefaultNamespace() throws IOException {
        String kubeconfig = Files.readString(cluster.kubeconfig());

        assertThat(kubeconfig).contains("server: " + cluster.url(), "current-context: mock", "namespace: default");
        assertThat(cluster.client().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(cluster.client().getMasterUrl().toString()).startsWith(cluster.url());
    }

    @Test
    void closingStopsTheServerAndDeletesTheKubeconfig() {
        Path kubeconfig;
        try (HelmMockCluster standalone = HelmMockCluster.start()) {
            kubeconfig = standalone.kubeconfig();
            assertThat(standalone.client().configMaps().list().getItems()).isEmpty();
        }

        assertThat(kubeconfig).doesNotExist();
    }

    @Test
    void installsAReleaseWhoseResourcesAndValuesLandInTheCluster() {
        Release release = install().call();

        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(release.getRevision().strip()).isEqualTo("1");
        assertThat(release.getChart()).isEqualTo("demo-0.1.0");
        assertThat(cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("demo").get()).isNotNull();
        assertThat(cluster.client().services().inNamespace(NAMESPACE).withName("demo").get()).isNotNull();
        assertThat(cluster.client().configMaps().inNamespace(NAMESPACE).withName("demo-config").get().getData())
                .containsEntry("GREETING", "hello");
        Secret secret = cluster.client().secrets().inNamespace(NAMESPACE).withName("demo-secret").get();
        assertThat(decode(secret.getData().get("API_KEY"))).isEqualTo("key-one");
    }

    @Test
    void listsAndReportsTheStatusOfAnInstalledRelease() {
        install().call();

        List<Release> releases = Helm.list().withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE).call();
        Release status = Helm.status("demo").withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE).call();

        assertThat(releases).singleElement().satisfies(release -> {
            assertThat(release.getName()).isEqualTo("demo");
            assertThat(release.getStatus()).isEqualTo("deployed");
        });
        assertThat(status.getStatus()).isEqualTo("deployed");
        assertThat(status.getOutput()).contains("NAME: demo", "STATUS: deployed", "REVISION: 1");
    }

    @Test
    void keepsEachRevisionAsAHelmReleaseSecret() {
        install().call();

        Secret record = cluster.client().secrets().inNamespace(NAMESPACE).withName("sh.helm.release.v1.demo.v1").get();

        assertThat(record.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(record.getMetadata().getLabels()).containsEntry("owner", "helm").containsEntry("name", "demo")
                .containsEntry("version", "1").containsEntry("status", "deployed");
        // Layering, checked here: Secret data is base64 (Kubernetes) of Helm's payload, which is itself
        // base64(gzip(json)); one decode gives text starting "H4sI" (base64 of gzip's 1f 8b 08), two give gzip
        String helmPayload = decode(record.getData().get("release"));
        assertThat(helmPayload).startsWith("H4sI");
        byte[] gzip = Base64.getDecoder().decode(helmPayload);
        assertThat(gzip[0]).isEqualTo((byte) 0x1f);
        assertThat(gzip[1]).isEqualTo((byte) 0x8b);
    }

    @Test
    void releaseRecordHoldsTheChartTheValuesAndTheRenderedManifest() throws IOException {
        install().call();

        JsonNode release = releaseRecord(1);

        assertThat(release.path("name").asText()).isEqualTo("demo");
        assertThat(release.path("version").asInt()).isEqualTo(1);
        assertThat(release.path("namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(release.path("info").path("status").asText()).isEqualTo("deployed");
        assertThat(release.path("chart").path("metadata").path("name").asText()).isEqualTo("demo");
        assertThat(release.path("chart").path("metadata").path("version").asText()).isEqualTo("0.1.0");
        assertThat(release.path("chart").path("values").path("greeting").asText()).isEqualTo("hello");
        assertThat(release.path("config").path("secret").path("apiKey").asText()).isEqualTo("key-one");
        assertThat(release.path("manifest").asText()).contains("kind: Deployment", "kind: Service",
                "kind: ConfigMap", "kind: Secret", "name: demo-secret");
        // Go encodes []byte as base64 in JSON, so each template's data is the file's own bytes once decoded
        JsonNode secretTemplate = template(release, "templates/secret.yaml");
        assertThat(decode(secretTemplate.path("data").asText()))
                .isEqualTo(Files.readString(CHART.resolve("templates/secret.yaml")));
    }

    @Test
    void upgradeWithNewValuesPatchesTheResourcesAndKeepsTheHistory() {
        install().call();

        Release upgraded = upgrade().set("secret.apiKey", "key-two").set("image.tag", "1.1.0")
                .set("greeting", "hi").call();

        assertThat(upgraded.getRevision().strip()).isEqualTo("2");
        List<ReleaseHistory> history = Helm.history("demo").withKubeConfig(cluster.kubeconfig())
                .withNamespace(NAMESPACE).call();
        assertThat(history).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "superseded"),
                        org.assertj.core.groups.Tuple.tuple(2, "deployed"));
        assertThat(cluster.client().configMaps().inNamespace(NAMESPACE).withName("demo-config").get().getData())
                .containsEntry("GREETING", "hi");
        // Helm sent a strategic merge patch naming only the changed image; the other container fields survive
        Container app = cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("demo").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(app.getImage()).isEqualTo("taskflow/demo:1.1.0");
        assertThat(app.getEnv()).extracting(EnvVar::getName).containsExactly("GREETING", "API_KEY");
        assertThat(app.getPorts()).singleElement().satisfies(port -> assertThat(port.getContainerPort())
                .isEqualTo(8000));
        assertThat(cluster.client().secrets().inNamespace(NAMESPACE).withLabel("owner", "helm").list().getItems())
                .extracting(secret -> secret.getMetadata().getName() + "=" + secret.getMetadata().getLabels()
                        .get("status"))
                .containsExactlyInAnyOrder("sh.helm.release.v1.demo.v1=superseded",
                        "sh.helm.release.v1.demo.v2=deployed");
    }

    @Test
    void upgradeWithReuseValuesKeepsTheValuesOfThePreviousRevision() {
        install().call();
        upgrade().set("secret.apiKey", "key-two").call();

        upgrade().reuseValues().set("replicaCount", "2").call();

        String values = Helm.get("demo").values().withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE)
                .call();
        assertThat(values).contains("apiKey: key-two", "replicaCount: 2");
        assertThat(cluster.client().apps().deployments().inNamespace(NAMESPACE).withName("demo").get().getSpec()
                .getReplicas()).isEqualTo(2);
    }

    @Test
    void uninstallDeletesTheReleaseRecordsAndTheResources() {
        install().call();
        upgrade().set("secret.apiKey", "key-two").call();

        String output = Helm.uninstall("demo").withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE).call();

        assertThat(output).contains("release \"demo\" uninstalled");
        assertThat(cluster.client().secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(cluster.client().apps().deployments().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(cluster.client().services().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(cluster.client().configMaps().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(Helm.list().withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE).call()).isEmpty();
    }

    @Test
    void installsWithClientSideValidationToo() {
        // the mock says it validates fields itself, as API servers do since 1.27, so Helm skips the OpenAPI schema
        Release release = new Helm(CHART).install().withKubeConfig(cluster.kubeconfig()).withName("demo")
                .withNamespace(NAMESPACE).set("secret.apiKey", "key-one").call();

        assertThat(release.getStatus()).isEqualTo("deployed");
    }

    @Test
    void createsTheNamespaceAndAcceptsOneThatExists() {
        install().withName("first").withNamespace("taskflow").createNamespace().call();

        Release second = install().withName("second").withNamespace("taskflow").createNamespace().call();

        assertThat(second.getStatus()).isEqualTo("deployed");
        assertThat(cluster.client().namespaces().withName("taskflow").get()).isNotNull();
        assertThat(cluster.client().apps().deployments().inNamespace("taskflow").list().getItems())
                .extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void waitTimesOutWhenNothingMakesTheWorkloadsReady() {
        InstallCommand waiting = install().waitReady().withTimeout(2);

        assertThatThrownBy(waiting::call).hasMessageContaining("context deadline exceeded");
        assertThat(Helm.status("demo").withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE).call()
                .getStatus()).isEqualTo("failed");
    }

    @Test
    void waitSucceedsWhenTheFixtureActsAsTheControllers() {
        cluster.actAsControllersContinuously(NAMESPACE, Duration.ofMillis(100));

        Release installed = install().waitReady().withTimeout(20).call();
        Release upgraded = upgrade().set("secret.apiKey", "key-one").set("image.tag", "1.1.0").waitReady()
                .withTimeout(20).call();

        assertThat(installed.getStatus()).isEqualTo("deployed");
        assertThat(upgraded.getStatus()).isEqualTo("deployed");
        assertThat(cluster.client().apps().replicaSets().inNamespace(NAMESPACE).list().getItems()).hasSize(2);
    }

    @Test
    void helmTestRunsTheTestPodAndRecordsItsPhase() {
        install().call();
        cluster.actAsControllersContinuously(NAMESPACE, Duration.ofMillis(100));

        Release tested = Helm.test("demo").withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE)
                .withTimeout(20).call();

        assertThat(tested.getStatus()).isEqualTo("deployed");
        assertThat(releaseRecord(1).path("hooks")).singleElement().satisfies(hook -> {
            assertThat(hook.path("name").asText()).isEqualTo("demo-test-connection");
            assertThat(hook.path("last_run").path("phase").asText()).isEqualTo("Succeeded");
        });
    }

    @Test
    void helmTestReportsAFailedTestPod() {
        install().call();
        cluster.testPodsEndIn("Failed");
        cluster.actAsControllersContinuously(NAMESPACE, Duration.ofMillis(100));

        TestCommand test = Helm.test("demo").withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE)
                .withTimeout(20);

        assertThatThrownBy(test::call).hasMessageContaining("pod demo-test-connection failed");
    }

    @Test
    void helmTestTimesOutWhenNothingRunsTheTestPod() {
        install().call();

        TestCommand test = Helm.test("demo").withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE)
                .withTimeout(2);

        assertThatThrownBy(test::call).hasMessageContaining("timed out waiting for the condition");
    }

    @Test
    void anInjectedServerErrorFailsTheInstallWithItsMessageAndLeavesAFailedRelease() {
        cluster.failNext("POST", "/apis/apps/v1/namespaces/default/deployments", 500,
                "etcdserver: request timed out");

        assertThatThrownBy(install()::call).hasMessageContaining("etcdserver: request timed out");
        assertThat(Helm.status("demo").withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE).call()
                .getStatus()).isEqualTo("failed");
    }

    @Test
    void anExpectationOnTheServerAnswersBeforeTheStore() {
        install().call();
        cluster.server().expect().get().withPath("/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm")
                .andReturn(403, """
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                         "message":"secrets is forbidden: User \\"ci\\" cannot list resource \\"secrets\\""}""")
                .once();

        assertThatThrownBy(Helm.list().withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE)::call)
                .hasMessageContaining("secrets is forbidden");
        assertThat(Helm.list().withKubeConfig(cluster.kubeconfig()).withNamespace(NAMESPACE).call()).hasSize(1);
    }

    @Test
    void aMissingRequiredValueFailsBeforeAnythingReachesTheCluster() {
        InstallCommand withoutKey = new Helm(CHART).install().withKubeConfig(cluster.kubeconfig()).withName("demo")
                .withNamespace(NAMESPACE).disableOpenApiValidation();

        assertThatThrownBy(withoutKey::call).hasMessageContaining("secret.apiKey is required");
        assertThat(cluster.client().secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    @Test
    @Tag("real-cluster")
    @ExtendWith(RealCluster.class)
    void installsAndUninstallsOnARealClusterWhenOneIsConfigured(RealCluster.Target target) {
        String release = "panel-real-cluster-test";
        try {
            Release installed = new Helm(CHART).install().withKubeConfig(target.kubeconfig()).withName(release)
                    .withNamespace("panel-tests").createNamespace().set("secret.apiKey", "key-one").call();

            assertThat(installed.getStatus()).isEqualTo("deployed");
        }
        finally {
            Helm.uninstall(release).withKubeConfig(target.kubeconfig()).withNamespace("panel-tests")
                    .ignoreNotFound().call();
        }
    }

    private InstallCommand install() {
        return new Helm(CHART).install().withKubeConfig(cluster.kubeconfig()).withName("demo")
                .withNamespace(NAMESPACE).disableOpenApiValidation().set("secret.apiKey", "key-one");
    }

    private UpgradeCommand upgrade() {
        return new Helm(CHART).upgrade().withKubeConfig(cluster.kubeconfig()).withName("demo")
                .withNamespace(NAMESPACE).disableOpenApiValidation();
    }

    private JsonNode releaseRecord(int revision) {
        Secret record = cluster.client().secrets().inNamespace(NAMESPACE)
                .withName("sh.helm.release.v1.demo.v" + revision).get();
        byte[] gzip = Base64.getDecoder().decode(decode(record.getData().get("release")));
        try (GZIPInputStream json = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return Serialization.jsonMapper().readTree(json);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static JsonNode template(JsonNode release, String name) {
        for (JsonNode template : release.path("chart").path("templates")) {
            if (template.path("name").asText().equals(name)) {
                return template;
            }
        }
        throw new AssertionError("No template " + name + " in the release record");
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
