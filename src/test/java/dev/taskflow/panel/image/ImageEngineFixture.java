package dev.taskflow.panel.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.taskflow.panel.support.LocalBaseImage;

/**
 * One panel for the image tests (shared by the classes that extend this, so Spring starts it once): an app checkout
 * in git with small contexts, this repository's Dockerfiles, a secrets.env, stand-in minikube and kind on the tool
 * path, and test plans named after what their image shows ({@code clean}, {@code leaky}, {@code root}, {@code smoke},
 * {@code slow}).
 * Images are built from {@code FROM scratch} or the local python stand-in; nothing is pulled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class ImageEngineFixture {

    static final String RUN = "panel-test-" + UUID.randomUUID().toString().substring(0, 6);

    /** A secrets.env value planted in a RUN line of the leaky frontend. */
    static final String AUTH_SECRET = "canary-auth-secret-5d1f0c2b7e9a4c3d";

    /** A value under a known secret name planted in an ENV line of the leaky backend. */
    static final String PLANTED_KEY = "sk-planted-llm-key-3e8b7a61";

    static final Path ROOT;

    static {
        try {
            ROOT = Files.createTempDirectory("image-tests");
            write();
        }
        catch (IOException | GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Autowired
    ImageService images;

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        registry.add("panel.pipeline.workspace", () -> ROOT.resolve("workspace").toString());
        registry.add("panel.images.app-root", () -> ROOT.resolve("app").toString());
        registry.add("panel.images.repo-root", () -> ROOT.resolve("repo").toString());
        registry.add("panel.secrets.file", () -> ROOT.resolve("secrets.env").toString());
        registry.add("panel.tools.search-path", () -> ROOT.resolve("tools").toString());
        registry.add("panel.cluster.kubeconfig", () -> ROOT.resolve("kubeconfig").toString());
        registry.add("panel.images.smoke-timeout", () -> "40s");
        plan(registry, "clean", "backend", "clean", "scratch.Dockerfile");
        plan(registry, "leaky", "backend", "leaky", "leaky-env.Dockerfile");
        plan(registry, "leaky", "frontend", "leaky", "leaky-run.Dockerfile");
        plan(registry, "root", "backend", "clean", "root.Dockerfile");
        plan(registry, "smoke", "backend", "smoke", "smoke.Dockerfile");
        plan(registry, "slow", "backend", "clean", "slow.Dockerfile");
        registry.add("panel.images.plans.slow.backend.build-args.BASE_IMAGE", () -> LocalBaseImage.PYTHON);
        plan(registry, "missing", "backend", "clean", "nothing-here.Dockerfile");
        plan(registry, "outside", "backend", "../outside", "scratch.Dockerfile");
        plan(registry, "badtag", "backend", "clean", "scratch.Dockerfile");
        registry.add("panel.images.plans.badtag.backend.version", () -> "Not A Tag!");
        registry.add("panel.images.plans.smoke.backend.build-args.BASE_IMAGE", () -> LocalBaseImage.PYTHON);
        registry.add("panel.images.plans.leaky.frontend.build-args.BASE_IMAGE", () -> LocalBaseImage.PYTHON);
        registry.add("panel.images.plans.smoke.backend.env.GREETING", () -> "hello");
        registry.add("panel.images.registry.url", () -> LocalRegistry.shared().address());
        registry.add("panel.images.registry.username", () -> LocalRegistry.USER);
        registry.add("panel.images.registry.password", () -> LocalRegistry.PASSWORD);
    }

    private static void plan(DynamicPropertyRegistry registry, String plan, String component, String context,
            String dockerfile) {
        String prefix = "panel.images.plans." + plan + "." + component + ".";
        registry.add(prefix + "context", () -> context);
        registry.add(prefix + "dockerfile", () -> "dockerfiles/" + dockerfile);
        registry.add(prefix + "name", () -> RUN + "-" + plan + "-" + component);
        registry.add(prefix + "version", () -> "1.0.0");
    }

    @BeforeAll
    static void engine() {
        LocalBaseImage.assumeDockerEngine();
    }

    /** Removes this run's images, the registry-tagged copies too (a reference filter would miss those). */
    @AfterAll
    static void removeImages() {
        LocalBaseImage.Outcome listed = LocalBaseImage.run(java.time.Duration.ofSeconds(30), "docker", "images",
                "--format", "{{.Repository}}:{{.Tag}}");
        for (String reference : listed.output().lines().filter(line -> line.contains(RUN)).toList()) {
            LocalBaseImage.run(java.time.Duration.ofSeconds(30), "docker", "rmi", "-f", reference);
        }
    }

    private static void write() throws IOException, GitAPIException {
        Path app = Files.createDirectories(ROOT.resolve("app"));
        Path clean = Files.createDirectories(app.resolve("clean"));
        Files.writeString(clean.resolve("index.html"), "<h1>TaskFlow</h1>\n");
        Path leaky = Files.createDirectories(app.resolve("leaky"));
        Files.writeString(leaky.resolve("index.html"), "leaky\n");
        Path smoke = Files.createDirectories(app.resolve("smoke"));
        Files.writeString(smoke.resolve("health"), "{\"status\":\"ok\"}\n");
        Files.createDirectories(ROOT.resolve("outside"));
        Files.writeString(ROOT.resolve("outside/index.html"), "outside\n");
        try (Git git = Git.init().setDirectory(app.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com")
                    .setSign(false).call();
        }
        Path dockerfiles = Files.createDirectories(ROOT.resolve("repo/dockerfiles"));
        Files.writeString(dockerfiles.resolve("scratch.Dockerfile"), """
                FROM scratch
                COPY index.html /srv/index.html
                USER 10001:10001
                EXPOSE 8000
                """);
        Files.writeString(dockerfiles.resolve("root.Dockerfile"), """
                FROM scratch
                COPY index.html /srv/index.html
                EXPOSE 8000
                """);
        Files.writeString(dockerfiles.resolve("leaky-env.Dockerfile"), """
                FROM scratch
                ENV OPENAI_API_KEY=%s
                COPY index.html /srv/index.html
                USER 10001
                """.formatted(PLANTED_KEY));
        Files.writeString(dockerfiles.resolve("leaky-run.Dockerfile"), """
                ARG BASE_IMAGE=python:3.11-slim
                FROM ${BASE_IMAGE}
                RUN echo "%s" > /tmp/auth && rm /tmp/auth
                USER 1000
                """.formatted(AUTH_SECRET));
        Files.writeString(dockerfiles.resolve("slow.Dockerfile"), """
                ARG BASE_IMAGE=python:3.11-slim
                FROM ${BASE_IMAGE}
                RUN sleep 45 && echo %s
                """.formatted(RUN));
        Files.writeString(dockerfiles.resolve("smoke.Dockerfile"), """
                ARG BASE_IMAGE=python:3.11-slim
                FROM ${BASE_IMAGE}
                WORKDIR /srv
                COPY health /srv/health
                USER 1000:1000
                EXPOSE 8000
                CMD ["python3", "-m", "http.server", "8000", "--bind", "0.0.0.0"]
                """);
        Files.writeString(ROOT.resolve("secrets.env"), "BETTER_AUTH_SECRET=" + AUTH_SECRET + "\n"
                + "CORS_ORIGINS=http://localhost:3000\n");
        Files.createDirectories(ROOT.resolve("tools"));
        Files.createDirectories(ROOT.resolve("workspace"));
    }

    static void writeFile(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
