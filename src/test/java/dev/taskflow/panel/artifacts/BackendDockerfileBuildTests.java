package dev.taskflow.panel.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.taskflow.panel.support.LocalBaseImage;
import dev.taskflow.panel.support.LocalBaseImage.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dockerfiles/backend.Dockerfile built for real by the Docker engine, on a stand-in for python:3.11-slim made from
 * Debian's packages (no registry is reachable here), with a tiny FastAPI-shaped app folder as the build context.
 */
class BackendDockerfileBuildTests {

    private static final Path DOCKERFILE = Path.of("dockerfiles/backend.Dockerfile").toAbsolutePath();

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    /** The legacy builder: the engine here has no BuildKit, and its step log says which layers came from cache. */
    private static final List<String> LEGACY_BUILDER = List.of("DOCKER_BUILDKIT=0");

    private static final List<String> IMAGES = new ArrayList<>();

    @TempDir
    static Path tmp;

    private static Path app;

    private static String image;

    private static String firstBuildLog;

    /** Why these tests cannot run here, told on each of them rather than lost in a class-level abort. */
    private static String skipReason;

    @BeforeAll
    static void buildOnTheStandInPythonBase() throws IOException {
        String base;
        try {
            base = LocalBaseImage.python();
        }
        catch (TestAbortedException ex) {
            skipReason = ex.getMessage();
            return;
        }
        app = Files.createDirectories(tmp.resolve("backend"));
        // New each run, so the first build installs its requirements afresh and the rebuild below can show the cache.
        Files.writeString(app.resolve("requirements.txt"), "# run " + UUID.randomUUID()
                + ": PyPI is out of reach here, so this app needs nothing\n");
        Files.createDirectories(app.resolve("src/__pycache__"));
        Files.writeString(app.resolve("src/__init__.py"), "");
        Files.writeString(app.resolve("src/main.py"), """
                async def app(scope, receive, send):
                    await send({"type": "http.response.start", "status": 200, "headers": []})
                    await send({"type": "http.response.body", "body": b'{"status": "healthy"}'})
                """);
        Files.writeString(app.resolve("src/__pycache__/main.cpython-311.pyc"), "compiled");
        Files.writeString(app.resolve(".env"), "DATABASE_URL=postgresql://canary-user:canary-password@db/app\n");
        Files.writeString(app.resolve("secrets.env"), "BETTER_AUTH_SECRET=canary-secret-in-the-app-folder\n");
        Files.createDirectories(app.resolve("tests"));
        Files.writeString(app.resolve("tests/test_main.py"), "def test_nothing(): pass\n");
        Files.copy(Path.of("dockerfiles/backend.dockerignore"), app.resolve(".dockerignore"));

        image = "taskflow-backend-test:" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        firstBuildLog = build(image, "--build-arg", "BASE_IMAGE=" + base);
        System.out.printf("Built %s on %s in %.1f s%n", image, base, (System.nanoTime() - started) / 1e9);
    }

    @BeforeEach
    void skipWhereNoImageCanBeBuilt() {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
    }

    @AfterAll
    static void removeTheTestImages() {
        for (String built : IMAGES) {
            LocalBaseImage.run(Duration.ofMinutes(1), "docker", "rmi", "-f", built);
        }
    }

    @Test
    void onTheStandInBaseTheImageRunsUvicornOnAllInterfacesOnPort8000() {
        JsonNode config = config(image);

        assertThat(config.path("ExposedPorts").propertyNames()).containsExactly("8000/tcp");
        assertThat(config.path("Entrypoint").isNull() || config.path("Entrypoint").isMissingNode()).isTrue();
        assertThat(strings(config.path("Cmd"))).containsExactly("sh", "-c",
                "exec uvicorn \"$APP_MODULE\" --host 0.0.0.0 --port 8000");
        assertThat(strings(config.path("Env"))).contains("APP_MODULE=src.main:app")
                .anyMatch(variable -> variable.startsWith("PATH=/opt/venv/bin:/usr/local/sbin:"));
    }

