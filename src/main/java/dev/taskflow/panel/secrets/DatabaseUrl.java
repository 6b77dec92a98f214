package dev.taskflow.panel.secrets;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGProperty;

/**
 * A SQLAlchemy-style DATABASE_URL read the way the backend reads it, and translated for the PostgreSQL JDBC driver:
 * the URL to show carries no credentials, the password travels as a property. Its text form hides the password.
 *
 * @param scheme     {@code postgresql}, {@code postgres} or {@code postgresql+DRIVER}
 * @param user       the user name, percent-decoded
 * @param password   the password, percent-decoded ({@code ""} when the URL has none)
 * @param host       the host name or address (an IPv6 address without brackets)
 * @param port       the port, 5432 when the URL names none
 * @param database   the database name, percent-decoded
 * @param sslMode    the JDBC {@code sslmode} from {@code sslmode=} or asyncpg's {@code ssl=}, {@code null} for the
 *                   driver's default (prefer)
 * @param extra      further JDBC properties carried over from the query (channelBinding, ApplicationName, …)
 * @param notes      how the translation differs from the URL (parameters left out)
 * @param warnings   what the backend's driver would trip over although the probe connects
 */
record DatabaseUrl(String scheme, String user, String password, String host, int port, String database,
        String sslMode, Map<String, String> extra, List<String> notes, List<String> warnings) {

    static final int DEFAULT_PORT = 5432;

    static final Set<String> SCHEMES = Set.of("postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg",
            "postgresql+psycopg2");

    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** SQLAlchemy's own URL pattern ({@code sqlalchemy.engine.url._parse_url}), so the parts split where the app splits them. */
    private static final Pattern URL = Pattern.compile("(?<scheme>[\\w+]+)://"
            + "(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?"
            + "(?:(?:\\[(?<ipv6>[^/?]+)]|(?<host>[^/:?]+))?(?::(?<port>[^/?]*))?)?"
            + "(?:/(?<database>[^?]*))?"
            + "(?:\\?(?<query>.*))?");

    /** Query parameters the JDBC driver understands under another name. */
    private static final Map<String, PGProperty> CARRIED = Map.of("channel_binding", PGProperty.CHANNEL_BINDING,
            "application_name", PGProperty.APPLICATION_NAME, "options", PGProperty.OPTIONS,
            "sslrootcert", PGProperty.SSL_ROOT_CERT, "sslcert", PGProperty.SSL_CERT, "sslkey", PGProperty.SSL_KEY);

    DatabaseUrl {
        extra = Map.copyOf(extra);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidDatabaseUrlException("is empty");
        }
        String text = url.strip();
        Matcher matcher = URL.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidDatabaseUrlException(text.contains("://") ? "has a scheme SQLAlchemy cannot read (letters,"
                    + " digits, _ and + before ://)" : "does not start with a scheme such as postgresql://");
        }
        String scheme = matcher.group("scheme").toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new InvalidDatabaseUrlException("has the scheme '" + scheme + "', which is not PostgreSQL through a "
                    + "driver the probe knows (postgresql, postgres, postgresql+asyncpg, postgresql+psycopg, "
                    + "postgresql+psycopg2)");
        }
        String host = matcher.group("ipv6") != null ? matcher.group("ipv6") : matcher.group("host");
        if (host != null && host.contains("@")) {
            throw new InvalidDatabaseUrlException("has '@' in its host part: an '@' inside the user name or password "
                    + "must be written as %40");
        }
        if (host == null || host.isBlank()) {
            throw new InvalidDatabaseUrlException("names no host: put it after the '@' (e.g. "
                    + "ep-example-123456.eu-central-1.aws.neon.tech or 127.0.0.1)");
        }
        int port = port(matcher.group("port"));
        String user = matcher.group("user") == null ? "" : decode(matcher.group("user"));
        String password = matcher.group("password") == null ? "" : decode(matcher.group("password"));
        String database = matcher.group("database") == null ? "" : decode(matcher.group("database"));
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> extra = new LinkedHashMap<>();
        String sslMode = null;
        for (Map.Entry<String, String> parameter : query(matcher.group("query")).entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            switch (name) {
                case "sslmode" -> {
                    sslMode = sslMode(name, value);
                    if (scheme.equals("postgresql+asyncpg")) {
                        warnings.add("SQLAlchemy passes sslmode to asyncpg, which rejects it (TypeError: connect() got "
                                + "an unexpected keyword argument 'sslmode'): write ssl=" + sslMode + " instead");
                    }
                }
                case "ssl" -> {
                    sslMode = asyncpgSsl(value, warnings);
                    if (!scheme.equals("postgresql+asyncpg")) {
                        warnings.add("ssl= is asyncpg's parameter; libpq drivers (psycopg) reject it (invalid "
                                + "connection option \"ssl\"): write sslmode=" + sslMode + " instead");
                    }
                }
                case "user" -> user = value;
                case "password" -> password = value;
                default -> {
                    PGProperty property = CARRIED.get(name);
                    if (property != null) {
                        extra.put(property.getName(), value);
                        if (name.equals("channel_binding") && scheme.equals("postgresql+asyncpg")) {
                            warnings.add("asyncpg has no channel_binding parameter (TypeError: connect() got an "
                                    + "unexpected keyword argument): remove it from the URL the backend uses");
                        }
                    }
                    else {
                        notes.add("left out the query parameter '" + name + "': the probe does not use it");
                    }
                }
            }
        }
        if (user.isEmpty()) {
            throw new InvalidDatabaseUrlException("names no user: write USER:PASSWORD@ before the host");
        }
        if (database.isEmpty()) {
            throw new InvalidDatabaseUrlException("names no database: end the host part with /DATABASE (Neon's "
                    + "default is /neondb)");
        }
        if (scheme.equals("postgres")) {
            warnings.add("SQLAlchemy 1.4 and later no longer read the postgres:// scheme (NoSuchModuleError: Can't "
                    + "load plugin: sqlalchemy.dialects:postgres): write postgresql://");
        }
        return new DatabaseUrl(scheme, user, password, host, port, database, sslMode, extra, notes, warnings);
    }

    /** The JDBC URL, with no user name or password in it. */
    String jdbcUrl() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + address + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** What the driver is given beside the URL: credentials, SSL mode, timeouts in whole seconds. */
    Properties properties(Duration timeout) {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, user);
        PGProperty.PASSWORD.set(properties, password);
        if (sslMode != null) {
            PGProperty.SSL_MODE.set(properties, sslMode);
        }
        extra.forEach(properties::setProperty);
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        PGProperty.CONNECT_TIMEOUT.set(properties, seconds);
        PGProperty.SOCKET_TIMEOUT.set(properties, seconds);
        PGProperty.LOGIN_TIMEOUT.set(properties, seconds);
        if (!extra.containsKey(PGProperty.APPLICATION_NAME.getName())) {
            PGProperty.APPLICATION_NAME.set(properties, "taskflow-panel database probe");
        }
        return properties;
    }

    /** Who connects where, as it may be shown: {@code user@host:port/database}. */
    String maskedTarget() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return user + "@" + address + ":" + port + "/" + database;
    }

    boolean isNeon() {
        return host.toLowerCase(Locale.ROOT).endsWith(".neon.tech");
    }

    @Override
    public String toString() {
        return scheme + "://" + maskedTarget() + (sslMode == null ? "" : "?sslmode=" + sslMode);
    }

    private static int port(String port) {
        if (port == null || port.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        }
        catch (NumberFormatException ex) {
            // reported below with the part named
        }
        throw new InvalidDatabaseUrlException("has a port that is not a number from 1 to 65535 after the host's ':'"
                + " (PostgreSQL listens on 5432 unless told otherwise)");
    }

    private static String sslMode(String name, String value) {
        String mode = value.strip().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(mode)) {
            throw new InvalidDatabaseUrlException("has " + name + "='" + value + "', which is not one of disable, "
                    + "allow, prefer, require, verify-ca, verify-full");
        }
        return mode;
    }

    /** asyncpg reads its ssl argument as one of the libpq modes; a boolean-looking string is a common slip. */
    private static String asyncpgSsl(String value, List<String> warnings) {
        String mode = value.strip().toLowerCase(Locale.ROOT);
        if (Set.of("true", "1", "yes", "on").contains(mode)) {
            warnings.add("asyncpg takes ssl as a mode name, so ssl=" + value + " fails there (`sslmode` parameter "
                    + "must be one of: disable, allow, prefer, require, verify-ca, verify-full): write ssl=require");
            return "require";
        }
        if (Set.of("false", "0", "no", "off").contains(mode)) {
            warnings.add("asyncpg takes ssl as a mode name, so ssl=" + value + " fails there: write ssl=disable");
            return "disable";
        }
        return sslMode("ssl", value);
    }

    /** Query parameters as Python's parse_qsl reads them; the last of a repeated name wins, as in SQLAlchemy. */
    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(decode(name.replace('+', ' ')).strip(), decode(value.replace('+', ' ')));
        }
        return parameters;
    }

    /** Percent-decoding as Python's unquote does it: a '%' not followed by two hex digits stays as it is. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < raw.length; at++) {
            if (raw[at] == '%' && at + 2 < raw.length && hex(raw[at + 1]) >= 0 && hex(raw[at + 2]) >= 0) {
                bytes.write(hex(raw[at + 1]) * 16 + hex(raw[at + 2]));
                at += 2;
            }
            else {
                bytes.write(raw[at]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }
}
