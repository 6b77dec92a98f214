package dev.taskflow.panel.secrets;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLException;

import dev.taskflow.panel.support.SecretMasker;
import org.postgresql.Driver;
import org.springframework.stereotype.Component;

/**
 * Connects to the database DATABASE_URL names, the way the backend will before any deployment (seed T015): runs
 * {@code select 1} and {@code show server_version}, times them, and explains a failure in plain words with the fix.
 * The password goes to the driver as a property and is hidden from every text the panel shows from then on.
 */
@Component
public class DatabaseProbe {

    static final String KEY = "DATABASE_URL";

    private final SecretsFile secrets;

    private final SecretMasker masker;

    private final Duration timeout;

    public DatabaseProbe(SecretsFile secrets, SecretsProperties properties, SecretMasker masker) {
        this.secrets = secrets;
        this.masker = masker;
        this.timeout = properties.connectTimeout();
    }

    /** Probes the DATABASE_URL of the secrets file. */
    public DatabaseProbeResult probe() {
        Optional<String> url;
        try {
            url = secrets.read().value(KEY);
        }
        catch (SecretsFileMissingException | SecretsFileSyntaxException ex) {
            return failed(null, null, new ProbeFailure(ProbeFailure.Kind.NOT_CONFIGURED, null, ex.getMessage()));
        }
        if (url.isEmpty() || url.get().isBlank()) {
            return failed(null, null, new ProbeFailure(ProbeFailure.Kind.NOT_CONFIGURED, null, secrets.location()
                    + " sets no " + KEY + ": add DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DATABASE"));
        }
        return probe(url.get());
    }

