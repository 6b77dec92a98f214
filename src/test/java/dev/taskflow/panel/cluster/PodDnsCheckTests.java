package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PodDnsCheckTests {

    static final String SERVICE = "taskflow-backend-service";

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static PodDnsCheck check;

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        mock.readyPod("frontend-1", "frontend", Duration.ZERO, Duration.ofSeconds(5));
        mock.readyPod("backend-1", "backend", Duration.ZERO, Duration.ofSeconds(5));
        // nslookup names the DNS server first; only the answer after "Name:" counts
        mock.exec("frontend-1", "frontend", List.of("nslookup", SERVICE), "Server:\t\t10.96.0.10\nAddress:\t"
                + "10.96.0.10#53\n\nName:\t" + SERVICE + ".test.svc.cluster.local\nAddress: 10.96.0.20\n", 0);
        // a stale answer: the name resolves, but not to the Service's ClusterIP
        mock.exec("backend-1", "backend", List.of("nslookup", SERVICE), "Server:\t\t10.96.0.10\nAddress:\t"
                + "10.96.0.10#53\n\nName:\t" + SERVICE + ".test.svc.cluster.local\nAddress: 10.96.0.99\n", 0);
        ClusterService cluster = mock.cluster();
        check = new PodDnsCheck(cluster, new InPodChecks(cluster, new PodExec(cluster), new SecretMasker()));
    }

    @Test
    void theBackendServiceResolvesToItsClusterIpFromTheFrontendPod() {
        TaskOutcome outcome = check.run(context(Map.of()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).startsWith(SERVICE + " resolves to 10.96.0.20 (the Service's ClusterIP) in pod "
                + "frontend-1; used nslookup");
        assertThat(outcome.evidence()).singleElement().satisfies(evidence -> {
            assertThat(evidence.kind()).isEqualTo(Evidence.Kind.COMMAND);
            assertThat(evidence.title()).isEqualTo("Resolve " + SERVICE + " in pod frontend-1");
            assertThat(evidence.body()).contains("Name:", "10.96.0.20");
            assertThat(evidence.values()).containsEntry("addresses", "10.96.0.20")
                    .containsEntry("clusterIP", "10.96.0.20");
        });
    }

    @Test
    void anAnswerThatIsNotTheClusterIpFailsNamingBothAndCoreDns() {
        TaskOutcome outcome = check.run(context(Map.of("from", "backend")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith(SERVICE + " does not resolve to the Service's ClusterIP 10.96.0.20 "
                + "in pod backend-1 (got [10.96.0.99]; used nslookup").contains("check CoreDNS (kubectl -n kube-system "
                + "get pods)");
        assertThat(outcome.evidence().get(0).values()).containsEntry("addresses", "10.96.0.99");
    }

    @Test
    void refusesAPodThatIsNotAComponent() {
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> check.run(context(Map.of("from", "database"))))
                .withMessageContaining("Unknown component 'database'");
    }

    private static CheckContext context(Map<String, String> parameters) {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, parameters,
                line -> {
                }, () -> false);
    }
}
