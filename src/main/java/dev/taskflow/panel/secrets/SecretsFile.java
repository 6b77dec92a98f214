package dev.taskflow.panel.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Component;

/**
 * The deployment's {@code secrets.env}: written from a template with placeholders, read as dotenv, validated against
 * a plan's keys, and kept out of the app's git history. Every value read is handed to the {@link SecretMasker}, so it
 * is hidden from every text the panel shows from then on; callers only ever show fingerprints and lengths.
 */
@Component
public class SecretsFile {

    /** Keys whose values must be URLs a browser or the frontend can call. */
    static final Set<String> URL_KEYS = Set.of("BETTER_AUTH_URL", "NEXT_PUBLIC_API_URL");

    static final String CORS_KEY = "CORS_ORIGINS";

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final SecretsProperties properties;

    private final SecretMasker masker;

    private final MinikubeOrigin minikube;

    SecretsFile(SecretsProperties properties, SecretMasker masker, MinikubeOrigin minikube) {
        this.properties = properties;
        this.masker = masker;
        this.minikube = minikube;
    }

    /** Where the file is (whether or not it exists yet). */
    public Path location() {
        return properties.file().toAbsolutePath().normalize();
    }

    /** The app checkout whose .gitignore gets the entries. */
    public Path appRoot() {
        return properties.appRoot().toAbsolutePath().normalize();
    }

    /** The keys a plan needs in the file; an unknown plan is a not-found naming the known ones. */
    public List<String> requiredKeys(String planId) {
        return properties.keysFor(planId);
    }

    /** The entries the .gitignore check expects when a plan names none: the secrets file's own name. */
    public List<String> defaultGitignoreEntries() {
        return List.of(location().getFileName().toString());
    }

    /** The file's POSIX mode as octal ({@code 0600}), when it exists and the file system has modes. */
    public Optional<String> mode() {
        return mode(location());
    }

    /**
     * Writes a secrets file holding every key of the plan with a placeholder and a comment, readable only by its
     * owner, all at once (a half-written file is never seen). An existing file is never touched.
     *
     * @throws SecretsFileExistsException when the file exists
     */
    public synchronized CreatedTemplate createFromTemplate(String planId) {
        List<String> keys = properties.keysFor(planId);
        Path location = location();
        if (Files.exists(location, LinkOption.NOFOLLOW_LINKS)) {
            throw new SecretsFileExistsException(location);
        }
        String text = SecretsTemplate.render(planId, keys, minikube.expectation()
                .map(expected -> expected.origin() != null ? expected.origin() : "http://" + expected.host() + ":<NodePort>"));
        try {
            Path folder = Files.createDirectories(location.getParent());
            Path temporary = posix(folder)
                    ? Files.createTempFile(folder, ".secrets-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(folder, ".secrets-", ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                publish(temporary, location);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (FileAlreadyExistsException ex) {
            throw new SecretsFileExistsException(location);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + location + ": " + ex.getMessage(), ex);
        }
        return new CreatedTemplate(location.toString(), mode(location).orElse(null), keys);
    }

    /**
     * Reads the file. Values are remembered by the masker before anything else can show them.
     *
     * @throws SecretsFileMissingException when there is no file
     * @throws SecretsFileSyntaxException  naming every line that cannot be read, and every repeated key
     */
    public SecretEntries read() {
        Path location = location();
        if (!Files.isRegularFile(location)) {
            throw new SecretsFileMissingException(location);
        }
        DotenvParser.Parsed parsed = DotenvParser.parse(text(location));
        remember(parsed.entries());
        if (!parsed.problems().isEmpty()) {
            throw new SecretsFileSyntaxException(location, parsed.problems());
        }
        return new SecretEntries(location, parsed.entries());
    }

