package dev.taskflow.panel.image;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tar a build sends to the engine, the way the docker CLI makes it: the context folder minus what its
 * {@code .dockerignore} leaves out, plus the Dockerfile (under its own name when it lies outside the context).
 */
final class BuildContext {

    /** Where a Dockerfile from outside the context goes in the tar. */
    static final String OUTSIDE_DOCKERFILE = ".taskflow-panel.Dockerfile";

    private BuildContext() {
    }

    /** Writes the tar and answers the Dockerfile's path inside it. */
    static String write(Path context, Path dockerfile, Path fallbackIgnoreFile, OutputStream out) {
        List<IgnoreRule> rules = rules(context, fallbackIgnoreFile);
        Path normalizedDockerfile = dockerfile.toAbsolutePath().normalize();
        Path root = context.toAbsolutePath().normalize();
        boolean inside = normalizedDockerfile.startsWith(root);
        String dockerfileName = inside ? slashed(root.relativize(normalizedDockerfile)) : OUTSIDE_DOCKERFILE;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    if (file.equals(root)) {
                        continue;
                    }
                    String name = slashed(root.relativize(file));
                    if (!name.equals(dockerfileName) && ignored(name, rules)) {
                        continue;
                    }
                    add(tar, file, name);
                }
            }
            if (!inside) {
                add(tar, normalizedDockerfile, OUTSIDE_DOCKERFILE);
            }
            tar.finish();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the build context " + root + ": " + ex.getMessage(), ex);
        }
        return dockerfileName;
    }

    private static void add(TarArchiveOutputStream tar, Path file, String name) throws IOException {
        TarArchiveEntry entry;
        if (Files.isSymbolicLink(file)) {
            entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(file).toString());
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            return;
        }
        entry = new TarArchiveEntry(file, Files.isDirectory(file) ? name + "/" : name);
        entry.setMode((Files.isDirectory(file) ? TarArchiveEntry.DEFAULT_DIR_MODE
                : Files.isExecutable(file) ? 0100755 : TarArchiveEntry.DEFAULT_FILE_MODE));
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        tar.putArchiveEntry(entry);
        if (Files.isRegularFile(file)) {
            Files.copy(file, tar);
        }
        tar.closeArchiveEntry();
    }

    private static List<IgnoreRule> rules(Path context, Path fallback) {
        Path own = context.resolve(".dockerignore");
        Path file = Files.isRegularFile(own) ? own : fallback != null && Files.isRegularFile(fallback) ? fallback : null;
        if (file == null) {
            return List.of();
        }
        List<IgnoreRule> rules = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean keep = line.startsWith("!");
                String pattern = (keep ? line.substring(1) : line).strip();
                while (pattern.startsWith("/") || pattern.startsWith("./")) {
                    pattern = pattern.substring(pattern.startsWith("/") ? 1 : 2);
                }
                while (pattern.endsWith("/")) {
                    pattern = pattern.substring(0, pattern.length() - 1);
                }
                if (!pattern.isEmpty()) {
                    rules.add(new IgnoreRule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), keep));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file + ": " + ex.getMessage(), ex);
        }
        return rules;
    }

    /** Like the docker CLI: the last matching rule wins, and a rule matching a folder covers what is inside it. */
    static boolean ignored(String name, List<IgnoreRule> rules) {
        boolean ignored = false;
        for (IgnoreRule rule : rules) {
            if (matches(rule.matcher(), name)) {
                ignored = !rule.keep();
            }
        }
        return ignored;
    }

    private static boolean matches(PathMatcher matcher, String name) {
        Path path = Path.of(name);
        for (int count = path.getNameCount(); count > 0; count--) {
            if (matcher.matches(path.subpath(0, count))) {
                return true;
            }
        }
        return false;
    }

    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    record IgnoreRule(PathMatcher matcher, boolean keep) {
    }
}
