package dev.taskflow.panel.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Hides secrets before text leaves the process: bearer tokens and JWTs become a fingerprint, passwords inside URLs
 * (a DATABASE_URL) become {@code ••••}, and the values of
 * JSON fields whose names end in password, secret, token, api_key or database_url become {@code ••••}, and so does
 * every value the panel was told is secret ({@link #remember}: the values of {@code secrets.env}).
 */
@Component
public class SecretMasker {

    /** What a hidden value shows instead. */
    public static final String HIDDEN = "••••";

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"[A-Za-z_]*(?:password|secret|token|api_?key|database_url)\"\\s*:\\s*)\"[^\"]*\"",
            Pattern.CASE_INSENSITIVE);

    /** Credentials inside a URL: {@code postgresql://user:password@host/db}. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]+:)([^\\s@/]+)(@)");

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)(?!jwt\\()([A-Za-z0-9._~+/=-]+)");

    /** Values shorter than this are too common to hide everywhere they occur ("true", "8000"). */
    static final int SHORTEST_KNOWN_VALUE = 6;

    private final Set<String> knownValues = ConcurrentHashMap.newKeySet();

    /** Hides this value wherever it appears from now on (a value read from {@code secrets.env}). */
    public void remember(String secretValue) {
        if (secretValue != null && secretValue.strip().length() >= SHORTEST_KNOWN_VALUE) {
            knownValues.add(secretValue.strip());
        }
    }

    /** The text with every secret it recognises hidden. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        // longest first, so a value that contains another is hidden whole
        for (String known : knownValues.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(known, HIDDEN);
        }
        masked = replace(SECRET_FIELD, masked, matcher -> matcher.group(1) + "\"" + HIDDEN + "\"");
        masked = replace(JWT, masked, matcher -> "jwt(" + fingerprint(matcher.group()) + ")");
        masked = replace(URL_CREDENTIALS, masked, matcher -> matcher.group(1) + HIDDEN + matcher.group(3));
        return replace(BEARER, masked, matcher -> matcher.group(1) + HIDDEN);
    }

    /** A short, stable stand-in for a secret: the first 8 hex digits of its SHA-256. */
    public static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
