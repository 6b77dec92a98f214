package dev.taskflow.panel.secrets;

import java.util.Map;
import java.util.Optional;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Component;

/** Seed TaskFlow T014: a signing secret is long enough (BETTER_AUTH_SECRET, 32 characters, per config.py). */
@Component
class SecretLengthCheck implements Check {

    private final SecretsFile secrets;

    private final SecretsProperties properties;

    SecretLengthCheck(SecretsFile secrets, SecretsProperties properties) {
        this.secrets = secrets;
        this.properties = properties;
    }

    @Override
    public String id() {
        return "secret-length";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String key = context.parameter("key", "BETTER_AUTH_SECRET");
        int minimum;
        try {
            minimum = Integer.parseInt(context.parameter("min",
                    String.valueOf(properties.minimumLengths().getOrDefault(key, 32))).strip());
        }
        catch (NumberFormatException ex) {
            return TaskOutcome.failed("min must be a number in the plan, not '" + context.parameter("min", "") + "'.");
        }
        Optional<String> value;
        try {
            value = secrets.read().value(key);
        }
        catch (SecretsFileMissingException | SecretsFileSyntaxException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
        if (value.isEmpty() || value.get().isEmpty()) {
            return TaskOutcome.failed(secrets.location() + " sets no " + key + ": add " + key + "= with at least "
                    + minimum + " characters (generate one with openssl rand -hex 32).");
        }
        String secret = value.get();
        Evidence evidence = Evidence.measurement(key, Map.of("fingerprint", SecretMasker.fingerprint(secret),
                "length", String.valueOf(secret.length()), "minimum", String.valueOf(minimum)));
        if (SecretsTemplate.isPlaceholder(secret)) {
            return TaskOutcome.failed(key + " still holds the template's placeholder: replace it with a real secret "
                    + "(openssl rand -hex 32 gives 64 characters).", evidence);
        }
        if (secret.length() < minimum) {
            return TaskOutcome.failed(key + " is " + secret.length() + " characters; it needs at least " + minimum
                    + ". Generate one with openssl rand -hex 32 and use the same value for the frontend and the "
                    + "backend.", evidence);
        }
        return TaskOutcome.passed(key + " is " + secret.length() + " characters (at least " + minimum + "), "
                + SecretMasker.fingerprint(secret), evidence);
    }
}
