package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.checks.TargetsProperties;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.prerequisites.Minikube;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolsProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class PodsReadyCheckTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static TargetRegistry targets;

    static ClusterAccess access;

    static PodsReadyCheck check;

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        targets = new TargetRegistry(new TargetsProperties(Map.of()));
        // no minikube program here: the frontend is reached through a port-forward instead of the NodePort
        Minikube absent = new Minikube(new ProcessRunner(new ToolsProperties(null, Duration.ofSeconds(5), 40))) {
            @Override
            public boolean installed() {
                return false;
            }
        };
        access = new ClusterAccess(mock.cluster(), targets, absent);
        check = new PodsReadyCheck(mock.cluster(), new ReadinessWait(mock.cluster(), new PodDiagnosis(mock.cluster())),
                access);
    }

    @AfterAll
    static void disconnect() {
        access.disconnect();
    }

    @Test
    void readyPodsPassWithTheirStartupTimesAndRegisterTargetMinikube() throws Exception {
        mock.readyPod("taskflow-backend-1", "backend", Duration.ZERO, Duration.ofSeconds(40));
        mock.readyPod("taskflow-frontend-1", "frontend", Duration.ZERO, Duration.ofSeconds(25));
        List<String> progress = new CopyOnWriteArrayList<>();

        TaskOutcome outcome = check.run(context(Map.of("component", "all", "budget", "2m"), progress));

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).contains("2 pod(s) Running and Ready", "taskflow-backend-1 took 40.0 s");
        assertThat(outcome.evidence()).filteredOn(evidence -> evidence.title().startsWith("Startup of pod"))
                .extracting(evidence -> evidence.values().get("startup")).containsExactly("40.0 s", "25.0 s");
        assertThat(targets.find("minikube")).as(progress.toString()).hasValueSatisfying((Target target) -> {
            assertThat(target.backendUrl().toString()).startsWith("http://127.0.0.1:");
            assertThat(target.frontendUrl().toString()).startsWith("http://127.0.0.1:");
            assertThat(target.origin()).isEqualTo("cluster");
        });
        assertThat(access.current().orElseThrow().frontendVia()).contains("port-forward", "Minikube's IP is not known");
    }

    @Test
    void aPodOverItsBudgetFailsTheTaskSayingSo() throws Exception {
        mock.readyPod("taskflow-backend-slow", "backend", Duration.ZERO, Duration.ofMinutes(3));

        TaskOutcome outcome = check.run(context(Map.of("component", "backend", "budget", "2m"), new CopyOnWriteArrayList<>()));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("Ready, but over budget");
        mock.client().pods().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-backend-slow").delete();
    }

    private static CheckContext context(Map<String, String> parameters, List<String> progress) {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, parameters,
                progress::add, () -> false);
    }
}
