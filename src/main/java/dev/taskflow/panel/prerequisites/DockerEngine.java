package dev.taskflow.panel.prerequisites;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.taskflow.panel.support.ProcessRunner;
import org.springframework.stereotype.Component;

/**
 * The prerequisites' view of the Docker engine, through docker-java, against whatever {@code DOCKER_HOST} or the
 * platform default points at. Tells "not installed" from "installed but not running".
 */
@Component
class DockerEngine {

    private final ProcessRunner runner;

    DockerEngine(ProcessRunner runner) {
        this.runner = runner;
    }

    DockerEngineReport probe() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        URI host = config.getDockerHost();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(5))
                .build();
        try (DockerClient client = DockerClientImpl.getInstance(config, http)) {
            client.pingCmd().exec();
            Version version = client.versionCmd().exec();
            return new DockerEngineReport(DockerEngineReport.State.RUNNING, host.toString(), version.getVersion(),
                    version.getApiVersion(), version.getOperatingSystem() + "/" + version.getArch(), null);
        }
        catch (Exception ex) {
            return notRunning(host, ex);
        }
    }

    private DockerEngineReport notRunning(URI host, Exception cause) {
        boolean socketExists = "unix".equals(host.getScheme()) && Files.exists(Path.of(host.getPath()));
        boolean installed = socketExists || runner.locate("docker").isPresent() || runner.locate("dockerd").isPresent();
        String reason = rootMessage(cause);
        if (!installed) {
            return new DockerEngineReport(DockerEngineReport.State.NOT_INSTALLED, host.toString(), null, null, null,
                    "Docker is not installed: no docker program and no engine at " + host + ". Install Docker Desktop "
                            + "(or `apt-get install docker.io`) and start it.");
        }
        return new DockerEngineReport(DockerEngineReport.State.NOT_RUNNING, host.toString(), null, null, null,
                "Docker is installed but its engine does not answer at " + host + " (" + reason + "). Start Docker "
                        + "Desktop, or `sudo dockerd &` / `sudo systemctl start docker`; if it runs elsewhere, set "
                        + "DOCKER_HOST.");
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
