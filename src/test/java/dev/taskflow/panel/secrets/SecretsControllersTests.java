package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.prerequisites.Minikube;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.SecretMasker;
import dev.taskflow.panel.support.ToolsProperties;
import dev.taskflow.panel.web.Badges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.FileSystemUtils;

import static dev.taskflow.panel.secrets.SecretsFixtures.AUTH_SECRET;
import static dev.taskflow.panel.secrets.SecretsFixtures.CANARIES;
import static dev.taskflow.panel.secrets.SecretsFixtures.TASKFLOW_FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The Secrets page and API over a real secrets file holding canary values: every response shows fingerprints and
 * lengths, and no canary ever appears in a body.
 */
@WebMvcTest({ SecretsApiController.class, SecretsPageController.class })
@Import({ PlanCatalog.class, Badges.class, SecretsControllersTests.RealSecrets.class })
class SecretsControllersTests {

    @TempDir
    static Path folder;

    @Autowired
    MockMvc mvc;

    private Path file;

    private Path appRoot;

    @TestConfiguration
    @EnableConfigurationProperties({ SecretsProperties.class, ToolsProperties.class })
    @Import({ SecretsFile.class, DatabaseProbe.class, MinikubeOrigin.class, Minikube.class, ProcessRunner.class,
            SecretMasker.class })
    static class RealSecrets {
    }

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        registry.add("panel.secrets.file", () -> folder.resolve("deploy/secrets.env").toString());
        registry.add("panel.secrets.app-root", () -> folder.resolve("app").toString());
        // No minikube here: the CORS rule has no Minikube origin to ask for.
        registry.add("panel.tools.search-path", () -> folder.resolve("no-tools").toString());
    }

    @BeforeEach
    void freshFolders() throws IOException {
        file = folder.resolve("deploy/secrets.env");
        appRoot = Files.createDirectories(folder.resolve("app"));
    }

    @AfterEach
    void cleanUp() throws IOException {
        FileSystemUtils.deleteRecursively(folder.resolve("deploy"));
        FileSystemUtils.deleteRecursively(appRoot);
    }

    @Test
    void theReportIsServedAsFingerprintsAndLengthsOnly() throws Exception {
        canaryFile(TASKFLOW_FILE);

        noCanaryIn(mvc.perform(get("/api/secrets").param("plan", "taskflow"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.plan").value("taskflow"))
                .andExpect(jsonPath("$.location").value(file.toAbsolutePath().toString()))
                .andExpect(jsonPath("$.mode").value("0600"))
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.keys[1].key").value("BETTER_AUTH_SECRET"))
                .andExpect(jsonPath("$.keys[1].fingerprint").value(SecretMasker.fingerprint(AUTH_SECRET)))
                .andExpect(jsonPath("$.keys[1].length").value(AUTH_SECRET.length()))
                .andExpect(jsonPath("$.keys[1].result").value("ok")));
    }

    @Test
    void findingsCarrySeverityAndMessageWithoutTheValue() throws Exception {
        canaryFile(TASKFLOW_FILE.replace(AUTH_SECRET, "short-" + AUTH_SECRET.substring(0, 10)));

        noCanaryIn(mvc.perform(get("/api/secrets"))
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.keys[1].result").value("failed"))
                .andExpect(jsonPath("$.keys[1].findings[0].severity").value("error"))
                .andExpect(jsonPath("$.keys[1].findings[0].message").value(startsWith("is 16 characters"))));
    }

    @Test
    void anUnknownPlanIsANotFoundListingThePlans() throws Exception {
        mvc.perform(get("/api/secrets").param("plan", "nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("habit-tracker, taskflow, todo-app")));
    }

    @Test
    void theTemplateIsCreatedOnceAndThenRefusedWithAConflict() throws Exception {
        mvc.perform(post("/api/secrets/template").param("plan", "habit-tracker"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.location").value(file.toAbsolutePath().toString()))
                .andExpect(jsonPath("$.mode").value("0600"))
                .andExpect(jsonPath("$.keys[1]").value("JWT_SECRET"));
        String written = Files.readString(file);

        mvc.perform(post("/api/secrets/template").param("plan", "taskflow"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("already exists and is never overwritten")));
        assertThat(file).hasContent(written.stripTrailing());
    }

    @Test
    void gitignoreEntriesAreAddedOnceThroughTheApi() throws Exception {
        mvc.perform(get("/api/secrets/gitignore"))
                .andExpect(jsonPath("$.missing[0]").value("secrets.env"))
                .andExpect(jsonPath("$.complete").value(false));
        mvc.perform(post("/api/secrets/gitignore").param("entries", "secrets.env,.env.k8s"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(true))
                .andExpect(jsonPath("$.added[1]").value(".env.k8s"));
        mvc.perform(post("/api/secrets/gitignore").param("entries", "secrets.env,.env.k8s"))
                .andExpect(jsonPath("$.added").isEmpty())
                .andExpect(jsonPath("$.alreadyPresent[0]").value("secrets.env"));
    }

    @Test
    void theDatabaseProbeExplainsAFailureWithoutThePassword() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        canaryFile(TASKFLOW_FILE.replace("127.0.0.1:5432", "127.0.0.1:" + closed));

        noCanaryIn(mvc.perform(post("/api/secrets/database-probe"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.connected").value(false))
                .andExpect(jsonPath("$.target").value("panel@127.0.0.1:" + closed + "/panel"))
                .andExpect(jsonPath("$.failure.kind").value("connection-refused"))
                .andExpect(jsonPath("$.summary").value(startsWith("Nothing accepts connections at 127.0.0.1:" + closed))));
    }

    @Test
    void anHtmxProbeOfTheRealDatabaseReturnsTheResultCardWithVersionAndLatency() throws Exception {
        SecretsFixtures.assumeTestDatabaseAnswers();
        canaryFile(TASKFLOW_FILE.replaceFirst("DATABASE_URL=.*",
                java.util.regex.Matcher.quoteReplacement("DATABASE_URL=" + SecretsFixtures.TEST_DATABASE_URL)));

        mvc.perform(post("/secrets/database-probe").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("secrets/secrets :: probe"))
                .andExpect(content().string(allOf(containsString("id=\"probe-connected\""), containsString("PostgreSQL "),
                        containsString("select 1"), not(containsString("<nav")),
                        not(containsString(DatabaseUrl.parse(SecretsFixtures.TEST_DATABASE_URL).password())))));
    }

    @Test
    void thePageShowsLocationModeAndAFingerprintPerKeyAndNoValue() throws Exception {
        canaryFile(TASKFLOW_FILE);

        noCanaryIn(mvc.perform(get("/secrets").param("plan", "taskflow"))
                .andExpect(status().isOk())
                .andExpect(view().name("secrets/secrets"))
                .andExpect(content().string(allOf(containsString(file.toAbsolutePath().toString()),
                        containsString("mode 0600"), containsString("id=\"secrets-table\""),
                        containsString(SecretMasker.fingerprint(AUTH_SECRET)),
                        containsString("data-key=\"CORS_ORIGINS\" data-result=\"ok\""),
                        containsString("hx-post=\"/secrets/database-probe\""), containsString("id=\"add-gitignore\""),
                        not(containsString("id=\"create-template\""))))));
    }

    @Test
    void thePageListsUnreadableLinesByNumberWithoutTheirText() throws Exception {
        canaryFile(TASKFLOW_FILE + "a-pasted-canary-line-3c1d\n");

        noCanaryIn(mvc.perform(get("/secrets"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("line 6: no &#39;=&#39; on this line"),
                        not(containsString("a-pasted-canary-line-3c1d"))))));
    }

    @Test
    void withoutAFileThePageOffersTheTemplateAndHtmxCreatesItInPlace() throws Exception {
        mvc.perform(get("/secrets").param("plan", "todo-app"))
                .andExpect(content().string(allOf(containsString("not created"),
                        containsString("hx-post=\"/secrets/template?plan=todo-app\""))));

        mvc.perform(post("/secrets/template").param("plan", "todo-app").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("secrets/secrets :: report"))
                .andExpect(content().string(allOf(containsString("id=\"template-created\""),
                        containsString("DATABASE_URL, OPENAI_API_KEY, BETTER_AUTH_SECRET"), not(containsString("<nav")))));
        assertThat(file).exists();
    }

    @Test
    void anHtmxTemplateOverAnExistingFileGoesToTheErrorArea() throws Exception {
        canaryFile(TASKFLOW_FILE);

        noCanaryIn(mvc.perform(post("/secrets/template").header("HX-Request", "true"))
                .andExpect(status().isConflict())
                .andExpect(header().string("HX-Retarget", "#error-area"))
                .andExpect(content().string(containsString("already exists and is never overwritten"))));
        assertThat(file).hasContent(TASKFLOW_FILE.stripTrailing());
    }

    @Test
    void aPlainTemplatePostRedirectsBackToThePlansPage() throws Exception {
        mvc.perform(post("/secrets/template").param("plan", "habit-tracker"))
                .andExpect(redirectedUrl("/secrets?plan=habit-tracker"));
    }

    @Test
    void anHtmxGitignoreActionAddsThePlansEntriesAndReturnsTheCard() throws Exception {
        mvc.perform(get("/secrets").param("plan", "todo-app"))
                .andExpect(content().string(allOf(containsString("hx-post=\"/secrets/gitignore?plan=todo-app\""),
                        containsString("secrets.env</span> not ignored"), containsString(".env.k8s</span> not ignored"))));

        mvc.perform(post("/secrets/gitignore").param("plan", "todo-app").header("HX-Request", "true"))
                .andExpect(view().name("secrets/secrets :: gitignore"))
                .andExpect(content().string(allOf(containsString("id=\"gitignore-added\""),
                        containsString("secrets.env, .env.k8s, secrets.yaml"), containsString("(the file was created)"),
                        not(containsString("id=\"add-gitignore\"")))));
    }

    @Test
    void withoutTheAppCheckoutTheGitignoreCardSaysWhichSettingToChange() throws Exception {
        FileSystemUtils.deleteRecursively(appRoot);

        mvc.perform(get("/secrets"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("set panel.secrets.app-root")));
    }

    private void canaryFile(String content) throws IOException {
        SecretsFixtures.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void noCanaryIn(ResultActions actions) throws Exception {
        MvcResult result = actions.andReturn();
        String body = result.getResponse().getContentAsString();
        CANARIES.forEach(canary -> assertThat(body).as("response body").doesNotContain(canary));
    }
}
