package dev.taskflow.panel.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.checks.TargetsProperties;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.prerequisites.Minikube;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolsProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Minikube's IP is played by 127.0.0.1 and the frontend's NodePort by a local HTTP server on a free port, so the
 * check's real request goes out and comes back without a cluster.
 */
class ServiceNodePortCheckTests {

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static HttpServer frontend;

    static volatile int status = 200;

    static TargetRegistry targets;

    static ClusterAccess access;

    static ServiceNodePortCheck check;

    @BeforeAll
    static void arrange() throws IOException {
        frontend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        frontend.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        frontend.start();
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        mock.readyPod("backend-1", "backend", Duration.ZERO, Duration.ofSeconds(5));
        mock.readyPod("frontend-1", "frontend", Duration.ZERO, Duration.ofSeconds(5));
        Minikube loopback = new Minikube(new ProcessRunner(new ToolsProperties(null, Duration.ofSeconds(5), 40))) {
            @Override
            public boolean installed() {
                return true;
            }

            @Override
            public ProcessOutcome ip() {
                return new ProcessOutcome("minikube ip", 0, List.of("127.0.0.1"), List.of("127.0.0.1"),
                        Duration.ZERO, false);
            }
        };
        targets = new TargetRegistry(new TargetsProperties(Map.of()));
        access = new ClusterAccess(mock.cluster(), targets, loopback);
        check = new ServiceNodePortCheck(mock.cluster(), access);
    }

    @AfterAll
    static void stop() {
        access.disconnect();
        frontend.stop(0);
    }

    @Test
    void aFrontendAnsweringOnItsNodePortPassesAndIsRegisteredAsTargetMinikube() throws Exception {
        int port = frontend.getAddress().getPort();
        nodePort(port);
        status = 200;

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.PASSED);
        assertThat(outcome.summary()).isEqualTo("The frontend answers 200 at http://127.0.0.1:" + port + " (nodePort "
                + port + "); registered as target minikube.");
        assertThat(outcome.evidence()).hasSize(2);
        assertThat(outcome.evidence().get(0).values()).containsEntry("nodePort", String.valueOf(port))
                .containsEntry("frontend", "http://127.0.0.1:" + port + " (NodePort " + port + " on Minikube's IP "
                        + "127.0.0.1)");
        assertThat(outcome.evidence().get(0).values().get("backend")).startsWith("http://127.0.0.1:")
                .endsWith("(port-forward to a pod of Service taskflow-backend-service)");
        assertThat(outcome.evidence().get(1)).isEqualTo(new Evidence(Evidence.Kind.HTTP, "GET http://127.0.0.1:"
                + port, null, Map.of("status", "200")));
        assertThat(targets.find("minikube")).hasValueSatisfying((Target target) -> assertThat(target.frontendUrl()
                .toString()).isEqualTo("http://127.0.0.1:" + port));
    }

    @Test
    void aFrontendAnsweringWithAServerErrorFailsPointingToItsLogs() throws Exception {
        int port = frontend.getAddress().getPort();
        nodePort(port);
        status = 503;

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("The frontend at http://127.0.0.1:" + port + " answers 503: see the "
                + "frontend pod's logs.");
        assertThat(outcome.evidence().get(1).values()).containsEntry("status", "503");
    }

    @Test
    void aNodePortNobodyAnswersOnFailsNamingMinikubeService() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        nodePort(closed);

        TaskOutcome outcome = check.run(context());

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).startsWith("The frontend at http://127.0.0.1:" + closed + " does not answer (")
                .endsWith("run `minikube service <frontend service> --url` or use the port-forward.");
        assertThat(outcome.evidence()).singleElement().satisfies(evidence -> assertThat(evidence.values())
                .containsEntry("nodePort", String.valueOf(closed)));
    }

    private static void nodePort(int port) {
        mock.client().services().inNamespace(ClusterMock.NAMESPACE).withName("taskflow-frontend-service")
                .edit(service -> {
                    service.getSpec().getPorts().get(0).setNodePort(port);
                    return service;
                });
    }

    private static CheckContext context() {
        return new CheckContext(new Plan("taskflow", "TaskFlow", "seed.md", "summary", List.of()), null, Map.of(),
                line -> {
                }, () -> false);
    }
}
