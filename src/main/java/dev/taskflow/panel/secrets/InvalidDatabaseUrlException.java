package dev.taskflow.panel.secrets;

/** DATABASE_URL cannot be read as a PostgreSQL URL; the message names the part at fault and never the password. */
class InvalidDatabaseUrlException extends IllegalArgumentException {

    static final String FORM = "The form is postgresql://USER:PASSWORD@HOST:5432/DATABASE?sslmode=require.";

    private final String problem;

    InvalidDatabaseUrlException(String problem) {
        super("DATABASE_URL " + problem + ". " + FORM);
        this.problem = problem;
    }

    /** What is wrong, worded to follow the key's name ("has no host: …"). */
    String problem() {
        return problem;
    }
}
