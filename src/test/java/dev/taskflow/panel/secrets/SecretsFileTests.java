package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static dev.taskflow.panel.secrets.SecretsFixtures.API_KEY;
import static dev.taskflow.panel.secrets.SecretsFixtures.AUTH_SECRET;
import static dev.taskflow.panel.secrets.SecretsFixtures.CANARIES;
import static dev.taskflow.panel.secrets.SecretsFixtures.DB_PASSWORD;
import static dev.taskflow.panel.secrets.SecretsFixtures.TASKFLOW_FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SecretsFileTests {

    @TempDir
    Path folder;

    private Path file;

    private Path appRoot;

    private Path tools;

    private final SecretMasker masker = new SecretMasker();

    private SecretsFile secrets;

    @BeforeEach
    void setUp() throws IOException {
        file = folder.resolve("deploy/secrets.env");
        appRoot = Files.createDirectories(folder.resolve("app"));
        tools = Files.createDirectories(folder.resolve("tools"));
        secrets = secretsWith(null);
    }

    // Reading

    @Test
    void readsKeysAndValuesInFileOrderWithTheirLines() {
        write("""
                # comment line
                FIRST=one

                SECOND=two
                """);

        SecretEntries entries = secrets.read();

        assertThat(entries.entries()).extracting(SecretEntry::key, SecretEntry::value, SecretEntry::line)
                .containsExactly(tuple("FIRST", "one", 2), tuple("SECOND", "two", 4));
        assertThat(entries.location()).isEqualTo(file.toAbsolutePath());
    }

    @Test
    void doubleQuotesResolveEscapesAndSingleQuotesAreLiteral() {
        write("""
                DOUBLE="a \\"quoted\\" line\\nnext\\ttab \\\\ \\$HOME # not a comment"
                SINGLE='no \\n escapes $HOME # not a comment'
                EMPTY_QUOTES=""
                """);

        SecretEntries entries = secrets.read();

        assertThat(entries.value("DOUBLE")).contains("a \"quoted\" line\nnext\ttab \\ $HOME # not a comment");
        assertThat(entries.value("SINGLE")).contains("no \\n escapes $HOME # not a comment");
        assertThat(entries.value("EMPTY_QUOTES")).contains("");
    }

    @Test
    void exportPrefixesSpacesAroundEqualsCrlfAndAByteOrderMarkAreAccepted() {
        write("\uFEFFexport FIRST=one\r\n  SECOND = two  \r\nexport\tTHIRD='three'\r\n");

        assertThat(secrets.read().entries()).extracting(SecretEntry::key, SecretEntry::value)
                .containsExactly(tuple("FIRST", "one"), tuple("SECOND", "two"), tuple("THIRD", "three"));
    }

    @Test
    void aHashAfterWhitespaceStartsAnInlineCommentAndAHashInsideAValueDoesNot() {
        write("""
                COMMENTED=value # the comment
                TABBED=value\t# the comment
                INSIDE=pass#word
                QUOTED="value" # after the quote
                NOTHING= # only a comment
                """);

        SecretEntries entries = secrets.read();

        assertThat(entries.value("COMMENTED")).contains("value");
        assertThat(entries.value("TABBED")).contains("value");
        assertThat(entries.value("INSIDE")).contains("pass#word");
        assertThat(entries.value("QUOTED")).contains("value");
        assertThat(entries.value("NOTHING")).contains("");
    }

    @Test
    void everyBadLineIsNamedByNumberWithItsFixAndNoValueIsEchoed() {
        write("""
                GOOD=fine
                just-a-pasted-canary-secret-9d2
                1BAD=canary-value-for-bad-key
                =canary-value-without-key
                OPEN="canary-unterminated-value
                TRAILING='canary-quoted' extra-canary-text
                """);

        assertThatThrownBy(secrets::read)
                .isInstanceOf(SecretsFileSyntaxException.class)
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(ex -> assertThat(((SecretsFileSyntaxException) ex).problems())
                        .extracting(SyntaxProblem::line, SyntaxProblem::key)
                        .containsExactly(tuple(2, null), tuple(3, null), tuple(4, null), tuple(5, "OPEN"),
                                tuple(6, "TRAILING")))
                .hasMessageContaining("line 2: no '=' on this line: write KEY=value")
                .hasMessageContaining("line 3: the name before '=' must be letters, digits and _ only")
                .hasMessageContaining("line 4: nothing before '=': write KEY=value")
                .hasMessageContaining("line 5 (OPEN): the double quote is never closed")
                .hasMessageContaining("line 6 (TRAILING): text follows the closing quote")
                .hasMessageEndingWith("Fix those lines and try again.")
                .message().doesNotContain("canary");
    }

    @Test
    void aRepeatedKeyIsReportedWithBothLines() {
        write("""
                DATABASE_URL=first
                OTHER=x
                DATABASE_URL=second
                """);

        assertThatThrownBy(secrets::read)
                .isInstanceOf(SecretsFileSyntaxException.class)
                .hasMessageContaining("line 3 (DATABASE_URL): is already set on line 1: keep one of the two");
    }

    @Test
    void readingWithoutAFileIsAConflictSayingHowToCreateIt() {
        assertThatThrownBy(secrets::read)
                .isInstanceOf(SecretsFileMissingException.class)
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("There is no secrets file at " + file.toAbsolutePath())
                .hasMessageContaining("POST /api/secrets/template?plan=taskflow");
    }

    @Test
    void everySecretValueReadIsRememberedByTheMaskerButSettingsAreNot() {
        write(TASKFLOW_FILE);

        secrets.read();

        assertThat(masker.mask("leak " + AUTH_SECRET + " and " + API_KEY)).isEqualTo("leak •••• and ••••");
        assertThat(masker.mask("the password alone: " + DB_PASSWORD)).isEqualTo("the password alone: ••••");
        assertThat(masker.mask("frontend http://192.168.49.2:30080")).isEqualTo("frontend http://192.168.49.2:30080");
    }

    @Test
    void valuesOfABrokenFileAreRememberedBeforeTheProblemIsReported() {
        write("BETTER_AUTH_SECRET=" + AUTH_SECRET + "\nbroken line\n");

        assertThatThrownBy(secrets::read).isInstanceOf(SecretsFileSyntaxException.class);
        assertThat(masker.mask(AUTH_SECRET)).isEqualTo(SecretMasker.HIDDEN);
    }

    @Test
    void theEntriesTextFormShowsFingerprintsOnly() {
        write(TASKFLOW_FILE);

        String text = secrets.read().toString();

        assertThat(text).contains("BETTER_AUTH_SECRET=" + SecretMasker.fingerprint(AUTH_SECRET));
        CANARIES.forEach(canary -> assertThat(text).doesNotContain(canary));
    }

    // Template

    @Test
    void theTemplateHoldsEveryKeyOfThePlanWithPlaceholdersAndIsReadableOnlyByItsOwner() throws IOException {
        CreatedTemplate created = secrets.createFromTemplate("taskflow");

        assertThat(created.location()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(created.keys()).containsExactly("DATABASE_URL", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL",
                "ANTHROPIC_API_KEY", "CORS_ORIGINS");
        assertThat(created.mode()).isEqualTo("0600");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("openssl rand -hex 32", "At least 32 characters",
                "DATABASE_URL=postgresql://CHANGE_ME_USER:CHANGE_ME_PASSWORD@CHANGE_ME_HOST:5432/CHANGE_ME_DATABASE");
        assertThat(secrets.read().keys()).containsExactlyElementsOf(created.keys());
        assertThat(secrets.read().entries()).allSatisfy(entry -> assertThat(entry.value()).contains("CHANGE_ME"));
        assertThat(folder.resolve("deploy")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void eachPlanGetsTheKeysItsSeedNames() {
        assertThat(secrets.createFromTemplate("habit-tracker").keys()).containsExactly("DATABASE_URL", "JWT_SECRET",
                "JWT_ALGORITHM", "GEMINI_API_KEY", "NEXT_PUBLIC_API_URL");
        assertThat(secrets.read().value("JWT_ALGORITHM")).contains("HS256");
        assertThat(secrets.requiredKeys("todo-app")).containsExactly("DATABASE_URL", "OPENAI_API_KEY",
                "BETTER_AUTH_SECRET");
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        write("MINE=keep-me\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> secrets.createFromTemplate("taskflow"))
                .isInstanceOf(SecretsFileExistsException.class)
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(file.toAbsolutePath() + " already exists and is never overwritten");
        assertThat(file).hasContent("MINE=keep-me");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(folder.resolve("deploy")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anUnknownPlanIsNotFoundNamingTheKnownOnes() {
        assertThatThrownBy(() -> secrets.createFromTemplate("no-such-plan"))
                .isInstanceOf(PlanElementNotFoundException.class)
                .hasMessage("Unknown plan 'no-such-plan'. Known plans: habit-tracker, taskflow, todo-app.");
        assertThat(file).doesNotExist();
    }

    @Test
    void theTemplateNamesTheMinikubeFrontendWhenItIsKnown() throws IOException {
        secrets = secretsWith(URI.create("http://192.168.49.2:30080"));

        secrets.createFromTemplate("taskflow");

        assertThat(Files.readString(file)).contains("# The panel sees the Minikube frontend at http://192.168.49.2:30080.");
    }

    // Validation

    @Test
    void aCompleteFileIsValidAndShownAsFingerprintsAndLengths() {
        write(TASKFLOW_FILE);
        chmod("rw-------");

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.valid()).as(String.join("\n", report.errors())).isTrue();
        assertThat(report.present()).isTrue();
        assertThat(report.mode()).isEqualTo("0600");
        assertThat(report.fileFindings()).isEmpty();
        assertThat(report.keys()).extracting(SecretFingerprint::key, SecretFingerprint::result).containsExactly(
                tuple("DATABASE_URL", "ok"), tuple("BETTER_AUTH_SECRET", "ok"), tuple("BETTER_AUTH_URL", "ok"),
                tuple("ANTHROPIC_API_KEY", "ok"), tuple("CORS_ORIGINS", "ok"));
        assertThat(report.keys().get(1)).extracting(SecretFingerprint::fingerprint, SecretFingerprint::length)
                .containsExactly(SecretMasker.fingerprint(AUTH_SECRET), AUTH_SECRET.length());
        String json = JsonMapper.builder().build().writeValueAsString(report);
        CANARIES.forEach(canary -> assertThat(json).doesNotContain(canary));
        assertThat(report.toString()).doesNotContain(AUTH_SECRET);
    }

    @Test
    void missingKeysPlaceholdersAndEmptyValuesAreErrorsNamingTheKey() {
        secrets.createFromTemplate("taskflow");
        replace("ANTHROPIC_API_KEY=CHANGE_ME_ANTHROPIC_API_KEY\n", "");
        replace("BETTER_AUTH_URL=http://CHANGE_ME_MINIKUBE_IP:CHANGE_ME_NODE_PORT", "BETTER_AUTH_URL=");

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.valid()).isFalse();
        assertThat(report.failingKeys()).containsExactly("DATABASE_URL", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL",
                "ANTHROPIC_API_KEY", "CORS_ORIGINS");
        assertThat(report.errors()).contains(
                "DATABASE_URL still holds the template's placeholder: replace it with the real value",
                "BETTER_AUTH_URL is empty: give it its value",
                "ANTHROPIC_API_KEY is missing: add ANTHROPIC_API_KEY=… to the file (the template shows what it holds)");
        assertThat(report.keys()).filteredOn(key -> key.key().equals("ANTHROPIC_API_KEY")).singleElement()
                .satisfies(key -> assertThat(key.present()).isFalse());
    }

    @Test
    void anUnknownKeyIsAWarningThatDoesNotFailValidation() {
        write(TASKFLOW_FILE + "OPENAI_API_KEY=sk-left-over-from-todo-app\n");
        chmod("rw-------");

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.valid()).isTrue();
        assertThat(report.keys()).last().extracting(SecretFingerprint::key, SecretFingerprint::result)
                .containsExactly("OPENAI_API_KEY", "warning");
        assertThat(report.warnings()).containsExactly("OPENAI_API_KEY is not one of the taskflow plan's keys: a typo, "
                + "or left over from another plan");
    }

    @Test
    void aShortAuthSecretFailsAndThirtyTwoCharactersPass() {
        write(TASKFLOW_FILE.replace(AUTH_SECRET, "a".repeat(31)));
        assertThat(secrets.validate("taskflow").errors()).containsExactly("BETTER_AUTH_SECRET is 31 characters; it needs "
                + "at least 32: generate one with openssl rand -hex 32");

        write(TASKFLOW_FILE.replace(AUTH_SECRET, "a".repeat(32)));
        assertThat(secrets.validate("taskflow").valid()).isTrue();
    }

    @Test
    void malformedUrlsAreErrorsNamingThePartAndNeverTheValue() {
        write(TASKFLOW_FILE.replace("@127.0.0.1:5432", "@127.0.0.1:notaport")
                .replace("BETTER_AUTH_URL=http://192.168.49.2:30080", "BETTER_AUTH_URL=192.168.49.2:30080")
                .replace("CORS_ORIGINS=http://localhost:3000,", "CORS_ORIGINS=http://localhost:3000/,ftp://x,"));

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.errors()).containsExactly(
                "DATABASE_URL has a port that is not a number from 1 to 65535 after the host's ':' (PostgreSQL listens "
                        + "on 5432 unless told otherwise). " + InvalidDatabaseUrlException.FORM,
                "BETTER_AUTH_URL is not a URL the browser can call: it must start with http:// or https://",
                "CORS_ORIGINS entry 1 of 3 is not an origin: it has a path or a trailing '/'; browsers send "
                        + "scheme://host:port only, so it would never match",
                "CORS_ORIGINS entry 2 of 3 is not an origin: it must start with http:// or https://");
        assertThat(String.join("\n", report.errors())).doesNotContain(DB_PASSWORD);
    }

    @Test
    void aDriverMismatchInDatabaseUrlIsAWarning() {
        write(TASKFLOW_FILE.replace("postgresql://panel", "postgresql+asyncpg://panel"));

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("DATABASE_URL SQLAlchemy passes sslmode to asyncpg, which rejects it"));
    }

    @Test
    void corsOriginsMustListTheConfiguredMinikubeFrontendOrigin() {
        secrets = secretsWith(URI.create("http://192.168.49.2:30081/"));
        write(TASKFLOW_FILE);
        chmod("rw-------");

        assertThat(secrets.validate("taskflow").errors()).containsExactly("CORS_ORIGINS does not list the Minikube "
                + "frontend origin http://192.168.49.2:30081: add it, or the browser blocks the frontend's API calls on "
                + "Minikube");

        secrets = secretsWith(URI.create("http://192.168.49.2:30080"));
        assertThat(secrets.validate("taskflow").valid()).isTrue();
    }

    @Test
    void withOnlyTheMinikubeAddressKnownAnOriginOnItIsExpected() {
        SecretsFixtures.minikubeAnswering(tools, "192.168.58.2");
        write(TASKFLOW_FILE);
        chmod("rw-------");

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).containsExactly("CORS_ORIGINS has no origin on the Minikube address 192.168.58.2: "
                + "add http://192.168.58.2:<frontend NodePort>");
    }

    @Test
    void aFileOthersCanReadIsAWarning() {
        write(TASKFLOW_FILE);
        chmod("rw-r--r--");

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.mode()).isEqualTo("0644");
        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).containsExactly("The file's mode is 0644, so others on this machine can read it: "
                + "run chmod 600 " + file.toAbsolutePath());
    }

    @Test
    void withoutAFileEveryKeyIsReportedNotSet() {
        SecretsReport report = secrets.validate("todo-app");

        assertThat(report.present()).isFalse();
        assertThat(report.mode()).isNull();
        assertThat(report.fileFindings()).singleElement().satisfies(finding -> assertThat(finding.message())
                .startsWith("There is no secrets file at " + file.toAbsolutePath()));
        assertThat(report.keys()).extracting(SecretFingerprint::key, SecretFingerprint::result).containsExactly(
                tuple("DATABASE_URL", "failed"), tuple("OPENAI_API_KEY", "failed"), tuple("BETTER_AUTH_SECRET", "failed"));
    }

    @Test
    void unreadableLinesAppearInTheReportWithTheirKeyRatherThanAsMissing() {
        write(TASKFLOW_FILE.replace("ANTHROPIC_API_KEY=" + API_KEY, "ANTHROPIC_API_KEY=\"" + API_KEY)
                + "stray line\nCORS_ORIGINS=again\n");
        chmod("rw-------");

        SecretsReport report = secrets.validate("taskflow");

        assertThat(report.fileFindings()).extracting(SecretFinding::message)
                .containsExactly("line 6: no '=' on this line: write KEY=value (a value on a line of its own, or a value "
                        + "spread over several lines, cannot be read)");
        assertThat(report.errors()).contains("ANTHROPIC_API_KEY line 4: the double quote is never closed: close it on "
                + "the same line (write a line break inside the value as \\n)",
                "CORS_ORIGINS line 7: is already set on line 5: keep one of the two (tools disagree on which one wins)");
        assertThat(report.errors()).noneMatch(error -> error.contains("is missing"));
        assertThat(String.join("\n", report.errors())).doesNotContain(API_KEY);
    }

    // .gitignore

    @Test
    void gitignoreEntriesAreAddedToANewFileOnceAndReportedAfterwards() throws IOException {
        GitignoreUpdate first = secrets.ensureGitignored(List.of("secrets.env", "k8s/overlays/local/"));
        GitignoreUpdate second = secrets.ensureGitignored(List.of("secrets.env", "k8s/overlays/local/"));

        Path gitignore = appRoot.resolve(".gitignore");
        assertThat(first.created()).isTrue();
        assertThat(first.added()).containsExactly("secrets.env", "k8s/overlays/local/");
        assertThat(second.created()).isFalse();
        assertThat(second.added()).isEmpty();
        assertThat(second.alreadyPresent()).containsExactly("secrets.env", "k8s/overlays/local/");
        assertThat(gitignore).hasContent("""
                # Secrets stay out of git (added by the TaskFlow Control Panel)
                secrets.env
                k8s/overlays/local/""");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gitignore))).isEqualTo("rw-r--r--");
    }

    @Test
    void existingRulesThatAlreadyIgnoreAnEntryCountAsPresent() throws IOException {
        Path gitignore = Files.writeString(appRoot.resolve(".gitignore"), "node_modules/\n*.env\nhelm/\n!keep.env");

        GitignoreUpdate update = secrets.ensureGitignored(List.of("secrets.env", "helm/app/values-local.yaml",
                "keep.env", ".env.k8s"));

        assertThat(update.alreadyPresent()).containsExactly("secrets.env", "helm/app/values-local.yaml");
        assertThat(update.added()).containsExactly("keep.env", ".env.k8s");
        assertThat(gitignore).hasContent("""
                node_modules/
                *.env
                helm/
                !keep.env

                # Secrets stay out of git (added by the TaskFlow Control Panel)
                keep.env
                .env.k8s""");
    }

    @Test
    void aLaterNegationUncoversAnEntryAsGitWould() throws IOException {
        Files.writeString(appRoot.resolve(".gitignore"), "secrets.env\n*.env\n!secrets.env\n");

        assertThat(secrets.gitignoreStatus(List.of("secrets.env", "*.env", "other.env")).missing())
                .containsExactly("secrets.env");
    }

    @Test
    void theStatusOnlyLooksAndNamesWhatIsMissing() {
        GitignoreStatus status = secrets.gitignoreStatus(secrets.gitignoreEntries(" ,secrets.env, *.env ,"));

        assertThat(status.exists()).isFalse();
        assertThat(status.missing()).containsExactly("secrets.env", "*.env");
        assertThat(appRoot.resolve(".gitignore")).doesNotExist();
        assertThat(secrets.gitignoreEntries(null)).containsExactly("secrets.env");
    }

    @Test
    void aMissingAppCheckoutIsNamedWithTheSettingToFixIt() throws IOException {
        Files.delete(appRoot);

        assertThatThrownBy(() -> secrets.ensureGitignored(List.of("secrets.env")))
                .isInstanceOf(AppCheckoutMissingException.class)
                .hasMessageContaining("set panel.secrets.app-root");
    }

    private SecretsFile secretsWith(URI minikubeOrigin) {
        return SecretsFixtures.secretsFile(SecretsFixtures.properties(file, appRoot, minikubeOrigin, Duration.ofSeconds(5)),
                masker, tools);
    }

    private void write(String content) {
        SecretsFixtures.write(file, content);
    }

    private void replace(String from, String to) {
        try {
            String content = Files.readString(file);
            assertThat(content).contains(from);
            Files.writeString(file, content.replace(from, to));
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private void chmod(String permissions) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
