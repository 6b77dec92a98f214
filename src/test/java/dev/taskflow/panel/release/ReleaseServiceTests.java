package dev.taskflow.panel.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The release service on a copy of the shipped chart, offline: lint, render, scan, values-local, bad input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReleaseServiceTests {

    static final String DATABASE_URL = "postgresql+asyncpg://app:canary-db-pass-7d1e@db.example:5432/app?ssl=require";

    static final String AUTH_SECRET = "canary-auth-secret-0b6f5a1c9e2d4f7a8b3c6d9e0f1a2b3c";

    static final String LLM_KEY = "sk-canary-llm-key-4c2b9a7d";

    @TempDir
    static Path repo;

    @TempDir
    static Path workspace;

    @Autowired
    ReleaseService releases;

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        registry.add("panel.pipeline.workspace", workspace::toString);
        registry.add("panel.pipeline.repo-root", repo::toString);
        registry.add("panel.secrets.file", () -> repo.resolve("secrets.env").toString());
    }

    @BeforeAll
    static void copyTheShippedChart() throws IOException {
        copy(Path.of("helm"), repo.resolve("helm"));
    }

    @AfterEach
    void restoreTheChart() throws IOException {
        Files.deleteIfExists(repo.resolve("secrets.env"));
        try (Stream<Path> files = Files.walk(repo.resolve("helm"))) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        copyTheShippedChart();
    }

    @Test
    void theShippedChartPassesStrictLint() {
        LintReport report = releases.lint(true);

        assertThat(report.passed()).as(String.join("\n", report.messages())).isTrue();
        assertThat(report.strict()).isTrue();
    }

    @Test
    void renderingWithInstallTimeSecretsShowsOnlyTheirFingerprints() throws IOException {
        writeSecretsEnv();
        releases.writeValuesLocal();

        RenderedRelease rendered = releases.render("taskflow", null, List.of());

        assertThat(rendered.valuesFiles()).containsExactly("values-local.yaml");
        assertThat(rendered.yaml()).doesNotContain(DATABASE_URL, AUTH_SECRET, LLM_KEY, "canary-db-pass")
                .contains(SecretMasker.fingerprint(AUTH_SECRET), SecretMasker.fingerprint(DATABASE_URL));
        assertThat(rendered.manifests()).extracting(Manifest::key).contains("Secret/taskflow-backend-secret",
                "ConfigMap/taskflow-backend-config", "Deployment/taskflow-backend", "Service/taskflow-backend-service",
                "Deployment/taskflow-frontend", "Service/taskflow-frontend-service");
    }

    @Test
    void theShippedChartKeepsEverySecretInSecretsWithTheUsersValues() throws IOException {
        writeSecretsEnv();

        TemplateScan scan = releases.scan("taskflow");

        assertThat(scan.findings()).isEmpty();
        assertThat(scan.valuesSource()).isEqualTo("secrets.env");
        assertThat(scan.secretsTraced()).isEqualTo(3);
        assertThat(scan.resources()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void withoutSecretsEnvTheScanTracesGeneratedCanaries() {
        TemplateScan scan = releases.scan("todo-app");

        assertThat(scan.clean()).isTrue();
        assertThat(scan.valuesSource()).startsWith("generated canary values");
        assertThat(scan.secretsTraced()).isEqualTo(3);
    }

    @Test
    void aSecretRenderedIntoAConfigMapOrWrittenIntoATemplateIsFound() throws IOException {
        Path configMap = repo.resolve("helm/taskflow/templates/backend-configmap.yaml");
        Files.writeString(configMap, Files.readString(configMap)
                + "  LEAKED_DB: {{ .Values.secrets.databaseUrl | quote }}\n"
                + "  DATABASE_URL: \"postgresql://admin:hunter2hunter2@db:5432/app\"\n");
        writeSecretsEnv();

        TemplateScan scan = releases.scan("taskflow");

        assertThat(scan.findings()).anySatisfy(finding -> assertThat(finding)
                .startsWith("ConfigMap/taskflow-backend-config contains the value of secrets.databaseUrl"));
        assertThat(scan.findings()).anySatisfy(finding -> assertThat(finding)
                .startsWith("ConfigMap/taskflow-backend-config has the secret key DATABASE_URL"));
        assertThat(scan.findings()).anySatisfy(finding -> assertThat(finding)
                .startsWith("templates/backend-configmap.yaml line").contains("literal secret"));
        assertThat(String.join("\n", scan.findings())).doesNotContain("canary-db-pass", "hunter2hunter2");
    }

    @Test
    void valuesLocalIsWrittenForItsOwnerOnlyAndAnsweredWithFingerprints() throws IOException {
        writeSecretsEnv();

        ValuesLocalFile written = releases.writeValuesLocal();

        Path file = Path.of(written.path());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("databaseUrl: \"" + DATABASE_URL + "\"", AUTH_SECRET, LLM_KEY);
        assertThat(written.fingerprints()).containsEntry("secrets.authSecret", SecretMasker.fingerprint(AUTH_SECRET))
                .containsEntry("secrets.llmApiKey", SecretMasker.fingerprint(LLM_KEY));
        assertThat(written.missing()).containsExactly("BETTER_AUTH_URL");
        assertThat(written.toString()).doesNotContain(AUTH_SECRET, LLM_KEY, "canary-db-pass");
    }

    @Test
    void valuesLocalNeedsASecretsFile() {
        assertThatThrownBy(releases::writeValuesLocal).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("secrets.env was not found at " + repo.resolve("secrets.env"))
                .hasMessageContaining("Create it on the Secrets page");
    }

    @Test
    void aChartOutsideTheAllowedFoldersIsRefusedAndAMissingOneIsNamed() {
        assertThatThrownBy(() -> releases.chart("../../etc")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("outside the folders charts may come from")
                .hasMessageContaining("panel.release.allowed-chart-roots");
        assertThatThrownBy(() -> releases.chart("helm/nothing-here")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("There is no chart at " + repo.resolve("helm/nothing-here"));
    }

    @Test
    void aValuesFileThatIsNotYamlIsNamedWithItsLineAndAnUnknownOneListsTheOthers() throws IOException {
        Files.writeString(repo.resolve("helm/taskflow/values-broken.yaml"), "backend:\n  replicaCount: 2\n"
                + "  image: [unclosed\n");

        assertThatThrownBy(() -> releases.render("taskflow", "values-broken.yaml", List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("values-broken.yaml is not YAML at line")
                .hasMessageContaining("nothing was installed");
        assertThatThrownBy(() -> releases.render("taskflow", "values-nope.yaml", List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("values-dev.yaml")
                .hasMessageContaining("values-production.yaml");
        assertThatThrownBy(() -> releases.render("taskflow", "../../secrets.env", List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("There is no values file");
    }

    @Test
    void eachPlanRendersResourcesThatFitTogether() {
        for (String plan : List.of("taskflow", "todo-app", "habit-tracker")) {
            for (String values : new String[] { null, "values-dev.yaml", "values-production.yaml" }) {
                if (plan.equals("taskflow") || values == null) {
                    RenderedRelease rendered = releases.render(plan, values, List.of());
                    assertThat(ManifestConsistency.findings(rendered.manifests())).as(plan + " " + values).isEmpty();
                }
            }
        }
    }

    @Test
    void setPairsReachTheRenderingAndBadOnesAreRefused() {
        RenderedRelease rendered = releases.render("taskflow", null, List.of("backend.replicaCount=3"));

        assertThat(rendered.manifests()).filteredOn(manifest -> manifest.key().equals("Deployment/taskflow-backend"))
                .singleElement().satisfies(manifest -> assertThat(manifest.yaml()).contains("replicas: 3"));
        assertThatThrownBy(() -> releases.render("taskflow", null, List.of("replicas 3")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("#1 'replicas 3'");
    }

    static void writeSecretsEnv() throws IOException {
        Files.writeString(repo.resolve("secrets.env"), """
                # test secrets
                DATABASE_URL=%s
                BETTER_AUTH_SECRET=%s
                ANTHROPIC_API_KEY=%s
                CORS_ORIGINS=http://localhost:3000,http://192.168.49.2:30080
                """.formatted(DATABASE_URL, AUTH_SECRET, LLM_KEY));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
