package dev.taskflow.panel.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Base images for tests that build real images where no registry is reachable: a stand-in is made once per Docker
 * engine from Debian packages (debootstrap, then docker import) and reused from then on. A test that needs one is
 * skipped, saying why, where there is no Docker engine or no debootstrap.
 */
public final class LocalBaseImage {

    /** Stands in for python:3.11-slim: Debian bookworm's Python 3.11 with pip and venv, PATH and LANG as there. */
    public static final String PYTHON = "local/python-standin:3.11";

    private static final String MIRROR = "http://deb.debian.org/debian";

    private static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofMinutes(10);

    private LocalBaseImage() {
    }

    /** The python stand-in's name, after making it if this engine does not have it yet. */
    public static synchronized String python() {
        assumeDockerEngine();
        if (run(Duration.ofSeconds(30), "docker", "image", "inspect", PYTHON).exitCode() == 0) {
            return PYTHON;
        }
        Path debootstrap = Stream.of("/usr/sbin/debootstrap", "/sbin/debootstrap", "/usr/bin/debootstrap")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(debootstrap != null, () -> "No " + PYTHON + " image and no debootstrap to make it: "
                + "apt-get install debootstrap (no registry is reachable to pull python:3.11-slim)");
        Assumptions.assumeTrue(run(Duration.ofSeconds(5), "id", "-u").output().strip().equals("0"),
                "debootstrap needs root to make " + PYTHON);
        long started = System.nanoTime();
        Path root = null;
        try {
            root = Files.createTempDirectory("python-standin");
            Outcome bootstrap = run(DEBOOTSTRAP_TIMEOUT, debootstrap.toString(), "--variant=minbase",
                    "--include=python3,python3-pip,python3-venv", "bookworm", root.toString(), MIRROR);
            Assumptions.assumeTrue(bootstrap.exitCode() == 0, () -> "debootstrap could not fetch Debian bookworm from "
                    + MIRROR + " (exit " + bootstrap.exitCode() + "): " + tail(bootstrap.output()));
            // python:3.11-slim has no such marker, so pip there installs where it is told.
            try (Stream<Path> libs = Files.list(root.resolve("usr/lib"))) {
                for (Path lib : libs.filter(path -> path.getFileName().toString().startsWith("python3")).toList()) {
                    Files.deleteIfExists(lib.resolve("EXTERNALLY-MANAGED"));
                }
            }
            Path tarball = root.resolveSibling(root.getFileName() + ".tar");
            check(run(Duration.ofMinutes(5), "tar", "-C", root.toString(), "-cf", tarball.toString(), "."), "tar");
            check(run(Duration.ofMinutes(5), "docker", "import",
                    "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "--change", "ENV LANG=C.UTF-8", "--change", "CMD [\"python3\"]",
                    tarball.toString(), PYTHON), "docker import");
            Files.deleteIfExists(tarball);
            System.out.printf("Made %s from Debian bookworm in %.1f s%n", PYTHON,
                    (System.nanoTime() - started) / 1e9);
            return PYTHON;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not make " + PYTHON + ": " + ex.getMessage(), ex);
        }
        finally {
            if (root != null) {
                run(Duration.ofMinutes(2), "rm", "-rf", root.toString());
            }
        }
    }

    /** Skips the calling test, saying so, when no Docker engine answers. */
    public static void assumeDockerEngine() {
        Outcome info = run(Duration.ofSeconds(20), "docker", "info", "--format", "{{.ServerVersion}}");
        Assumptions.assumeTrue(info.exitCode() == 0, () -> "No Docker engine reachable (start it with `dockerd` or "
                + "Docker Desktop): " + tail(info.output()));
    }

    /** What a command printed (stdout and stderr together) and how it ended; -1 when it could not start. */
    public record Outcome(int exitCode, String output) {
    }

    /** Runs a program with an argument list (never a shell), output merged, killed after the timeout. */
    public static Outcome run(Duration timeout, String... command) {
        return run(timeout, List.of(), command);
    }

    /** As {@link #run(Duration, String...)}, with extra environment variables given as NAME=value. */
    public static Outcome run(Duration timeout, List<String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (String variable : environment) {
            int equals = variable.indexOf('=');
            builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        try {
            Process process = builder.start();
            List<String> lines = new ArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> process.inputReader(StandardCharsets.UTF_8).lines()
                    .forEach(line -> {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                reader.join(2000);
                return new Outcome(-1, String.join("\n", lines) + "\n(killed after " + timeout + ")");
            }
            reader.join(5000);
            synchronized (lines) {
                return new Outcome(process.exitValue(), String.join("\n", lines));
            }
        }
        catch (IOException ex) {
            return new Outcome(-1, command[0] + " could not start: " + ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, command[0] + " was interrupted");
        }
    }

    private static void check(Outcome outcome, String what) {
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException(what + " failed making " + PYTHON + " (exit " + outcome.exitCode() + "): "
                    + tail(outcome.output()));
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
