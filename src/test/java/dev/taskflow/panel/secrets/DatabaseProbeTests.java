package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The probe against the real PostgreSQL of {@code PANEL_TEST_DATABASE_URL} (CI starts one; the default is CI's).
 * Whether that server offers SSL decides which of the SSL cases apply: each states its assumption.
 */
class DatabaseProbeTests {

    private static DatabaseUrl database;

    private static String serverVersion;

    private static boolean serverOffersSsl;

    @TempDir
    Path folder;

    private final SecretMasker masker = new SecretMasker();

    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    private DatabaseProbe probe;

    @BeforeAll
    static void aDatabaseAnswers() throws SQLException {
        SecretsFixtures.assumeTestDatabaseAnswers();
        database = DatabaseUrl.parse(SecretsFixtures.TEST_DATABASE_URL);
        try (Connection connection = new Driver().connect(database.jdbcUrl(), database.properties(Duration.ofSeconds(5)));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_setting('server_version'), current_setting('ssl')")) {
            rows.next();
            serverVersion = rows.getString(1);
            serverOffersSsl = rows.getString(2).equals("on");
        }
    }

    @BeforeEach
    void probe() {
        probe = probeWithTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void connectingReportsTheServerVersionLatencyAndTheTargetWithoutPassword() {
        DatabaseProbeResult result = probe.probe(SecretsFixtures.TEST_DATABASE_URL);

        assertThat(result.connected()).as(String.valueOf(result.failure())).isTrue();
        assertThat(result.serverVersion()).isEqualTo(serverVersion);
        assertThat(result.latencyMillis()).isNotNegative();
        assertThat(result.connectMillis()).isNotNegative();
        assertThat(result.target()).isEqualTo(database.maskedTarget());
        assertThat(result.jdbcUrl()).isEqualTo(database.jdbcUrl());
        assertThat(result.failure()).isNull();
        assertThat(result.summary()).startsWith("Connected to " + database.maskedTarget() + ": PostgreSQL " + serverVersion)
                .doesNotContain(database.password());
        assertThat(result.toString()).doesNotContain(database.password());
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg", "postgresql+psycopg2" })
    void everyUrlFlavourConnects(String scheme) {
        DatabaseProbeResult result = probe.probe(withScheme(scheme, ""));

        assertThat(result.connected()).as(String.valueOf(result.failure())).isTrue();
        assertThat(result.serverVersion()).isEqualTo(serverVersion);
    }

    @Test
    void asyncpgWithSslRequireConnectsEncryptedWhenTheServerOffersSsl() {
        assumeTrue(serverOffersSsl, "this PostgreSQL has ssl off; the SSL-less case is tested instead");

        DatabaseProbeResult result = probe.probe(withScheme("postgresql+asyncpg", "?ssl=require"));

        assertThat(result.connected()).as(String.valueOf(result.failure())).isTrue();
        assertThat(result.sslMode()).isEqualTo("require");
        assertThat(result.ssl()).isTrue();
        assertThat(result.summary()).endsWith("SSL on");
    }

    @Test
    void verifyFullWithoutARootCertificateIsExplainedAsACertificateProblem() {
        assumeTrue(serverOffersSsl, "this PostgreSQL has ssl off; the SSL-less case is tested instead");
        Path missingRoot = folder.resolve("no-such-root.crt");

        DatabaseProbeResult result = probe.probe(withScheme("postgresql", "?sslmode=verify-full&sslrootcert=" + missingRoot));

        assertThat(result.connected()).isFalse();
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.CERTIFICATE);
        assertThat(result.failure().explanation()).isEqualTo("sslmode=verify-full makes the client verify the server's "
                + "certificate, and it could not be verified (no trusted root certificate file was found: give the CA "
                + "certificate with sslrootcert=/path/to/root.crt or put it in ~/.postgresql/root.crt), or use "
                + "sslmode=require to encrypt without verifying.");
    }

    @Test
    void verifyCaAgainstACertificateAnotherAuthoritySignedIsExplained() throws Exception {
        assumeTrue(serverOffersSsl, "this PostgreSQL has ssl off; the SSL-less case is tested instead");
        Path unrelated = Path.of(getClass().getResource("/secrets/unrelated-ca.crt").toURI());

        DatabaseProbeResult result = probe.probe(withScheme("postgresql", "?sslmode=verify-ca&sslrootcert=" + unrelated));

        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.CERTIFICATE);
        assertThat(result.failure().sqlState()).isEqualTo("08006");
        assertThat(result.failure().explanation()).contains("(it is not signed by an authority in the root certificate "
                + "file: give the CA that signed it with sslrootcert=/path/to/root.crt)");
    }

    @Test
    void sslRequireAgainstAServerWithoutSslIsExplained() {
        assumeFalse(serverOffersSsl, "this PostgreSQL offers SSL; the SSL cases are tested instead");

        DatabaseProbeResult result = probe.probe(withScheme("postgresql+asyncpg", "?ssl=require"));

        assertThat(result.connected()).isFalse();
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.SSL_NOT_SUPPORTED);
        assertThat(result.failure().explanation()).startsWith("sslmode=require demands SSL, but the server at "
                + database.host() + ":" + database.port() + " offers none");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() {
        String wrong = "wrong-password-canary-e41b";
        String url = "postgresql://" + database.user() + ":" + wrong + "@" + database.host() + ":" + database.port()
                + "/" + database.database();

        DatabaseProbeResult result = probe.probe(url);

        assertThat(result.connected()).isFalse();
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.AUTHENTICATION_FAILED);
        assertThat(result.failure().sqlState()).isEqualTo("28P01");
        assertThat(result.failure().explanation()).startsWith("The server refused the password for user "
                + database.user() + " (SQLSTATE 28P01)");
        assertThat(result.toString()).doesNotContain(wrong);
        assertThat(masker.mask("the password was " + wrong)).isEqualTo("the password was " + SecretMasker.HIDDEN);
    }

    @Test
    void aClosedPortIsConnectionRefusedNamingHostAndPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        DatabaseProbeResult result = probe.probe("postgresql://panel:pw-not-used@127.0.0.1:" + closed + "/panel");

        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.CONNECTION_REFUSED);
        assertThat(result.failure().explanation()).startsWith("Nothing accepts connections at 127.0.0.1:" + closed
                + " (connection refused)");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConfiguredTimeout() throws IOException {
        ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        servers.add(silent);
        Thread.ofVirtual().start(() -> {
            try {
                while (!silent.isClosed()) {
                    servers.add(silent.accept());
                }
            }
            catch (IOException ex) {
                // closed after the test
            }
        });
        DatabaseProbe quick = probeWithTimeout(Duration.ofSeconds(1));

        long started = System.nanoTime();
        DatabaseProbeResult result = quick.probe("postgresql://panel:pw@127.0.0.1:" + silent.getLocalPort() + "/panel");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.TIMEOUT);
        assertThat(result.failure().explanation()).startsWith("No answer from 127.0.0.1:" + silent.getLocalPort()
                + " within 1 s").contains("Neon compute");
    }

    @Test
    void anUnknownHostIsExplainedAsDns() {
        DatabaseProbeResult result = probe.probe("postgresql://panel:pw@taskflow-db.invalid:5432/panel");

        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.UNKNOWN_HOST);
        assertThat(result.failure().explanation()).startsWith("The host name taskflow-db.invalid does not resolve (DNS)");
    }

    @Test
    void aMissingDatabaseIsNamed() {
        String url = "postgresql://" + database.user() + ":" + encoded(database.password()) + "@" + database.host() + ":"
                + database.port() + "/panel_no_such_database";

        DatabaseProbeResult result = probe.probe(url);

        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.DATABASE_NOT_FOUND);
        assertThat(result.failure().sqlState()).isEqualTo("3D000");
        assertThat(result.failure().explanation()).startsWith("The database panel_no_such_database does not exist on "
                + database.host() + ":" + database.port());
    }

    @Test
    void aMalformedUrlIsExplainedWithoutConnectingOrShowingThePassword() {
        DatabaseProbeResult result = probe.probe("postgresql://panel:malformed-canary-pw@:5432/panel");

        assertThat(result.connected()).isFalse();
        assertThat(result.target()).isNull();
        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.MALFORMED_URL);
        assertThat(result.failure().explanation()).startsWith("DATABASE_URL names no host");
        assertThat(result.toString()).doesNotContain("malformed-canary-pw");
    }

    @Test
    void theSecretsFilesDatabaseUrlIsProbed() {
        SecretsFixtures.write(folder.resolve("secrets.env"), "DATABASE_URL=" + SecretsFixtures.TEST_DATABASE_URL + "\n");

        DatabaseProbeResult result = probe.probe();

        assertThat(result.connected()).as(String.valueOf(result.failure())).isTrue();
        assertThat(masker.mask("pw " + database.password())).doesNotContain(database.password());
    }

    @Test
    void withoutASecretsFileTheProbeSaysHowToCreateOne() {
        DatabaseProbeResult result = probe.probe();

        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.NOT_CONFIGURED);
        assertThat(result.failure().explanation()).contains("There is no secrets file at").contains("template");
    }

    @Test
    void aSecretsFileWithoutDatabaseUrlSaysWhatToAdd() {
        SecretsFixtures.write(folder.resolve("secrets.env"), "OTHER=value\n");

        DatabaseProbeResult result = probe.probe();

        assertThat(result.failure().kind()).isEqualTo(ProbeFailure.Kind.NOT_CONFIGURED);
        assertThat(result.failure().explanation()).endsWith("sets no DATABASE_URL: add "
                + "DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DATABASE");
    }

    private DatabaseProbe probeWithTimeout(Duration timeout) {
        SecretsProperties properties = SecretsFixtures.properties(folder.resolve("secrets.env"), folder, null, timeout);
        return new DatabaseProbe(SecretsFixtures.secretsFile(properties, masker, folder.resolve("no-tools")), properties,
                masker);
    }

    /** The test database's URL with another scheme and query. */
    private static String withScheme(String scheme, String query) {
        return scheme + "://" + database.user() + ":" + encoded(database.password()) + "@" + database.host() + ":"
                + database.port() + "/" + database.database() + query;
    }

    private static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
