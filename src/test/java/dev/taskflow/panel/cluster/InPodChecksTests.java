package dev.taskflow.panel.cluster;

import java.time.Duration;
import java.util.List;

import dev.taskflow.panel.support.SecretMasker;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InPodChecksTests {

    static final String SECRET = "a-shared-auth-secret-of-forty-characters!";

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    static InPodChecks inPod;

    @BeforeAll
    static void arrange() {
        mock.deploy("backend", 1);
        mock.deploy("frontend", 1);
        mock.readyPod("backend-1", "backend", Duration.ZERO, Duration.ofSeconds(10));
        mock.readyPod("frontend-1", "frontend", Duration.ZERO, Duration.ofSeconds(10));
        inPod = new InPodChecks(mock.cluster(), new PodExec(mock.cluster()), new SecretMasker());
    }

    @Test
    void theBackendHealthIsAskedFromInsideItsPodWithPython() {
        String url = "http://127.0.0.1:8000/health";
        mock.exec("backend-1", "backend", command("python3", url), "200\n{\"status\":\"healthy\"}\n", 0);

        InPodAnswers.Http answer = inPod.backendHealth(ClusterMock.APP);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("healthy");
        assertThat(answer.tool()).isEqualTo("used python3");
        assertThat(answer.pod()).isEqualTo("backend-1");
    }

    @Test
    void anImageWithoutTheFirstToolFallsBackAndSaysWhichWasUsed() {
        String url = "http://taskflow-backend-service:8000/health";
        mock.exec("frontend-1", "frontend", command("wget", url), "", 127);
        mock.exec("frontend-1", "frontend", command("node", url), "200\n{\"status\":\"healthy\"}\n", 0);

        InPodAnswers.Http answer = inPod.backendFromFrontend(ClusterMock.APP);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.tool()).isEqualTo("used node (not in the image: wget)");
        assertThat(answer.url()).isEqualTo(url);
    }

    @Test
    void theBackendServiceNameResolvesToItsClusterIpWithGetentWhenNslookupIsMissing() {
        mock.exec("frontend-1", "frontend", List.of("nslookup", "taskflow-backend-service"), "", 127);
        mock.exec("frontend-1", "frontend", List.of("getent", "hosts", "taskflow-backend-service"),
                "10.96.0.20      taskflow-backend-service.test.svc.cluster.local\n", 0);

        InPodAnswers.Resolution answer = inPod.resolveBackend(ClusterMock.APP, "frontend");

        assertThat(answer.resolved()).isTrue();
        assertThat(answer.addresses()).containsExactly("10.96.0.20");
        assertThat(answer.clusterIp()).isEqualTo("10.96.0.20");
        assertThat(answer.tool()).isEqualTo("used getent (not in the image: nslookup)");
    }

    @Test
    void theEnvironmentIsShownAsFingerprintsNeverAsValues() {
        mock.exec("backend-1", "backend", List.of("env"), "PATH=/usr/bin\nDATABASE_URL=postgresql://u:pw@db/x\n"
                + "BETTER_AUTH_SECRET=" + SECRET + "\nANTHROPIC_API_KEY=sk-ant-123456789\nCORS_ORIGINS=http://x\n"
                + "API_PREFIX=/api/v1\nENVIRONMENT=development\n", 0);

        InPodAnswers.Environment environment = inPod.environment("taskflow", ClusterMock.APP, "backend");

        assertThat(environment.missing()).containsExactly("DEBUG");
        assertThat(environment.variable("BETTER_AUTH_SECRET")).hasValueSatisfying(variable -> {
            assertThat(variable.fingerprint()).isEqualTo(SecretMasker.fingerprint(SECRET));
            assertThat(variable.length()).isEqualTo(SECRET.length());
        });
        assertThat(environment.toString()).doesNotContain(SECRET, "pw@db", "sk-ant-123456789");
        assertThat(environment.tool()).isEqualTo("used env");
    }

    @Test
    void environmentFromProcWhenTheImageHasNoEnvProgram() {
        mock.exec("frontend-1", "frontend", List.of("env"), "", 127);
        mock.exec("frontend-1", "frontend", List.of("cat", "/proc/self/environ"), "NEXT_PUBLIC_API_URL="
                + "http://taskflow-backend-service:8000\0BETTER_AUTH_SECRET=" + SECRET + "\0", 0);

        InPodAnswers.Environment environment = inPod.environment("taskflow", ClusterMock.APP, "frontend");

        assertThat(environment.missing()).isEmpty();
        assertThat(environment.variable("NEXT_PUBLIC_API_URL").orElseThrow().fingerprint())
                .isEqualTo(SecretMasker.fingerprint(inPod.backendServiceUrl(ClusterMock.APP)));
        assertThat(environment.tool()).isEqualTo("used cat (not in the image: env)");
    }

    @Test
    void anExecRefusedByRbacSaysWhichPermissionIsMissing() {
        Status forbidden = new StatusBuilder().withCode(403).withStatus("Failure").withReason("Forbidden")
                .withMessage("pods \"backend-1\" is forbidden: User \"dev\" cannot create resource \"pods/exec\"")
                .build();
        mock.readyPod("locked-1", "backend", Duration.ZERO, Duration.ofSeconds(1));
        mock.server().expect().get().withPath("/api/v1/namespaces/test/pods/locked-1/exec?command=env"
                + "&container=backend&stdout=true&stderr=true").andReturn(403, forbidden).always();

        assertThatExceptionOfType(ClusterAccessDeniedException.class)
                .isThrownBy(() -> new PodExec(mock.cluster()).exec("locked-1", "backend",
                        InPodCommand.environment().get(0)))
                .withMessageContaining("403").withMessageContaining("RBAC");
    }

    @Test
    void noReadyPodGivesAClearConflictInsteadOfAnExec() {
        assertThatExceptionOfType(NoReadyPodException.class)
                .isThrownBy(() -> inPod.backendHealth("nothing-here"))
                .withMessageContaining("There is no backend pod labelled app=nothing-here");
    }

    static List<String> command(String tool, String url) {
        return InPodCommand.httpGet(url, "test", List.of(tool)).get(0).argv();
    }

}