    /** Probes the given URL (SQLAlchemy style: postgresql://, postgresql+asyncpg://, …). */
    public DatabaseProbeResult probe(String databaseUrl) {
        masker.remember(databaseUrl);
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(databaseUrl);
        }
        catch (InvalidDatabaseUrlException ex) {
            return failed(null, null, new ProbeFailure(ProbeFailure.Kind.MALFORMED_URL, null, masker.mask(ex.getMessage())));
        }
        masker.remember(url.password());
        List<String> notes = new ArrayList<>(url.warnings());
        notes.addAll(url.notes());
        long started = System.nanoTime();
        try (Connection connection = new Driver().connect(url.jdbcUrl(), url.properties(timeout))) {
            long connectMillis = millisSince(started);
            long queried = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("select 1");
                long latencyMillis = millisSince(queried);
                String version = single(statement, "show server_version");
                return new DatabaseProbeResult(true, url.maskedTarget(), url.jdbcUrl(), url.sslMode(), version,
                        connectMillis, latencyMillis, encrypted(statement), null, masked(notes));
            }
        }
        catch (SQLException ex) {
            return new DatabaseProbeResult(false, url.maskedTarget(), url.jdbcUrl(), url.sslMode(), null, null, null,
                    null, explain(ex, url), masked(notes));
        }
    }

    private DatabaseProbeResult failed(String target, String jdbcUrl, ProbeFailure failure) {
        return new DatabaseProbeResult(false, target, jdbcUrl, null, null, null, null, null, failure, List.of());
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** pg_stat_ssl says whether this very connection is encrypted; a server that hides it leaves the answer open. */
    private static Boolean encrypted(Statement statement) {
        try (ResultSet rows = statement.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
            return rows.next() ? rows.getBoolean(1) : null;
        }
        catch (SQLException ex) {
            return null;
        }
    }

    private List<String> masked(List<String> notes) {
        return notes.stream().map(masker::mask).toList();
    }

    private ProbeFailure explain(SQLException ex, DatabaseUrl url) {
        String state = ex.getSQLState();
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String where = url.host() + ":" + url.port();
        if (cause(ex, UnknownHostException.class)) {
            return failure(ProbeFailure.Kind.UNKNOWN_HOST, state, "The host name " + url.host() + " does not resolve "
                    + "(DNS): check its spelling in DATABASE_URL (for Neon copy it from the dashboard's connection "
                    + "string), and that this machine can reach your DNS.");
        }
        if ("28P01".equals(state)) {
            return failure(ProbeFailure.Kind.AUTHENTICATION_FAILED, state, "The server refused the password for user "
                    + url.user() + " (SQLSTATE 28P01): copy the user and password again from your provider (Neon: "
                    + "Connection details, or reset the password), and percent-encode special characters in the "
                    + "password (@ as %40, : as %3A, / as %2F, # as %23).");
        }
        if ("28000".equals(state)) {
            if (lower.contains("no encryption")) {
                return failure(ProbeFailure.Kind.SSL_REQUIRED, state, "The server accepts " + url.user() + " only over "
                        + "SSL (SQLSTATE 28000): add ?sslmode=require to DATABASE_URL (?ssl=require with asyncpg).");
            }
            if (lower.contains("role") && lower.contains("does not exist")) {
                return failure(ProbeFailure.Kind.AUTHENTICATION_FAILED, state, "The server has no user " + url.user()
                        + " (SQLSTATE 28000): check the user name before the ':' in DATABASE_URL.");
            }
            return failure(ProbeFailure.Kind.AUTHENTICATION_FAILED, state, "The server refused user " + url.user()
                    + " for database " + url.database() + " from this machine (SQLSTATE 28000): check the user "
                    + "name and that the server's access rules (pg_hba.conf, IP allow list) admit this address.");
        }
        if ("3D000".equals(state)) {
            return failure(ProbeFailure.Kind.DATABASE_NOT_FOUND, state, "The database " + url.database()
                    + " does not exist on " + where + " (SQLSTATE 3D000): check the name after the last '/' in "
                    + "DATABASE_URL (Neon's default is neondb), or create the database.");
        }
        if (lower.contains("does not support ssl")) {
            return failure(ProbeFailure.Kind.SSL_NOT_SUPPORTED, state, "sslmode=" + url.sslMode() + " demands SSL, but "
                    + "the server at " + where + " offers none: for a local database without SSL use sslmode=prefer "
                    + "or disable; a managed database (Neon) always offers SSL, so check you reached the right host.");
        }
        if (certificateProblem(ex, lower)) {
            return failure(ProbeFailure.Kind.CERTIFICATE, state, "sslmode=" + url.sslMode() + " makes the client "
                    + "verify the server's certificate, and it could not be verified (" + certificateReason(ex, lower)
                    + "), or use sslmode=require to encrypt without verifying.");
        }
        if (cause(ex, ConnectException.class) || lower.contains("refused")) {
            return failure(ProbeFailure.Kind.CONNECTION_REFUSED, state, "Nothing accepts connections at " + where
                    + " (connection refused): check the host and port in DATABASE_URL (PostgreSQL listens on 5432 "
                    + "unless told otherwise), that the server is running, and that it listens on that address.");
        }
        if (cause(ex, SocketTimeoutException.class) || cause(ex, NoRouteToHostException.class)
                || lower.contains("timed out") || lower.contains("timeout")) {
            return failure(ProbeFailure.Kind.TIMEOUT, state, "No answer from " + where + " within "
                    + timeout.toSeconds() + " s: a firewall may drop the connection, or the host or port is wrong; "
                    + (url.isNeon() ? "this Neon compute may be asleep and waking up" : "a Neon compute that was asleep "
                            + "takes a few seconds to wake")
                    + ", so try again, or raise panel.secrets.connect-timeout.");
        }
        return failure(ProbeFailure.Kind.OTHER, state, "PostgreSQL at " + where + " refused the connection: "
                + message + (state == null ? "" : " (SQLSTATE " + state + ")") + ".");
    }

    private ProbeFailure failure(ProbeFailure.Kind kind, String state, String explanation) {
        return new ProbeFailure(kind, state, masker.mask(explanation));
    }

    private static boolean certificateProblem(Throwable ex, String lower) {
        return cause(ex, SSLException.class) || cause(ex, CertificateException.class)
                || lower.contains("certificate") || lower.contains("hostnameverifier");
    }

    /** What went wrong with the certificate, and its fix. */
    private static String certificateReason(Throwable ex, String lower) {
        String all = lower + " " + causes(ex).toLowerCase(Locale.ROOT);
        if (all.contains("root certificate file")) {
            return "no trusted root certificate file was found: give the CA certificate with "
                    + "sslrootcert=/path/to/root.crt or put it in ~/.postgresql/root.crt";
        }
        if (all.contains("hostnameverifier") || all.contains("hostname")) {
            return "the certificate does not name this host: connect with the host name it names, or use "
                    + "sslmode=verify-ca to check the signature only";
        }
        if (all.contains("pkix") || all.contains("unable to find valid certification path")) {
            return "it is not signed by an authority in the root certificate file: give the CA that signed it with "
                    + "sslrootcert=/path/to/root.crt";
        }
        return "the TLS handshake failed: check the server's certificate and sslrootcert";
    }

    private static boolean cause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable current = ex; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }

    private static String causes(Throwable ex) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = ex; current != null; current = current.getCause()) {
            text.append(current.getMessage()).append(' ');
        }
        return text.toString();
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
