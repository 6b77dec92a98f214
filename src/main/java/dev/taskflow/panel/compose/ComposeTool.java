package dev.taskflow.panel.compose;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskflow.panel.support.ProcessCommand;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.ToolNotFoundException;

/**
 * Which compose this machine has: the {@code docker compose} plugin when it answers {@code docker compose version},
 * else the standalone {@code docker-compose} (Debian's 1.29.2 here).
 *
 * @param program the program to run
 * @param prefix  the arguments that come before compose's own ({@code compose} for the plugin)
 * @param version the version it reported
 */
record ComposeTool(String program, List<String> prefix, String version) {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+[\\w.+-]*)");

    ComposeTool {
        prefix = List.copyOf(prefix);
    }

    /** How people call it: {@code docker compose} or {@code docker-compose}. */
    String name() {
        return prefix.isEmpty() ? program : program + " " + String.join(" ", prefix);
    }

    /** The name and version, e.g. {@code docker-compose 1.29.2}, for evidence and the page. */
    String describe() {
        return name() + (version == null ? "" : " " + version);
    }

    static ComposeTool detect(ProcessRunner runner) throws InterruptedException {
        if (runner.locate("docker").isPresent()) {
            ProcessOutcome plugin = probe(runner, "docker", "compose", "version");
            if (plugin != null && plugin.succeeded()) {
                return new ComposeTool("docker", List.of("compose"), version(plugin.standardOutput()));
            }
        }
        if (runner.locate("docker-compose").isPresent()) {
            ProcessOutcome standalone = probe(runner, "docker-compose", "version");
            if (standalone != null && standalone.succeeded()) {
                return new ComposeTool("docker-compose", List.of(), version(standalone.standardOutput()));
            }
        }
        throw new ComposeException(ComposeException.Reason.NO_TOOL, "No compose tool: neither `docker compose` (the "
                + "Compose plugin) nor `docker-compose` answers on the search path (" + String.join(":",
                        runner.searchPath()) + "). Install the plugin (Docker Desktop, or `apt-get install "
                + "docker-compose-plugin`) or the standalone tool (`apt-get install docker-compose`), or point "
                + "panel.tools.search-path at the folder that holds it.");
    }

    private static ProcessOutcome probe(ProcessRunner runner, String program, String... arguments)
            throws InterruptedException {
        try {
            return runner.run(ProcessCommand.of(program, PROBE_TIMEOUT, arguments));
        }
        catch (ToolNotFoundException ex) {
            return null;
        }
    }

    /** The first version number of the first line ("Docker Compose version v2.29.1" → 2.29.1). */
    private static String version(String output) {
        String first = output.lines().findFirst().orElse("");
        Matcher matcher = VERSION.matcher(first);
        return matcher.find() ? matcher.group(1) : null;
    }
}
