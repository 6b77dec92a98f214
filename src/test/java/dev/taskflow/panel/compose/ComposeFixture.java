package dev.taskflow.panel.compose;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.checks.TargetsProperties;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.secrets.SecretsProperties;
import dev.taskflow.panel.support.LocalBaseImage;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.SecretMasker;
import dev.taskflow.panel.support.ToolsProperties;

/**
 * Test compose stacks made of tiny Python HTTP servers on the local python stand-in image, each under its own project
 * name and on free host ports, and a {@link ComposeStack} wired by hand over them. {@link #removeEverything} takes
 * down whatever a project left behind, whatever state a failed test left it in.
 */
final class ComposeFixture {

    /** A value the env file holds and the services print: it must never come back unmasked. */
    static final String CANARY = "canary-compose-secret-4711";

    /** The server every test service runs: /health and / answer 200, it logs what it serves. */
    static final String SERVER = """
            import http.server, os, sys
            print("listening on 8000 with key " + os.environ.get("APP_API_KEY", "(none)"), flush=True)
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b'{"status":"healthy"}' if self.path == "/health" else b"<html><body>TaskFlow</body></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json" if self.path == "/health" else "text/html")
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, format, *args):
                    print("served " + self.path, flush=True)
            http.server.ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
            """;

    /** A compose health check that asks the server itself, every second; the server stops at once on down. */
    static final String HEALTHCHECK = """
                stop_grace_period: 1s
                healthcheck:
                  test: ["CMD", "python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
                  interval: 1s
                  timeout: 3s
                  retries: 20
            """;

    private ComposeFixture() {
    }

    /** A project name no other test or person uses. */
    static String project() {
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return "panel-compose-test-" + HexFormat.of().formatHex(suffix);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The folder {@code svc/} with the server and a Dockerfile on the given base image. */
    static void writeService(Path folder, String baseImage) throws IOException {
        Path service = Files.createDirectories(folder.resolve("svc"));
        Files.writeString(service.resolve("server.py"), SERVER);
        Files.writeString(service.resolve("Dockerfile"), "FROM " + baseImage + "\nCOPY server.py /server.py\n"
                + "CMD [\"python3\", \"-u\", \"/server.py\"]\n");
    }

    static ComposeStack stack(Path composeFile, String project, Path envFile, URI backendUrl, URI frontendUrl,
            Duration upTimeout, TargetRegistry targets, SecretMasker masker, String searchPath) {
        ComposeProperties properties = new ComposeProperties(composeFile, project, envFile, upTimeout,
                Duration.ofMinutes(1), backendUrl, frontendUrl, "backend", "frontend", "/health", 20);
        Path root = composeFile.getParent();
        PipelineProperties pipeline = new PipelineProperties(root.resolve("workspace"), root, 4,
                Duration.ofMinutes(15));
        SecretsProperties secrets = new SecretsProperties(root.resolve("no-secrets.env"), root, Duration.ofSeconds(5),
                null, null, List.of("CORS_ORIGINS"), null);
        ProcessRunner runner = new ProcessRunner(new ToolsProperties(searchPath, Duration.ofSeconds(30), 40));
        return new ComposeStack(properties, pipeline, secrets, runner, new ComposeContainers(), targets, masker);
    }

    static TargetRegistry targets() {
        return new TargetRegistry(new TargetsProperties(Map.of()));
    }

    /** Skips the calling test, saying so, when neither compose answers here. */
    static void assumeComposeTool() {
        boolean plugin = LocalBaseImage.run(Duration.ofSeconds(20), "docker", "compose", "version").exitCode() == 0;
        boolean standalone = LocalBaseImage.run(Duration.ofSeconds(20), "docker-compose", "version").exitCode() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(plugin || standalone, "Neither `docker compose` nor "
                + "`docker-compose` is installed here: apt-get install docker-compose (or docker-compose-plugin)");
    }

    /** Removes every container and network labelled with the project, whatever state they are in. */
    static void removeEverything(String project) {
        String label = "label=" + ComposeContainers.PROJECT_LABEL + "=" + project;
        String containers = LocalBaseImage.run(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter", label)
                .output().strip();
        if (!containers.isEmpty()) {
            List<String> command = new java.util.ArrayList<>(List.of("docker", "rm", "-f", "-v"));
            command.addAll(containers.lines().toList());
            LocalBaseImage.run(Duration.ofMinutes(1), command.toArray(String[]::new));
        }
        String networks = LocalBaseImage.run(Duration.ofSeconds(30), "docker", "network", "ls", "-q", "--filter",
                label).output().strip();
        if (!networks.isEmpty()) {
            List<String> command = new java.util.ArrayList<>(List.of("docker", "network", "rm"));
            command.addAll(networks.lines().toList());
            LocalBaseImage.run(Duration.ofMinutes(1), command.toArray(String[]::new));
        }
    }

    /** What is left of a project: its containers' and networks' ids. */
    static String leftovers(String project) {
        String label = "label=" + ComposeContainers.PROJECT_LABEL + "=" + project;
        return (LocalBaseImage.run(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter", label).output()
                + LocalBaseImage.run(Duration.ofSeconds(30), "docker", "network", "ls", "-q", "--filter", label)
                        .output()).strip();
    }
}
