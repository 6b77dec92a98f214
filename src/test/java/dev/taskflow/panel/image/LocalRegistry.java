package dev.taskflow.panel.image;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.taskflow.panel.support.LocalBaseImage;

/**
 * A real image registry on loopback: Debian's {@code docker-registry} (the Distribution server) with htpasswd auth,
 * started once per test JVM and stopped when it ends. Where the program or {@code htpasswd} is missing,
 * {@link #problem()} says why and the push test is skipped with that reason.
 */
final class LocalRegistry {

    static final String USER = "panel";

    static final String PASSWORD = "registry-test-pass-91c4";

    private static LocalRegistry shared;

    private final String address;

    private final String problem;

    private LocalRegistry(String address, String problem) {
        this.address = address;
        this.problem = problem;
    }

    static synchronized LocalRegistry shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    String address() {
        return address;
    }

    /** Why no registry runs, or {@code null} when one does. */
    String problem() {
        return problem;
    }

    private static LocalRegistry start() {
        if (LocalBaseImage.run(Duration.ofSeconds(5), "sh", "-c", "command -v docker-registry && command -v htpasswd")
                .exitCode() != 0) {
            return new LocalRegistry("127.0.0.1:1", "docker-registry or htpasswd is not installed: apt-get install "
                    + "docker-registry apache2-utils");
        }
        try {
            Path folder = Files.createTempDirectory("registry");
            LocalBaseImage.Outcome hash = LocalBaseImage.run(Duration.ofSeconds(20), "htpasswd", "-Bbn", USER, PASSWORD);
            Files.writeString(folder.resolve("htpasswd"), hash.output().strip() + "\n");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Files.writeString(folder.resolve("config.yml"), """
                    version: 0.1
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                    auth:
                      htpasswd:
                        realm: basic-realm
                        path: %s
                    """.formatted(folder.resolve("data"), port, folder.resolve("htpasswd")));
            Process process = new ProcessBuilder("docker-registry", "serve", folder.resolve("config.yml").toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("registry.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroyForcibly()));
            String address = "127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 401 || status == 200) {
                        return new LocalRegistry(address, null);
                    }
                }
                catch (IOException ex) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            return new LocalRegistry(address, "docker-registry did not answer on " + address + ": "
                    + Files.readString(folder.resolve("registry.log")));
        }
        catch (IOException ex) {
            return new LocalRegistry("127.0.0.1:1", "could not start docker-registry: " + ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new LocalRegistry("127.0.0.1:1", "interrupted while starting docker-registry");
        }
    }

    /** Whether the registry holds {@code name:tag}, asked with the test credentials. */
    boolean holds(String name, String tag) throws IOException, InterruptedException {
        String credentials = java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + address + "/v2/" + name + "/tags/list"))
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"" + tag + "\"");
    }
}
