package dev.taskflow.panel.release;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseOperationExceptionTests {

    @Test
    void aNameInUseSaysToUpgradeOrUninstall() {
        ReleaseOperationException ex = ReleaseOperationException.from("install", "taskflow", "default",
                "cannot re-use a name that is still in use");

        assertThat(ex).hasMessage("helm install of release 'taskflow' in namespace 'default' failed: cannot re-use "
                + "a name that is still in use. The release is already installed: upgrade it, or uninstall it first.");
    }

    @Test
    void anUnreachableClusterSaysToStartIt() {
        ReleaseOperationException ex = ReleaseOperationException.from("upgrade", "taskflow", "default",
                "Kubernetes cluster unreachable: Get \"https://192.168.49.2:8443/version\": dial tcp: connect: "
                        + "connection refused");

        assertThat(ex.getMessage()).contains("minikube start").contains("helm upgrade of release 'taskflow'");
        assertThat(ex.helmMessage()).contains("connection refused");
    }

    @Test
    void aTimeoutPointsAtThePods() {
        assertThat(ReleaseOperationException.from("install", "taskflow", "default", "context deadline exceeded")
                .getMessage()).contains("did not become ready in time");
    }
}
