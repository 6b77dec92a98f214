package dev.taskflow.panel.secrets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of a fresh {@code secrets.env}: every key a plan needs with a {@code CHANGE_ME} placeholder and a comment saying
 * what it is and where to get it.
 */
final class SecretsTemplate {

    /** What the template writes and what people leave behind when they copy examples. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i).*(change[_-]?me|replace[_-]?me|your[_-]?(api[_-]?)?(key|secret|password)|placeholder).*|<[^>]*>|x{3,}|\\.\\.\\.|todo");

    private record KeyDoc(String comment, String placeholder) {
    }

    private static final Map<String, KeyDoc> DOCS = Map.of(
            "DATABASE_URL", new KeyDoc("""
                    # PostgreSQL connection string the backend uses (Neon: Dashboard > Connection details).
                    # Form: postgresql://USER:PASSWORD@HOST:5432/DATABASE?sslmode=require (asyncpg: ?ssl=require).
                    # Percent-encode @ : / # in the password (%40 %3A %2F %23).""",
                    "postgresql://CHANGE_ME_USER:CHANGE_ME_PASSWORD@CHANGE_ME_HOST:5432/CHANGE_ME_DATABASE?sslmode=require"),
            "BETTER_AUTH_SECRET", new KeyDoc("""
                    # Shared secret that signs and checks the login JWTs: frontend and backend must hold the same value.
                    # At least 32 characters. Generate one with: openssl rand -hex 32""",
                    "CHANGE_ME_run_openssl_rand_hex_32"),
            "JWT_SECRET", new KeyDoc("""
                    # Secret that signs the backend's JWTs. At least 32 characters.
                    # Generate one with: openssl rand -hex 32""", "CHANGE_ME_run_openssl_rand_hex_32"),
            "JWT_ALGORITHM", new KeyDoc("# Algorithm of the backend's JWTs; HS256 unless the backend says otherwise.",
                    "HS256"),
            "BETTER_AUTH_URL", new KeyDoc("""
                    # The frontend's own URL as the browser reaches it on Minikube: http://<minikube ip>:<frontend NodePort>
                    # (run `minikube ip`; the NodePort is in `kubectl get service`).""",
                    "http://CHANGE_ME_MINIKUBE_IP:CHANGE_ME_NODE_PORT"),
            "CORS_ORIGINS", new KeyDoc("""
                    # Origins the backend accepts browser calls from: comma-separated, no trailing slash.
                    # Include the Minikube frontend, http://<minikube ip>:<frontend NodePort>.""",
                    "http://localhost:3000,http://CHANGE_ME_MINIKUBE_IP:CHANGE_ME_NODE_PORT"),
            "ANTHROPIC_API_KEY", new KeyDoc("# The chatbot's Anthropic API key (console.anthropic.com > API keys, sk-ant-…).",
                    "CHANGE_ME_ANTHROPIC_API_KEY"),
            "OPENAI_API_KEY", new KeyDoc("# The chatbot's OpenAI API key (platform.openai.com > API keys, sk-…).",
                    "CHANGE_ME_OPENAI_API_KEY"),
            "GEMINI_API_KEY", new KeyDoc("# The Gemini API key (aistudio.google.com > Get API key).",
                    "CHANGE_ME_GEMINI_API_KEY"),
            "NEXT_PUBLIC_API_URL", new KeyDoc("""
                    # Where the frontend calls the backend: inside the cluster, the backend Service
                    # (e.g. http://habit-tracker-backend:8000).""", "http://CHANGE_ME_BACKEND_SERVICE:8000"));

    private SecretsTemplate() {
    }

    static String render(String planId, List<String> keys, Optional<String> minikubeHint) {
        StringBuilder text = new StringBuilder("""
                # secrets.env for the %s plan, written by the TaskFlow Control Panel.
                # Replace every CHANGE_ME value, then validate on the panel's Secrets page.
                # Keep this file readable only by you (chmod 600) and out of git (.gitignore).
                # One KEY=value per line; quote a value holding spaces or ' #', e.g. KEY="a b # c".
                """.formatted(planId));
        minikubeHint.ifPresent(hint -> text.append("# The panel sees the Minikube frontend at ").append(hint)
                .append(".\n"));
        for (String key : keys) {
            KeyDoc doc = DOCS.getOrDefault(key, new KeyDoc("# " + key + ": set its value.", "CHANGE_ME_" + key));
            text.append('\n').append(doc.comment()).append('\n').append(key).append('=').append(doc.placeholder())
                    .append('\n');
        }
        return text.toString();
    }

    /** Whether a value is still a placeholder rather than the real thing. */
    static boolean isPlaceholder(String value) {
        return PLACEHOLDER.matcher(value.strip()).matches();
    }
}