    /** Checks the file against a plan's keys: one fingerprint per key with what is wrong, never a value. */
    public SecretsReport validate(String planId) {
        List<String> required = properties.keysFor(planId);
        Path location = location();
        if (!Files.isRegularFile(location)) {
            List<SecretFingerprint> keys = required.stream()
                    .map(key -> SecretFingerprint.absent(key, List.of(SecretFinding.error("is not set: the file does not "
                            + "exist yet")))).toList();
            return new SecretsReport(planId, location.toString(), false, null, List.of(SecretFinding.error("There is "
                    + "no secrets file at " + location + ": create it from the template, then fill in the values.")),
                    keys);
        }
        String mode = mode(location).orElse(null);
        List<SecretFinding> fileFindings = new ArrayList<>();
        if (mode != null && !mode.equals("0600") && !mode.equals("0400")) {
            fileFindings.add(SecretFinding.warning("The file's mode is " + mode + ", so others on this machine can "
                    + "read it: run chmod 600 " + location));
        }
        DotenvParser.Parsed parsed = DotenvParser.parse(text(location));
        remember(parsed.entries());
        Map<String, List<SecretFinding>> lineProblems = new LinkedHashMap<>();
        for (SyntaxProblem problem : parsed.problems()) {
            if (problem.key() == null) {
                fileFindings.add(SecretFinding.error(problem.toString()));
            }
            else {
                lineProblems.computeIfAbsent(problem.key(), key -> new ArrayList<>())
                        .add(SecretFinding.error("line " + problem.line() + ": " + problem.problem()));
            }
        }
        return new SecretsReport(planId, location.toString(), true, mode, fileFindings,
                rows(planId, required, parsed.entries(), lineProblems));
    }

    /** The plan's keys in template order, then the file's other keys, then keys only an unreadable line names. */
    private List<SecretFingerprint> rows(String planId, List<String> required, List<SecretEntry> parsed,
            Map<String, List<SecretFinding>> lineProblems) {
        Map<String, SecretEntry> entries = new LinkedHashMap<>();
        parsed.forEach(entry -> entries.put(entry.key(), entry));
        List<SecretFingerprint> rows = new ArrayList<>();
        for (String key : required) {
            List<SecretFinding> findings = new ArrayList<>(lineProblems.getOrDefault(key, List.of()));
            SecretEntry entry = entries.get(key);
            if (entry == null) {
                if (findings.isEmpty()) {
                    findings.add(SecretFinding.error("is missing: add " + key + "=… to the file (the template shows "
                            + "what it holds)"));
                }
                rows.add(SecretFingerprint.absent(key, findings));
            }
            else {
                findings.addAll(0, findings(key, entry.value()));
                rows.add(SecretFingerprint.of(key, entry.value(), findings));
            }
        }
        for (SecretEntry entry : entries.values()) {
            if (!required.contains(entry.key())) {
                List<SecretFinding> findings = new ArrayList<>(findings(entry.key(), entry.value()));
                findings.addAll(lineProblems.getOrDefault(entry.key(), List.of()));
                findings.add(SecretFinding.warning("is not one of the " + planId + " plan's keys: a typo, or left over "
                        + "from another plan"));
                rows.add(SecretFingerprint.of(entry.key(), entry.value(), findings));
            }
        }
        lineProblems.forEach((key, findings) -> {
            if (!required.contains(key) && !entries.containsKey(key)) {
                rows.add(SecretFingerprint.absent(key, findings));
            }
        });
        return rows;
    }

    /** Which of the entries the app repository's .gitignore covers; changes nothing. */
    public GitignoreStatus gitignoreStatus(List<String> entries) {
        return Gitignore.status(appRoot(), entries);
    }

    /** Appends the entries the app repository's .gitignore does not cover yet (creating it if need be), never twice. */
    public GitignoreUpdate ensureGitignored(List<String> entries) {
        return Gitignore.ensure(appRoot(), entries);
    }

    /** The entries a comma list names ({@code "secrets.env, *.env"}), or the default when it names none. */
    public List<String> gitignoreEntries(String commaList) {
        List<String> entries = commaList == null ? List.of() : Gitignore.entries(commaList);
        return entries.isEmpty() ? defaultGitignoreEntries() : entries;
    }

    private List<SecretFinding> findings(String key, String value) {
        if (value.isBlank()) {
            return List.of(SecretFinding.error("is empty: give it its value"));
        }
        if (SecretsTemplate.isPlaceholder(value)) {
            return List.of(SecretFinding.error("still holds the template's placeholder: replace it with the real value"));
        }
        List<SecretFinding> findings = new ArrayList<>();
        Integer minimum = properties.minimumLengths().get(key);
        if (minimum != null && value.length() < minimum) {
            findings.add(SecretFinding.error("is " + value.length() + " characters; it needs at least " + minimum
                    + ": generate one with openssl rand -hex 32"));
        }
        if (key.equals(DatabaseProbe.KEY)) {
            try {
                DatabaseUrl.parse(value).warnings().forEach(warning -> findings.add(SecretFinding.warning(warning)));
            }
            catch (InvalidDatabaseUrlException ex) {
                findings.add(SecretFinding.error(masker.mask(ex.problem()) + ". " + InvalidDatabaseUrlException.FORM));
            }
        }
        String urlProblem = URL_KEYS.contains(key) ? urlProblem(value, false) : null;
        if (urlProblem != null) {
            findings.add(SecretFinding.error("is not a URL the browser can call: " + urlProblem));
        }
        if (key.equals(CORS_KEY)) {
            findings.addAll(corsFindings(value));
        }
        return findings;
    }

