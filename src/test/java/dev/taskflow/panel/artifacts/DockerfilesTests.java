package dev.taskflow.panel.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfiles and .dockerignore templates under dockerfiles/, read instruction by instruction: pinned base images
 * through an ARG, non-root users, ports, no secrets, and the layering and stages the seeds ask for.
 */
class DockerfilesTests {

    private static final Path DOCKERFILES = Path.of("dockerfiles");

    @Test
    void everyDockerfileTakesItsBaseImageFromAnArgWithThePinnedDefault() throws IOException {
        assertBaseImage(Dockerfile.read(DOCKERFILES.resolve("backend.Dockerfile")), "python:3.11-slim", 2);
        assertBaseImage(Dockerfile.read(DOCKERFILES.resolve("frontend.Dockerfile")), "node:18-alpine", 3);
        Dockerfile panel = Dockerfile.read(DOCKERFILES.resolve("panel.Dockerfile"));
        assertBaseImage(panel, "eclipse-temurin:21-jre", 1);
        Matcher jre = Pattern.compile("(\\d+)-jre").matcher(panel.globalArgDefault("BASE_IMAGE").orElseThrow());
        assertThat(jre.find()).isTrue();
        assertThat(Integer.parseInt(jre.group(1))).as("the panel needs Java 21 or newer").isGreaterThanOrEqualTo(21);
    }

    @Test
    void everyImageRunsAsANumericNonRootUser() throws IOException {
        assertThat(Dockerfile.read(DOCKERFILES.resolve("backend.Dockerfile")).finalUser()).hasValue("10001:10001");
        assertThat(Dockerfile.read(DOCKERFILES.resolve("frontend.Dockerfile")).finalUser()).hasValue("1000:1000");
        assertThat(Dockerfile.read(DOCKERFILES.resolve("panel.Dockerfile")).finalUser()).hasValue("10001:10001");
        for (String name : List.of("backend.Dockerfile", "frontend.Dockerfile", "panel.Dockerfile")) {
            Dockerfile dockerfile = Dockerfile.read(DOCKERFILES.resolve(name));
            assertThat(dockerfile.finalUser()).as(name).hasValueSatisfying(user -> assertThat(user)
                    .matches("[1-9][0-9]*:[1-9][0-9]*"));
            // Nothing after the USER line may run commands or switch back to root.
            List<Dockerfile.Instruction> finalStage = dockerfile.stage(dockerfile.lastStage());
            List<String> keywords = finalStage.stream().map(Dockerfile.Instruction::keyword).toList();
            assertThat(keywords.subList(keywords.indexOf("USER") + 1, keywords.size())).as(name)
                    .doesNotContain("RUN", "USER");
        }
    }

    @Test
    void everyImageExposesItsPort() throws IOException {
        assertThat(exposed("backend.Dockerfile")).containsExactly("8000");
        assertThat(exposed("frontend.Dockerfile")).containsExactly("3000");
        assertThat(exposed("panel.Dockerfile")).containsExactly("8080");
    }

    @Test
    void noDockerfileCarriesASecretInAnEnvOrArg() throws IOException {
        for (String name : List.of("backend.Dockerfile", "frontend.Dockerfile", "panel.Dockerfile")) {
            assertThat(Dockerfile.read(DOCKERFILES.resolve(name)).secretLookingSettings()).as(name).isEmpty();
        }
        // The same scan flags what it is there to catch.
        Dockerfile leaky = Dockerfile.parse("""
                FROM base
                ARG OPENAI_API_KEY
                ENV PATH=/bin DATABASE_URL=postgresql://u:p@db/app \\
                    BETTER_AUTH_SECRET="not here"
                """);
        assertThat(leaky.secretLookingSettings()).containsExactly("ARG OPENAI_API_KEY", "ENV DATABASE_URL",
                "ENV BETTER_AUTH_SECRET");
    }

