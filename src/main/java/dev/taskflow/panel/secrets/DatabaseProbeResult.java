package dev.taskflow.panel.secrets;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the database probe found. Nothing in it holds the password.
 *
 * @param connected     whether it connected and ran its queries
 * @param target        who connected where, {@code user@host:port/database} ({@code null} when the URL did not read)
 * @param jdbcUrl       the JDBC URL used, without credentials
 * @param sslMode       the sslmode asked for ({@code null}: the driver's default, prefer)
 * @param serverVersion the server's {@code server_version}
 * @param connectMillis how long connecting and logging in took
 * @param latencyMillis the round trip of {@code select 1} once connected
 * @param ssl           whether the connection is encrypted ({@code null} when the server would not say)
 * @param failure       why it did not connect ({@code null} when it did)
 * @param notes         how the URL was translated and what the backend's own driver would trip over
 */
public record DatabaseProbeResult(boolean connected, String target, String jdbcUrl, String sslMode,
        String serverVersion, Long connectMillis, Long latencyMillis, Boolean ssl, ProbeFailure failure,
        List<String> notes) {

    public DatabaseProbeResult {
        notes = List.copyOf(notes);
    }

    /** One line for people: the version and timings, or the explanation. */
    @JsonProperty
    public String summary() {
        if (!connected) {
            return failure.explanation();
        }
        return "Connected to " + target + ": PostgreSQL " + serverVersion + ", connect " + connectMillis
                + " ms, select 1 in " + latencyMillis + " ms" + (ssl == null ? "" : ssl ? ", SSL on" : ", SSL off");
    }
}
