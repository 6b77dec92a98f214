package dev.taskflow.panel.secrets;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why the database probe could not connect, in plain words with the fix. Never holds the password.
 *
 * @param kind        what sort of failure it is
 * @param sqlState    PostgreSQL's SQLSTATE when the server answered with one ({@code 28P01}, {@code 3D000}, …)
 * @param explanation what happened and what to do about it
 */
public record ProbeFailure(Kind kind, String sqlState, String explanation) {

    /** The failures the probe tells apart. */
    public enum Kind {
        /** There is no DATABASE_URL to probe (no secrets file, or no such key). */
        NOT_CONFIGURED,
        /** DATABASE_URL is not a PostgreSQL URL. */
        MALFORMED_URL,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing listens on the host and port. */
        CONNECTION_REFUSED,
        /** No answer in time. */
        TIMEOUT,
        /** The server refused the user or password. */
        AUTHENTICATION_FAILED,
        /** The server accepts the user only over SSL. */
        SSL_REQUIRED,
        /** SSL was demanded and the server offers none. */
        SSL_NOT_SUPPORTED,
        /** The server's certificate could not be verified. */
        CERTIFICATE,
        /** The database named does not exist. */
        DATABASE_NOT_FOUND,
        /** Anything else, with PostgreSQL's own words. */
        OTHER;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
