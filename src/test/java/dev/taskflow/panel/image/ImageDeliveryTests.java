package dev.taskflow.panel.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Getting an image to the cluster the kube context names: stand-in minikube and kind on the tool path record their
 * arguments; a remote context pushes to a real registry on loopback with credentials.
 */
class ImageDeliveryTests extends ImageEngineFixture {

    @Autowired
    ImageDelivery delivery;

    @BeforeEach
    void builtImageAndStandInTools() throws IOException {
        images.build("clean", "backend", event -> { }, () -> false);
        standIn("minikube");
        standIn("kind");
    }

    @AfterEach
    void noKubeconfig() throws IOException {
        Files.deleteIfExists(ROOT.resolve("kubeconfig"));
        Files.deleteIfExists(ROOT.resolve("tools/minikube.args"));
        Files.deleteIfExists(ROOT.resolve("tools/kind.args"));
    }

    @Test
    void aMinikubeContextLoadsTheImageWithMinikubeImageLoad() throws Exception {
        kubeconfig("minikube");
        List<String> progress = new ArrayList<>();

        DeliveryResult result = delivery.deliver("clean", "backend", progress::add);

        assertThat(result.path()).isEqualTo(DeliveryResult.Path.MINIKUBE_LOAD);
        assertThat(Files.readString(ROOT.resolve("tools/minikube.args")).strip())
                .isEqualTo("image load " + RUN + "-clean-backend:1.0.0");
        assertThat(result.summary()).contains("The kube context is minikube").contains("minikube image load");
        assertThat(progress).contains("$ minikube image load " + RUN + "-clean-backend:1.0.0");
    }

    @Test
    void aKindContextLoadsTheImageIntoThatCluster() throws Exception {
        kubeconfig("kind-panel-test");

        DeliveryResult result = delivery.deliver("clean", "backend", line -> { });

        assertThat(result.path()).isEqualTo(DeliveryResult.Path.KIND_LOAD);
        assertThat(Files.readString(ROOT.resolve("tools/kind.args")).strip())
                .isEqualTo("load docker-image " + RUN + "-clean-backend:1.0.0 --name panel-test");
    }

    @Test
    void aFailingLoadSaysWhatItPrintedAndWhatToDo() throws Exception {
        kubeconfig("minikube");
        Path minikube = ROOT.resolve("tools/minikube");
        Files.writeString(minikube, "#!/bin/sh\necho 'minikube is not running' >&2\nexit 80\n");

        assertThatThrownBy(() -> delivery.deliver("clean", "backend", line -> { }))
                .isInstanceOf(ImageDeliveryException.class)
                .hasMessageContaining("failed with exit 80").hasMessageContaining("minikube is not running")
                .hasMessageContaining("minikube start");
    }

    @Test
    void anImageThatWasNeverBuiltCannotBeDelivered() throws IOException {
        kubeconfig("minikube");

        assertThatThrownBy(() -> delivery.deliver("root", "frontend", line -> { }))
                .isInstanceOf(ImageNotBuiltException.class).hasMessageContaining("build it first");
    }

    @Test
    void anyOtherContextPushesToTheConfiguredRegistryWithItsCredentials() throws Exception {
        LocalRegistry registry = LocalRegistry.shared();
        Assumptions.assumeTrue(registry.problem() == null, registry::problem);
        kubeconfig("gke_project_zone_cluster");

        DeliveryResult result = delivery.deliver("clean", "backend", line -> { });

        assertThat(result.path()).isEqualTo(DeliveryResult.Path.REGISTRY_PUSH);
        assertThat(result.summary()).contains("pushed " + registry.address() + "/" + RUN + "-clean-backend:1.0.0")
                .contains("backend.image.repository at " + registry.address() + "/" + RUN + "-clean-backend");
        assertThat(registry.holds(RUN + "-clean-backend", "1.0.0")).isTrue();
        assertThat(String.join("\n", result.output())).doesNotContain(LocalRegistry.PASSWORD);
    }

    private static void kubeconfig(String context) throws IOException {
        Files.writeString(ROOT.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                current-context: %s
                contexts:
                - name: %s
                  context: {cluster: %s, user: %s}
                """.formatted(context, context, context, context));
    }

    private static void standIn(String program) throws IOException {
        Path script = ROOT.resolve("tools").resolve(program);
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > \"" + ROOT.resolve("tools/" + program + ".args")
                + "\"\necho \"" + program + " stand-in done\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
