package dev.taskflow.panel.secrets;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.taskflow.panel.prerequisites.Minikube;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ToolNotFoundException;
import org.springframework.stereotype.Component;

/**
 * What CORS_ORIGINS must let in for the frontend on Minikube: the configured origin when there is one, else any origin
 * on the address {@code minikube ip} gives (the frontend's NodePort is not known here).
 */
@Component
class MinikubeOrigin {

    /** Asking minikube takes a moment; the answer is kept this long so pages stay quick. */
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Minikube minikube;

    private final URI configured;

    private volatile Answer answer;

    MinikubeOrigin(Minikube minikube, SecretsProperties properties) {
        this.minikube = minikube;
        this.configured = properties.minikubeFrontendOrigin();
    }

    /**
     * @param origin the exact origin to expect ({@code scheme://host:port}), when configured
     * @param host   the Minikube address to expect some origin on, when only that is known
     */
    record Expectation(String origin, String host) {
    }

    Optional<Expectation> expectation() {
        if (configured != null) {
            return Optional.of(new Expectation(normalize(configured.toString()), null));
        }
        return minikubeIp().map(ip -> new Expectation(null, ip));
    }

    /** An origin as browsers send it: lower-case scheme and host, no trailing slash. */
    static String normalize(String origin) {
        String text = origin.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private Optional<String> minikubeIp() {
        Answer known = answer;
        if (known != null && known.at().plus(REMEMBERED_FOR).isAfter(Instant.now())) {
            return known.ip();
        }
        Optional<String> ip = ask();
        answer = new Answer(ip, Instant.now());
        return ip;
    }

    private Optional<String> ask() {
        if (!minikube.installed()) {
            return Optional.empty();
        }
        try {
            ProcessOutcome outcome = minikube.ip();
            String address = outcome.standardOutput().strip();
            return outcome.succeeded() && IPV4.matcher(address).matches() ? Optional.of(address) : Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        catch (ToolNotFoundException ex) {
            return Optional.empty();
        }
    }

    private record Answer(Optional<String> ip, Instant at) {
    }
}