    @Test
    void onTheStandInBaseTheImageRunsAsTheNonRootAppUser() {
        assertThat(config(image).path("User").asString()).isEqualTo("10001:10001");

        Outcome id = docker("run", "--rm", "--entrypoint", "id", image);
        assertThat(id.output().strip()).startsWith("uid=10001(appuser) gid=10001(appuser)");
    }

    @Test
    void onTheStandInBaseTheAppIsCopiedAsItIsWithoutWhatTheDockerignoreExcludes() {
        Outcome listing = docker("run", "--rm", "--entrypoint", "sh", image, "-c",
                "cd /app && find . -mindepth 1 | sort && cat src/main.py"
                        + " && if [ -w src/main.py ]; then echo app-writable; else echo app-read-only; fi");

        assertThat(listing.output().lines().filter(line -> line.startsWith("./")))
                .containsExactly("./requirements.txt", "./src", "./src/__init__.py", "./src/main.py");
        assertThat(listing.output()).contains("b'{\"status\": \"healthy\"}'").contains("app-read-only")
                .doesNotContain("canary");
    }

    @Test
    void onTheStandInBaseChangingTheAppReusesTheInstalledDependencies() throws IOException {
        Files.writeString(app.resolve("src/main.py"), "\n# changed\n", StandardOpenOption.APPEND);
        try {
            String rebuilt = "taskflow-backend-test:" + UUID.randomUUID().toString().substring(0, 8);
            String log = build(rebuilt, "--build-arg", "BASE_IMAGE=" + LocalBaseImage.PYTHON);

            assertThat(stepCached(firstBuildLog, "RUN pip install")).as(firstBuildLog).isFalse();
            assertThat(stepCached(log, "RUN pip install")).as(log).isTrue();
            assertThat(stepCached(log, "COPY . .")).as(log).isFalse();
        }
        finally {
            Files.writeString(app.resolve("src/main.py"), Files.readString(app.resolve("src/main.py"))
                    .replace("\n# changed\n", ""));
        }
    }

    @Test
    void onTheStandInBaseTheAppModuleIsABuildArgument() {
        String other = "taskflow-backend-test:" + UUID.randomUUID().toString().substring(0, 8);
        build(other, "--build-arg", "BASE_IMAGE=" + LocalBaseImage.PYTHON, "--build-arg",
                "APP_MODULE=app.api:application");

        assertThat(strings(config(other).path("Env"))).contains("APP_MODULE=app.api:application")
                .doesNotContain("APP_MODULE=src.main:app");
    }

    private static String build(String tag, String... options) {
        List<String> command = new ArrayList<>(List.of("docker", "build", "--file", DOCKERFILE.toString(), "--tag",
                tag));
        command.addAll(List.of(options));
        command.add(app.toString());
        Outcome outcome = LocalBaseImage.run(BUILD_TIMEOUT, LEGACY_BUILDER, command.toArray(String[]::new));
        IMAGES.add(tag);
        assertThat(outcome.exitCode()).as("docker build:\n%s", outcome.output()).isZero();
        return outcome.output();
    }

    /** Whether the legacy builder's log shows the step starting with this instruction as taken from cache. */
    private static boolean stepCached(String log, String instruction) {
        List<String> lines = log.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).matches("Step \\d+/\\d+ : " + Pattern.quote(instruction) + ".*")) {
                return lines.get(i + 1).strip().equals("---> Using cache");
            }
        }
        throw new AssertionError("No step " + instruction + " in:\n" + log);
    }

    private static JsonNode config(String tag) {
        Outcome inspect = docker("image", "inspect", "--format", "{{json .Config}}", tag);
        return JsonMapper.builder().build().readTree(inspect.output());
    }

    private static Outcome docker(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "docker";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Outcome outcome = LocalBaseImage.run(Duration.ofMinutes(2), command);
        assertThat(outcome.exitCode()).as("%s:\n%s", String.join(" ", command), outcome.output()).isZero();
        return outcome;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
