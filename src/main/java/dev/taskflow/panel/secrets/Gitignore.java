package dev.taskflow.panel.secrets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The app repository's {@code .gitignore}, read with git's own matching rules (JGit) so that an entry already covered by a
 * broader rule (e.g. {@code *.env} covers {@code secrets.env}) is not added twice.
 */
final class Gitignore {

    static final String FILE = ".gitignore";

    private static final String HEADER = "# Secrets stay out of git (added by the TaskFlow Control Panel)";

    private Gitignore() {
    }

    static GitignoreStatus status(Path appRoot, List<String> entries) {
        Path file = file(appRoot);
        boolean exists = Files.isRegularFile(file);
        String content = exists ? read(file) : "";
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String entry : entries) {
            (covers(content, entry) ? present : missing).add(entry);
        }
        return new GitignoreStatus(file.toString(), exists, present, missing);
    }

    static synchronized GitignoreUpdate ensure(Path appRoot, List<String> entries) {
        GitignoreStatus status = status(appRoot, entries);
        Path file = Path.of(status.file());
        if (status.missing().isEmpty()) {
            return new GitignoreUpdate(status.file(), false, List.of(), status.present());
        }
        String content = status.exists() ? read(file) : "";
        StringBuilder updated = new StringBuilder(content);
        if (!content.isEmpty() && !content.endsWith("\n")) {
            updated.append('\n');
        }
        if (!content.contains(HEADER)) {
            updated.append(content.isEmpty() ? "" : "\n").append(HEADER).append('\n');
        }
        status.missing().forEach(entry -> updated.append(entry).append('\n'));
        write(file, updated.toString());
        return new GitignoreUpdate(status.file(), !status.exists(), status.missing(), status.present());
    }

    /** The entries a comma list names; blank items are dropped. */
    static List<String> entries(String commaList) {
        List<String> entries = new ArrayList<>();
        for (String item : commaList.split(",")) {
            if (!item.isBlank() && !entries.contains(item.strip())) {
                entries.add(item.strip());
            }
        }
        return entries;
    }

    private static Path file(Path appRoot) {
        if (!Files.isDirectory(appRoot)) {
            throw new AppCheckoutMissingException(appRoot);
        }
        return appRoot.resolve(FILE);
    }

    /**
     * A pattern entry ({@code *.env}) is covered by an identical line; a plain path is covered when git would ignore it
     * or a folder above it, so {@code *.env} covers {@code secrets.env} and a later {@code !secrets.env} uncovers it.
     */
    private static boolean covers(String content, String entry) {
        if (entry.startsWith("!") || entry.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\')) {
            return content.lines().map(String::strip).anyMatch(entry::equals);
        }
        IgnoreNode rules = new IgnoreNode();
        try {
            rules.parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        boolean directory = entry.endsWith("/");
        String path = entry.replaceAll("^/+", "").replaceAll("/+$", "");
        String[] parts = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int index = 0; index < parts.length; index++) {
            prefix.append(index == 0 ? "" : "/").append(parts[index]);
            boolean last = index == parts.length - 1;
            if (Boolean.TRUE.equals(rules.checkIgnored(prefix.toString(), !last || directory))) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** A temporary file starts as 0600; a .gitignore is for everyone to read, as it was before. */
    private static void keepReadable(Path temporary, Path file) throws IOException {
        if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void write(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".gitignore-", ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                keepReadable(temporary, file);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
