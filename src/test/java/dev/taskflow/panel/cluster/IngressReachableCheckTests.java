package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.prerequisites.Minikube;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolsProperties;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The check always goes to port 80 of the Ingress address, which a test cannot own; so the routes answering is left
 * to a real cluster, and these tests drive every way the check fails before and at that request.
 */
class IngressReachableCheckTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    // no minikube program here: an Ingress without an address has nothing to fall back on
    final IngressReachableCheck check = new IngressReachableCheck(mock.cluster(), new Minikube(new ProcessRunner(
            new ToolsProperties(null, Duration.ofSeconds(5), 40))) {
        @Override
        public boolean installed() {
            return false;
        }
    });

    @BeforeEach
    void noIngress() {
        mock.client().network().v1().ingresses().inNamespace(ClusterMock.NAMESPACE).withLabel("app", ClusterMock.APP)
                .delete();
        await().until(() -> mock.client().network().v1().ingresses().inNamespace(ClusterMock.NAMESPACE)
                .withLabel("app", ClusterMock.APP).list().getItems().isEmpty());
    }

    @Test
    void withoutAnIngressItFailsNamingTheChartValueAndTheAddon() throws Exception {
        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("There is no Ingress labelled app=taskflow: install with "
                + "ingress.enabled=true (values-todo-app.yaml) and enable the controller with `minikube addons enable "
                + "ingress`.");
    }

    @Test
    void anIngressWithoutAnAddressFailsAskingForTheController() throws Exception {
        ingress(null);

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("The Ingress taskflow-ingress has no address yet and Minikube's IP is "
                + "not known: run `minikube addons enable ingress` and wait for the controller.");
    }

    @Test
    void withoutARealIngressOnPort80OnlyAnUnansweredAddressCanBeDrivenAndItFailsSuggestingMinikubeTunnel()
            throws Exception {
        // .invalid never resolves (RFC 6761): the request fails at once, whatever listens on this machine's port 80
        ingress("ingress.invalid");

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("The Ingress address ingress.invalid does not answer on port 80 (")
                .endsWith("with the Docker driver run `minikube tunnel` and use 127.0.0.1.");
        assertThat(outcome.evidence()).isEmpty();
    }

    @Test
    void anIngressWithOnlyADefaultBackendFailsNamingTheMissingRule() throws Exception {
        mock.client().network().v1().ingresses().inNamespace(ClusterMock.NAMESPACE).resource(new IngressBuilder()
                .withNewMetadata().withName("taskflow-ingress").withNamespace(ClusterMock.NAMESPACE)
                .withLabels(Map.of("app", ClusterMock.APP)).endMetadata().withNewSpec().withNewDefaultBackend()
                .withNewService().withName("taskflow-frontend-service").withNewPort().withNumber(3000).endPort()
                .endService().endDefaultBackend().endSpec().build()).create();

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("The Ingress taskflow-ingress has no HTTP routing rule");
    }

    private static void ingress(String hostname) {
        var builder = new IngressBuilder().withNewMetadata().withName("taskflow-ingress").withNamespace(ClusterMock
                .NAMESPACE).withLabels(Map.of("app", ClusterMock.APP)).endMetadata().withNewSpec().addNewRule()
                .withHost("taskflow.local").withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName("taskflow-frontend-service").withNewPort().withNumber(3000).endPort().endService()
                .endBackend().endPath()
                .addNewPath().withPath("/api").withPathType("Prefix").withNewBackend().withNewService()
                .withName("taskflow-backend-service").withNewPort().withNumber(8000).endPort().endService()
                .endBackend().endPath()
                .endHttp().endRule().endSpec();
        if (hostname != null) {
            builder = builder.withNewStatus().withNewLoadBalancer().addNewIngress().withHostname(hostname)
                    .endIngress().endLoadBalancer().endStatus();
        }
        Ingress ingress = builder.build();
        mock.client().network().v1().ingresses().inNamespace(ClusterMock.NAMESPACE).resource(ingress).create();
    }

    private static CheckContext context() {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, Map.of(),
                line -> {
                }, () -> false);
    }
}