    @Test
    void backendInstallsRequirementsBeforeCopyingTheAppAndServesItWithUvicornOnAllInterfaces() throws IOException {
        Dockerfile backend = Dockerfile.read(DOCKERFILES.resolve("backend.Dockerfile"));

        int requirements = backend.indexOf("COPY", "requirements.txt");
        int install = backend.indexOf("RUN", "pip install");
        int app = backend.indexOf("COPY", ". ");
        assertThat(requirements).isNotNegative().isLessThan(install);
        assertThat(install).isLessThan(app);
        assertThat(backend.instructions().get(install).arguments())
                .isEqualTo("pip install --no-cache-dir -r requirements.txt");
        assertThat(backend.instructions().get(app).stage()).as("the app is copied as-is into the runtime stage")
                .isEqualTo(backend.lastStage());
        assertThat(backend.stage(backend.lastStage())).anyMatch(i -> i.is("COPY", "--from=builder /opt/venv"));
        assertThat(backend.stage(backend.lastStage())).anyMatch(i -> i.is("ARG", "APP_MODULE=src.main:app"));
        assertThat(backend.all("ENV")).anyMatch(i -> i.arguments().contains("APP_MODULE=${APP_MODULE}"));
        assertThat(backend.all("CMD")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .isEqualTo("[\"sh\", \"-c\", \"exec uvicorn \\\"$APP_MODULE\\\" --host 0.0.0.0 --port 8000\"]");
    }

    @Test
    void frontendBuildsInThreeStagesAndServesTheStandaloneOutput() throws IOException {
        Dockerfile frontend = Dockerfile.read(DOCKERFILES.resolve("frontend.Dockerfile"));

        assertThat(List.of(frontend.stageNamed("deps"), frontend.stageNamed("build"), frontend.stageNamed("runner")))
                .containsExactly(0, 1, 2);
        List<Dockerfile.Instruction> build = frontend.stage(frontend.stageNamed("build"));
        int arg = build.indexOf(build.stream().filter(i -> i.is("ARG", "NEXT_PUBLIC_API_URL=")).findFirst()
                .orElseThrow());
        int nextBuild = build.indexOf(build.stream().filter(i -> i.is("RUN", "npm run build")).findFirst()
                .orElseThrow());
        assertThat(arg).as("Next.js inlines NEXT_PUBLIC_API_URL at build time").isLessThan(nextBuild);
        assertThat(build).anyMatch(i -> i.keyword().equals("ENV")
                && i.arguments().contains("NEXT_PUBLIC_API_URL=${NEXT_PUBLIC_API_URL}"));
        assertThat(build.get(nextBuild).arguments()).contains("-f .next/standalone/server.js");
        List<Dockerfile.Instruction> runner = frontend.stage(frontend.stageNamed("runner"));
        assertThat(runner).anyMatch(i -> i.is("COPY", "--from=build --chown=1000:1000 /app/.next/standalone ./"))
                .anyMatch(i -> i.is("COPY", "--from=build --chown=1000:1000 /app/.next/static ./.next/static"))
                .anyMatch(i -> i.keyword().equals("ENV") && i.arguments().contains("HOSTNAME=0.0.0.0")
                        && i.arguments().contains("PORT=3000"))
                .noneMatch(i -> i.keyword().equals("RUN"));
        assertThat(frontend.all("CMD")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .isEqualTo("[\"node\", \"server.js\"]");
    }

    @Test
    void panelRunsTheMavenBuiltJarOnEveryInterface() throws IOException {
        Dockerfile panel = Dockerfile.read(DOCKERFILES.resolve("panel.Dockerfile"));

        assertThat(panel.all("COPY")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .isEqualTo("target/taskflow-panel-*.jar panel.jar");
        assertThat(Files.readString(Path.of("pom.xml"))).as("the jar name the COPY glob expects")
                .contains("<artifactId>taskflow-panel</artifactId>");
        assertThat(panel.all("ENTRYPOINT")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .isEqualTo("[\"java\", \"--enable-native-access=ALL-UNNAMED\", \"-jar\", \"/opt/panel/panel.jar\"]");
        assertThat(panel.all("CMD")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .isEqualTo("[\"--server.address=0.0.0.0\"]");
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).as("the root context sends only the jar")
                .containsSubsequence("*", "!target/taskflow-panel-*.jar");
    }

    @Test
    void dockerignoreTemplatesKeepSecretsCachesAndTestsOutOfTheContext() throws IOException {
        List<String> backend = Files.readAllLines(DOCKERFILES.resolve("backend.dockerignore"));
        List<String> frontend = Files.readAllLines(DOCKERFILES.resolve("frontend.dockerignore"));

        for (List<String> ignore : List.of(backend, frontend)) {
            assertThat(ignore).contains("**/.env", "**/.env.*", "**/*.env", "**/secrets.env", ".git", "tests");
            assertThat(ignore).noneMatch(line -> line.startsWith("!"));
        }
        assertThat(backend).contains("**/__pycache__", "**/*.py[cod]", ".venv");
        assertThat(frontend).contains("**/node_modules", ".next");
    }

    private static void assertBaseImage(Dockerfile dockerfile, String pinned, int stages) {
        assertThat(dockerfile.instructions().getFirst().keyword()).isEqualTo("ARG");
        assertThat(dockerfile.globalArgDefault("BASE_IMAGE")).hasValue(pinned);
        assertThat(dockerfile.all("FROM")).hasSize(stages).allSatisfy(from -> assertThat(from.arguments())
                .startsWith("${BASE_IMAGE}"));
    }

    private static List<String> exposed(String name) throws IOException {
        Dockerfile dockerfile = Dockerfile.read(DOCKERFILES.resolve(name));
        return dockerfile.stage(dockerfile.lastStage()).stream().filter(i -> i.keyword().equals("EXPOSE"))
                .map(Dockerfile.Instruction::arguments).toList();
    }
}
