package dev.taskflow.panel.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ProcessRunnerTests {

    @TempDir
    Path tmp;

    private Path bin;

    private ProcessRunner runner;

    @BeforeEach
    void searchOnlyTheStandInFolder() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        runner = new ProcessRunner(new ToolsProperties(bin.toString(), Duration.ofSeconds(30), 40));
    }

    @Test
    void passesArgumentsAsTheyAreWithNoShellInBetween() throws Exception {
        standIn("echo-args", "for argument in \"$@\"; do printf '%s\\n' \"$argument\"; done");
        List<String> arguments = List.of("$(echo hi)", "two words", "*", "a;b", "`id`", "'quoted'");

        ProcessOutcome outcome = runner.run(ProcessCommand.of("echo-args", Duration.ofSeconds(5),
                arguments.toArray(String[]::new)));

        assertThat(outcome.lines()).containsExactlyElementsOf(arguments);
        assertThat(outcome.command()).startsWith("echo-args '$(echo hi)' 'two words' ");
    }

    @Test
    void streamsOutputAndErrorLinesToTheConsumerEachStreamInItsOwnOrder() throws Exception {
        standIn("talker", """
                echo one
                echo two >&2
                echo three
                echo four >&2""");
        List<String> streamed = new CopyOnWriteArrayList<>();

        ProcessOutcome outcome = runner.run(ProcessCommand.of("talker", Duration.ofSeconds(5)), streamed::add);

        // Two pipes: lines of one stream keep their order, the streams interleave as the reads happen.
        assertThat(streamed).containsExactlyInAnyOrder("one", "two", "three", "four");
        assertThat(streamed.indexOf("one")).isLessThan(streamed.indexOf("three"));
        assertThat(streamed.indexOf("two")).isLessThan(streamed.indexOf("four"));
        assertThat(outcome.lines()).containsExactlyElementsOf(streamed);
        assertThat(outcome.stdout()).containsExactly("one", "three");
    }

    @Test
    void capturesTheExitCode() throws Exception {
        standIn("fails", "echo broken; exit 3");
        standIn("works", "echo fine");

        ProcessOutcome failed = runner.run(ProcessCommand.of("fails", Duration.ofSeconds(5)));
        ProcessOutcome worked = runner.run(ProcessCommand.of("works", Duration.ofSeconds(5)));

        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.timedOut()).isFalse();
        assertThat(failed.succeeded()).isFalse();
        assertThat(worked.exitCode()).isZero();
        assertThat(worked.succeeded()).isTrue();
    }

    @Test
    void runsInTheGivenFolderWithTheGivenEnvironmentAndTheSearchPathFirstOnPath() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("work"));
        standIn("where", "pwd\necho \"greeting=$GREETING\"\necho \"path=$PATH\"");

        ProcessOutcome outcome = runner.run(new ProcessCommand("where", List.of(), folder, Map.of("GREETING", "hello"),
                Duration.ofSeconds(5)));

        assertThat(outcome.lines()).hasSize(3);
        assertThat(outcome.lines().subList(0, 2)).containsExactly(folder.toRealPath().toString(), "greeting=hello");
        assertThat(outcome.lines().get(2)).startsWith("path=" + bin + ":");
    }

    @Test
    void keepsStandardOutputApartFromWarningsOnStandardError() throws Exception {
        standIn("chatty", "echo answer\necho warning >&2\necho more");

        ProcessOutcome outcome = runner.run(ProcessCommand.of("chatty", Duration.ofSeconds(5)));

        assertThat(outcome.lines()).containsExactlyInAnyOrder("answer", "warning", "more");
        assertThat(outcome.stdout()).containsExactly("answer", "more");
        assertThat(outcome.standardOutput()).isEqualTo("answer\nmore");
    }

    @Test
    void killsAProgramThatRunsPastItsTimeoutAndSaysItTimedOut() throws Exception {
        Path pidFile = tmp.resolve("sleeper.pid");
        standIn("sleeper", "echo $$ > '" + pidFile + "'\necho started\nexec /bin/sleep 30");
        long started = System.nanoTime();

        ProcessOutcome outcome = runner.run(ProcessCommand.of("sleeper", Duration.ofMillis(500)));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.lines()).containsExactly("started");
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(3)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void interruptingTheCallerKillsTheProgramAndItsChildren() throws Exception {
        Path pidFile = tmp.resolve("shell.pid");
        Path childPidFile = tmp.resolve("child.pid");
        standIn("long-runner", "echo $$ > '" + pidFile + "'\n/bin/sleep 30 &\necho $! > '" + childPidFile + "'\nwait");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                runner.run(ProcessCommand.of("long-runner", Duration.ofSeconds(60)));
            }
            catch (Throwable ex) {
                thrown.set(ex);
            }
        });
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(5)).until(() -> Files.exists(childPidFile) && Files.size(childPidFile) > 0);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long childPid = Long.parseLong(Files.readString(childPidFile).strip());
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        caller.interrupt();
        caller.join(5000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(3)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)
                && ProcessHandle.of(childPid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aMissingProgramThrowsToolNotFoundNamingIt() {
        assertThatThrownBy(() -> runner.run(ProcessCommand.of("no-such-tool", Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(ToolNotFoundException.class,
                        ex -> assertThat(ex.program()).isEqualTo("no-such-tool"))
                .hasMessage("'no-such-tool' is not installed: it is not on the search path (" + bin + ")");
    }

    @Test
    void locateHonoursTheSearchPathInOrderAndIgnoresFilesThatAreNotExecutable() throws IOException {
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(first.resolve("tool"), "#!/bin/bash\n");
        Path executableTool = executable(second.resolve("tool"));
        Files.writeString(first.resolve("notes"), "not a program");
        executable(first.resolve("both"));
        executable(second.resolve("both"));
        executable(outside.resolve("elsewhere"));
        ProcessRunner twoFolders = new ProcessRunner(
                new ToolsProperties(first + ":" + second, Duration.ofSeconds(30), 40));

        assertThat(twoFolders.searchPath()).containsExactly(first.toString(), second.toString());
        assertThat(twoFolders.locate("tool")).contains(executableTool);
        assertThat(twoFolders.locate("both")).contains(first.resolve("both"));
        assertThat(twoFolders.locate("notes")).isEmpty();
        assertThat(twoFolders.locate("elsewhere")).isEmpty();
        assertThat(twoFolders.locate(outside.resolve("elsewhere").toString())).contains(outside.resolve("elsewhere"));
        assertThat(twoFolders.locate(first.resolve("notes").toString())).isEmpty();
    }

    @Test
    void trimmedOutputKeepsTheFirstAndLastLinesAndSaysHowManyWereLeftOut() throws Exception {
        standIn("chatty", "for i in 1 2 3 4 5 6 7 8 9 10; do echo \"line $i\"; done");

        ProcessOutcome outcome = runner.run(ProcessCommand.of("chatty", Duration.ofSeconds(5)));

        assertThat(outcome.lines()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i).toList());
        assertThat(outcome.trimmedOutput(4)).isEqualTo("line 1\nline 2\n… 6 lines left out …\nline 9\nline 10");
        assertThat(outcome.trimmedOutput(5)).isEqualTo("line 1\nline 2\n… 5 lines left out …\nline 8\nline 9\nline 10");
        assertThat(outcome.trimmedOutput(10)).isEqualTo(outcome.output());
    }

    private Path standIn(String name, String body) throws IOException {
        return executable(bin.resolve(name), "#!/bin/bash\n" + body + "\n");
    }

    private static Path executable(Path file) throws IOException {
        return executable(file, "#!/bin/bash\n");
    }

    private static Path executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
