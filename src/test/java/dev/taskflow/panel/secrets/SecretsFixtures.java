package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.prerequisites.Minikube;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.SecretMasker;
import dev.taskflow.panel.support.ToolsProperties;

/** Shared set-up for the secrets tests: properties over temporary folders, the real plans, sample files. */
final class SecretsFixtures {

    /** The database the probe's tests connect to: CI starts it, and a developer machine may point elsewhere. */
    static final String TEST_DATABASE_URL = System.getenv().getOrDefault("PANEL_TEST_DATABASE_URL", "").isBlank()
            ? "postgresql://panel:panel-test-password@127.0.0.1:5432/panel"
            : System.getenv("PANEL_TEST_DATABASE_URL").strip();

    static final List<String> PUBLIC_KEYS = List.of("CORS_ORIGINS", "BETTER_AUTH_URL", "NEXT_PUBLIC_API_URL",
            "JWT_ALGORITHM");

    /** Values that must never leave the process: each is looked for in every output. */
    static final String DB_PASSWORD = "canary-db-pw-7f3a9c";

    static final String AUTH_SECRET = "canary-auth-secret-" + "0123456789abcdef0123456789abcdef";

    static final String API_KEY = "sk-ant-canary-api-key-55d1e0";

    static final List<String> CANARIES = List.of(DB_PASSWORD, AUTH_SECRET, API_KEY);

    /** A complete TaskFlow secrets file with the canaries as its secret values. */
    static final String TASKFLOW_FILE = """
            DATABASE_URL=postgresql://panel:%s@127.0.0.1:5432/panel?sslmode=prefer
            BETTER_AUTH_SECRET=%s
            BETTER_AUTH_URL=http://192.168.49.2:30080
            ANTHROPIC_API_KEY=%s
            CORS_ORIGINS=http://localhost:3000,http://192.168.49.2:30080
            """.formatted(DB_PASSWORD, AUTH_SECRET, API_KEY);

    static final PlanCatalog CATALOG = new PlanCatalog();

    private SecretsFixtures() {
    }

    /** Skips the calling test, saying why, when nothing listens where the test database should be. */
    static void assumeTestDatabaseAnswers() {
        DatabaseUrl database = DatabaseUrl.parse(TEST_DATABASE_URL);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(database.host(), database.port()), 2000);
        }
        catch (IOException ex) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "No PostgreSQL answers at " + database.host() + ":"
                    + database.port() + " (" + ex.getMessage() + "): start one with role panel and database panel, or "
                    + "set PANEL_TEST_DATABASE_URL; CI does both");
        }
    }

    static SecretsProperties properties(Path file, Path appRoot) {
        return properties(file, appRoot, null, Duration.ofSeconds(5));
    }

    static SecretsProperties properties(Path file, Path appRoot, URI minikubeOrigin, Duration timeout) {
        return new SecretsProperties(file, appRoot, timeout, null, null, PUBLIC_KEYS, minikubeOrigin);
    }

    /** Minikube as the panel sees it when the tool folder is the only place it looks. */
    static Minikube minikube(Path toolFolder) {
        return new Minikube(new ProcessRunner(new ToolsProperties(toolFolder.toString(), Duration.ofSeconds(30), 40)));
    }

    static SecretsFile secretsFile(SecretsProperties properties, SecretMasker masker, Path toolFolder) {
        return new SecretsFile(properties, masker, new MinikubeOrigin(minikube(toolFolder), properties));
    }

    /** A stand-in minikube that answers {@code minikube ip} with the address. */
    static void minikubeAnswering(Path toolFolder, String address) {
        try {
            Path script = toolFolder.resolve("minikube");
            Files.writeString(script, "#!/bin/sh\necho " + address + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The context the engine gives a check for one of the seed plans' tasks. */
    static CheckContext context(String planId, String taskId, Map<String, String> parameters) {
        Plan plan = CATALOG.plan(planId);
        return new CheckContext(plan, CATALOG.task(planId, taskId), parameters, line -> {
        }, () -> false);
    }
}