    private List<SecretFinding> corsFindings(String value) {
        List<String> origins = Arrays.stream(value.split(",")).map(String::strip)
                .filter(origin -> !origin.isEmpty()).toList();
        List<SecretFinding> findings = new ArrayList<>();
        if (origins.isEmpty()) {
            return List.of(SecretFinding.error("lists no origin: write http://host:port entries separated by commas"));
        }
        for (int index = 0; index < origins.size(); index++) {
            String origin = origins.get(index);
            String where = "entry " + (index + 1) + " of " + origins.size();
            if (origin.equals("*")) {
                findings.add(SecretFinding.warning(where + " is '*', every origin: browsers refuse it for calls that send "
                        + "credentials, so list the frontend origins instead"));
            }
            else {
                String problem = urlProblem(origin, true);
                if (problem != null) {
                    findings.add(SecretFinding.error(where + " is not an origin: " + problem));
                }
            }
        }
        minikube.expectation().ifPresent(expected -> {
            List<String> normalized = origins.stream().map(MinikubeOrigin::normalize).toList();
            if (expected.origin() != null && !normalized.contains(expected.origin())) {
                findings.add(SecretFinding.error("does not list the Minikube frontend origin " + expected.origin()
                        + ": add it, or the browser blocks the frontend's API calls on Minikube"));
            }
            if (expected.host() != null && normalized.stream().noneMatch(origin -> expected.host().equals(host(origin)))) {
                findings.add(SecretFinding.warning("has no origin on the Minikube address " + expected.host()
                        + ": add http://" + expected.host() + ":<frontend NodePort>"));
            }
        });
        return findings;
    }

    /** What keeps a value from being an http(s) URL, or {@code null}; an origin may not have a path either. */
    private static String urlProblem(String value, boolean origin) {
        String text = value.strip();
        if (!text.regionMatches(true, 0, "http://", 0, 7) && !text.regionMatches(true, 0, "https://", 0, 8)) {
            return "it must start with http:// or https://";
        }
        URI uri;
        try {
            uri = new URI(text);
        }
        catch (URISyntaxException ex) {
            return "it has characters a URL cannot hold (spaces, quotes)";
        }
        if (uri.getHost() == null) {
            return "it names no host (or an invalid port) after the scheme";
        }
        if (origin && ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null)) {
            return "it has a path or a trailing '/'; browsers send scheme://host:port only, so it would never match";
        }
        return null;
    }

    private static String host(String origin) {
        try {
            return new URI(origin).getHost();
        }
        catch (URISyntaxException ex) {
            return null;
        }
    }

    /** Hides every value (and DATABASE_URL's password alone) wherever the panel would show it; settings stay visible. */
    private void remember(List<SecretEntry> entries) {
        for (SecretEntry entry : entries) {
            if (properties.publicKeys().contains(entry.key())) {
                continue;
            }
            masker.remember(entry.value());
            if (entry.key().equals(DatabaseProbe.KEY)) {
                try {
                    masker.remember(DatabaseUrl.parse(entry.value()).password());
                }
                catch (InvalidDatabaseUrlException ex) {
                    // the whole value is remembered; validation reports what is wrong with it
                }
            }
        }
    }

    private static String text(Path location) {
        try {
            return Files.readString(location, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + location + " as UTF-8 text: " + ex.getMessage(), ex);
        }
    }

    /** A hard link publishes the finished file at once and, unlike a rename, never replaces one that appeared meanwhile. */
    private static void publish(Path temporary, Path location) throws IOException {
        try {
            Files.createLink(location, temporary);
        }
        catch (FileAlreadyExistsException ex) {
            throw ex;
        }
        catch (IOException | UnsupportedOperationException ex) {
            Files.move(temporary, location);
        }
    }

    private static boolean posix(Path folder) {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Optional<String> mode(Path file) {
        if (!Files.exists(file) || !posix(file)) {
            return Optional.empty();
        }
        try {
            int bits = 0;
            for (PosixFilePermission permission : Files.getPosixFilePermissions(file)) {
                bits |= 1 << (8 - permission.ordinal());
            }
            return Optional.of("%04o".formatted(bits));
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }
}
