package dev.taskflow.panel.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The one way the panel runs external programs: an argument list, a timeout, output captured line by line
 * (and streamed to the caller as it comes), never a shell string. An interrupted caller kills the program.
 */
@Component
public class ProcessRunner {

    private final ToolsProperties properties;

    public ProcessRunner(ToolsProperties properties) {
        this.properties = properties;
    }

    public ProcessOutcome run(ProcessCommand command) throws InterruptedException {
        return run(command, line -> {
        });
    }

    public ProcessOutcome run(ProcessCommand command, Consumer<String> onLine) throws InterruptedException {
        Path executable = locate(command.program())
                .orElseThrow(() -> new ToolNotFoundException(command.program(), searchPath()));
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(command.arguments());
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (command.workingDir() != null) {
            builder.directory(command.workingDir().toFile());
        }
        // The program finds the same tools the panel found first, and the ordinary ones after them.
        String inherited = System.getenv("PATH");
        builder.environment().put("PATH", String.join(":", searchPath()) + (inherited == null ? "" : ":" + inherited));
        builder.environment().putAll(command.environment());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new ToolNotFoundException(command.program(), searchPath());
        }
        closeQuietly(process);
        List<String> lines = new ArrayList<>();
        List<String> standardOutput = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> collect = line -> {
            synchronized (lines) {
                lines.add(line);
                onLine.accept(line);
            }
        };
        Thread stdout = read(process.getInputStream(), command.program() + "-out", line -> {
            standardOutput.add(line);
            collect.accept(line);
        });
        Thread stderr = read(process.getErrorStream(), command.program() + "-err", collect);
        try {
            boolean finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            stdout.join(2000);
            stderr.join(2000);
            java.time.Duration duration = java.time.Duration.ofNanos(System.nanoTime() - started);
            synchronized (lines) {
                return new ProcessOutcome(command.display(), finished ? process.exitValue() : -1, lines,
                        List.copyOf(standardOutput), duration, !finished);
            }
        }
        catch (InterruptedException ex) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw ex;
        }
    }

    /** Reads one of the program's streams line by line until it closes. */
    private static Thread read(java.io.InputStream stream, String name, Consumer<String> onLine) {
        return Thread.ofVirtual().name("process-" + name).start(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    onLine.accept(line);
                }
            }
            catch (IOException ex) {
                // The program was killed and its pipe closed: what was read so far stays.
            }
        });
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        }
        catch (IOException ex) {
            // Nothing is ever written to a program's input; a pipe that will not close changes nothing.
        }
    }

    /** Finds a program on the search path, the way a shell would. */
    public Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return searchPath().stream()
                .map(folder -> Path.of(folder, program))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    public List<String> searchPath() {
        String path = StringUtils.hasText(properties.searchPath()) ? properties.searchPath() : System.getenv("PATH");
        return Arrays.stream(path == null ? new String[0] : path.split(":")).filter(StringUtils::hasText).toList();
    }
}
