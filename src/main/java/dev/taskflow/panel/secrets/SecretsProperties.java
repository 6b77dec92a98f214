package dev.taskflow.panel.secrets;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where {@code secrets.env} lives, what each plan needs in it, and how the database probe connects.
 *
 * @param file                   the secrets file; {@code secrets.env} in the panel's working folder (the deployment
 *                               folder, the seeds' {@code Phase-IV/}) when not set
 * @param appRoot                the app checkout whose {@code .gitignore} gets the secrets entries; {@code ../app}
 *                               beside the working folder when not set, as {@code panel.contract.app-root}
 * @param connectTimeout         how long the database probe may take to connect, log in and run its queries
 * @param requiredKeys           the keys each plan's secrets file must hold, by plan id; a plan configured here
 *                               replaces that plan's defaults (taken from the seeds), the others keep theirs
 * @param minimumLengths         the shortest value allowed for a key (BETTER_AUTH_SECRET: 32, per the backend's
 *                               config.py)
 * @param publicKeys             keys whose values are settings rather than secrets (origins, URLs): they are still
 *                               shown only as fingerprints, but not hidden from every other text the panel shows
 * @param minikubeFrontendOrigin the frontend's origin on Minikube (e.g. {@code http://192.168.49.2:30080}) that
 *                               CORS_ORIGINS must list; when not set, {@code minikube ip} is asked for the address
 */
@Validated
@ConfigurationProperties("panel.secrets")
public record SecretsProperties(Path file, Path appRoot, @NotNull @DefaultValue("5s") Duration connectTimeout,
        Map<String, List<String>> requiredKeys, Map<String, Integer> minimumLengths,
        @NotNull @DefaultValue({ "CORS_ORIGINS", "BETTER_AUTH_URL", "NEXT_PUBLIC_API_URL", "JWT_ALGORITHM" })
        List<String> publicKeys, URI minikubeFrontendOrigin) {

    /** The seeds' keys: TaskFlow T013/T032, habit-tracker T002, todo-app T028. */
    static final Map<String, List<String>> SEED_KEYS = Map.of(
            "taskflow", List.of("DATABASE_URL", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL", "ANTHROPIC_API_KEY",
                    "CORS_ORIGINS"),
            "habit-tracker", List.of("DATABASE_URL", "JWT_SECRET", "JWT_ALGORITHM", "GEMINI_API_KEY",
                    "NEXT_PUBLIC_API_URL"),
            "todo-app", List.of("DATABASE_URL", "OPENAI_API_KEY", "BETTER_AUTH_SECRET"));

    /** Signing keys shorter than 256 bits are weak; TaskFlow's config.py refuses BETTER_AUTH_SECRET under 32. */
    static final Map<String, Integer> SEED_MINIMUM_LENGTHS = Map.of("BETTER_AUTH_SECRET", 32, "JWT_SECRET", 32);

    public SecretsProperties {
        // Relative defaults cannot go in @DefaultValue: Spring reads a relative path there as a classpath resource.
        String workingDir = System.getProperty("user.dir");
        file = file != null ? file : Path.of(workingDir, "secrets.env");
        appRoot = appRoot != null ? appRoot : Path.of(workingDir, "..", "app").normalize();
        Map<String, List<String>> keys = new LinkedHashMap<>(SEED_KEYS);
        if (requiredKeys != null) {
            requiredKeys.forEach((plan, planKeys) -> keys.put(plan, List.copyOf(planKeys)));
        }
        requiredKeys = Map.copyOf(keys);
        Map<String, Integer> lengths = new LinkedHashMap<>(SEED_MINIMUM_LENGTHS);
        if (minimumLengths != null) {
            lengths.putAll(minimumLengths);
        }
        minimumLengths = Map.copyOf(lengths);
        publicKeys = List.copyOf(publicKeys);
    }

    /** The keys a plan's secrets file must hold, in template order. */
    List<String> keysFor(String planId) {
        List<String> keys = requiredKeys.get(planId);
        if (keys == null) {
            throw new PlanElementNotFoundException("plan", planId,
                    requiredKeys.keySet().stream().sorted().toList());
        }
        return keys;
    }
}
