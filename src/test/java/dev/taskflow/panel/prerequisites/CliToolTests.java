package dev.taskflow.panel.prerequisites;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CliToolTests {

    @Test
    void asksEachToolForItsClientVersion() {
        assertThat(CliTool.MINIKUBE.program()).isEqualTo("minikube");
        assertThat(CliTool.MINIKUBE.versionArguments()).containsExactly("version");
        assertThat(CliTool.HELM.program()).isEqualTo("helm");
        assertThat(CliTool.HELM.versionArguments()).containsExactly("version", "--short");
        assertThat(CliTool.KUBECTL.program()).isEqualTo("kubectl");
        assertThat(CliTool.KUBECTL.versionArguments()).containsExactly("version", "--client");
    }

    @Test
    void readsKubectlsClientVersionWithItsVendorSuffix() {
        assertThat(CliTool.KUBECTL.versionIn("Client Version: v1.32.4-dispatcher\n"))
                .contains(new ToolVersion(1, 32, 4, "v1.32.4-dispatcher"));
    }

    @Test
    void doesNotTakeKubectlsKustomizeVersionForTheClientVersion() {
        String output = "Client Version: v1.32.4-dispatcher\nKustomize Version: v5.5.0\n";

        assertThat(CliTool.KUBECTL.versionIn(output)).hasValueSatisfying(version -> {
            assertThat(version.text()).isEqualTo("v1.32.4-dispatcher");
            assertThat(version.major()).isEqualTo(1);
        });
    }

    @Test
    void readsMinikubesVersionLineAndNotItsCommit() {
        String output = "minikube version: v1.34.0\ncommit: 210b148df93a80eb872ecbeb7e35281b3c582c61\n";

        assertThat(CliTool.MINIKUBE.versionIn(output)).contains(new ToolVersion(1, 34, 0, "v1.34.0"));
    }

    @Test
    void readsHelmsShortVersionWithBuildMetadata() {
        assertThat(CliTool.HELM.versionIn("v3.16.2+g13654a5\n"))
                .contains(new ToolVersion(3, 16, 2, "v3.16.2+g13654a5"));
    }

    @Test
    void readsHelmsLongBuildInfoVersion() {
        String output = "version.BuildInfo{Version:\"v3.16.2\", GitCommit:\"13654a52f7c70a143b1dd51416d633e1071faffb\", "
                + "GitTreeState:\"clean\", GoVersion:\"go1.22.7\"}\n";

        assertThat(CliTool.HELM.versionIn(output)).contains(new ToolVersion(3, 16, 2, "v3.16.2"));
    }

    @Test
    void readsHelmTwosClientSemVerAsMajorTwo() {
        String output = "Client: &version.Version{SemVer:\"v2.17.0\", "
                + "GitCommit:\"a690bad98af45b015bd3da1a41f6218b1a451dbe\", GitTreeState:\"clean\"}\n";

        assertThat(CliTool.HELM.versionIn(output)).contains(new ToolVersion(2, 17, 0, "v2.17.0"));
    }

    @Test
    void findsNoVersionInOutputWithoutOne() {
        assertThat(CliTool.MINIKUBE.versionIn("Error: unknown command \"version\" for \"minikube\"")).isEmpty();
        assertThat(CliTool.HELM.versionIn("")).isEmpty();
    }

    @Test
    void everyInstallHintSaysWhereToGetTheTool() {
        assertThat(CliTool.MINIKUBE.installHint()).contains("1.28").contains("https://minikube.sigs.k8s.io/docs/start/");
        assertThat(CliTool.HELM.installHint()).contains("Helm 3").contains("https://helm.sh/docs/intro/install/");
        assertThat(CliTool.KUBECTL.installHint()).contains("https://kubernetes.io/docs/tasks/tools/");
    }
}
