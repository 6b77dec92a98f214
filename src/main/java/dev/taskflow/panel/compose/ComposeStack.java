package dev.taskflow.panel.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PipelineProperties;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import dev.taskflow.panel.secrets.SecretsProperties;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Service;

/**
 * The local compose stack: up (detached, optionally rebuilding) and wait until every service is healthy, down,
 * status and logs. While every service is healthy the stack is the {@code compose} target the end-to-end checks can
 * run against; it is withdrawn on down and whenever a service is found unhealthy. One up or down at a time.
 */
@Service
public class ComposeStack {

    /** The target name checks use for this stack. */
    public static final String TARGET = "compose";

    private static final Duration CONFIG_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(500);

    private static final int OUTPUT_LINES = 60;

    private static final Pattern PORT_IN_USE = Pattern.compile("(?:Bind for|listen tcp[46]?) (\\S*?):(\\d+)");

    private static final Pattern CONTAINER_PORT = Pattern.compile("->(\\d+)/");

    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);

    /** HTTP clients an image may have, in the order they are tried; each exits non-zero when the call fails. */
    private static final Map<String, List<String>> HTTP_CLIENTS = orderedClients();

    private final ComposeProperties properties;

    private final PipelineProperties pipeline;

    private final SecretsProperties secrets;

    private final ProcessRunner runner;

    private final ComposeContainers containers;

    private final TargetRegistry targets;

    private final SecretMasker masker;

    private final ReentrantLock operation = new ReentrantLock();

    public ComposeStack(ComposeProperties properties, PipelineProperties pipeline, SecretsProperties secrets,
            ProcessRunner runner, ComposeContainers containers, TargetRegistry targets, SecretMasker masker) {
        this.properties = properties;
        this.pipeline = pipeline;
        this.secrets = secrets;
        this.runner = runner;
        this.containers = containers;
        this.targets = targets;
        this.masker = masker;
    }

    /** The compose file, absolute. */
    public Path file() {
        Path file = properties.file() != null ? properties.file() : pipeline.repoRoot().resolve("docker-compose.yml");
        return file.toAbsolutePath().normalize();
    }

    /** The env file compose reads variables from, when there is one. */
    public Optional<Path> envFile() {
        if (properties.envFile() != null) {
            return Optional.of(properties.envFile().toAbsolutePath().normalize());
        }
        Path secretsFile = secrets.file().toAbsolutePath().normalize();
        return Files.isRegularFile(secretsFile) ? Optional.of(secretsFile) : Optional.empty();
    }

    public String project() {
        return properties.projectName();
    }

    public ComposeProperties properties() {
        return properties;
    }

    /** Which compose this machine has, e.g. {@code docker-compose 1.29.2}. */
    public String tool() throws InterruptedException {
        return ComposeTool.detect(runner).describe();
    }

    /**
     * Brings the stack up detached and waits, within {@code panel.compose.up-timeout}, until every service is
     * healthy (or running, when it has no health check); then registers the {@code compose} target.
     *
     * @param build  rebuild the images first ({@code --build})
     * @param onLine each output line (masked) and each service's change, as it happens
     */
    public ComposeOperation up(boolean build, Consumer<String> onLine) throws InterruptedException {
        exclusive("up");
        try {
            long started = System.nanoTime();
            long deadline = started + properties.upTimeout().toNanos();
            ComposeCli cli = prepare(onLine);
            List<String> arguments = new ArrayList<>(List.of("up", "-d"));
            if (build) {
                arguments.add("--build");
            }
            ProcessOutcome outcome = execute(cli, properties.upTimeout(), onLine, arguments.toArray(String[]::new));
            if (outcome.timedOut()) {
                targets.withdraw(TARGET);
                throw new ComposeException(ComposeException.Reason.TIMEOUT, cli.tool().name() + " up did not finish "
                        + "within " + properties.upTimeout() + " (building and starting). Raise panel.compose."
                        + "up-timeout when the build is just slow; its output ended with:\n" + tail(outcome));
            }
            if (!outcome.succeeded()) {
                targets.withdraw(TARGET);
                throw upFailure(cli, outcome);
            }
            Map<String, Duration> timeToHealthy = waitUntilHealthy(started, deadline, onLine);
            List<ServiceStatus> services = containers.services(project());
            register();
            onLine.accept("Every service is healthy; target '" + TARGET + "' registered (backend "
                    + properties.backendUrl() + ", frontend " + properties.frontendUrl() + ").");
            return new ComposeOperation("up", cli.tool().describe(), mask(outcome.command()),
                    mask(outcome.trimmedOutput(OUTPUT_LINES)), Duration.ofNanos(System.nanoTime() - started),
                    timeToHealthy, services);
        }
        finally {
            operation.unlock();
        }
    }

    /** Stops and removes the stack's containers and network (and its volumes with {@code volumes}). */
    public ComposeOperation down(boolean volumes, Consumer<String> onLine) throws InterruptedException {
        exclusive("down");
        try {
            long started = System.nanoTime();
            targets.withdraw(TARGET);
            ComposeCli cli = prepare(onLine);
            ProcessOutcome outcome = volumes ? execute(cli, properties.downTimeout(), onLine, "down", "-v")
                    : execute(cli, properties.downTimeout(), onLine, "down");
            if (!outcome.succeeded()) {
                throw new ComposeException(outcome.timedOut() ? ComposeException.Reason.TIMEOUT
                        : ComposeException.Reason.COMMAND_FAILED, cli.tool().name() + " down failed"
                                + (outcome.timedOut() ? " to finish within " + properties.downTimeout()
                                        : " (exit " + outcome.exitCode() + ")")
                                + ". Its output ended with:\n" + tail(outcome) + "\nLook at `docker ps -a --filter "
                                + "label=" + ComposeContainers.PROJECT_LABEL + "=" + project() + "` and remove what "
                                + "is left with `docker rm -f`.");
            }
            return new ComposeOperation("down", cli.tool().describe(), mask(outcome.command()),
                    mask(outcome.trimmedOutput(OUTPUT_LINES)), Duration.ofNanos(System.nanoTime() - started), Map.of(),
                    containers.services(project()));
        }
        finally {
            operation.unlock();
        }
    }

    /** Each service's container now; keeps the {@code compose} target in step with what it finds. */
    public ComposeStatus status() {
        List<ServiceStatus> services = containers.services(project());
        ComposeStatus status = new ComposeStatus(project(), file().toString(), services, false);
        if (status.healthy()) {
            register();
        }
        else {
            targets.withdraw(TARGET);
        }
        return new ComposeStatus(project(), file().toString(), services, targets.find(TARGET).isPresent());
    }

    /** A service's last log lines, secrets hidden. */
    public List<String> logs(String service, int tail) {
        if (tail < 1 || tail > 5000) {
            throw new InvalidRequestException("tail must be between 1 and 5000 lines, e.g. tail=200; it was " + tail
                    + ".");
        }
        rememberEnvSecrets();
        return containers.logs(project(), service, tail)
                .orElseThrow(() -> new PlanElementNotFoundException("compose service", service,
                        containers.services(project()).stream().map(ServiceStatus::service).toList()))
                .stream().map(this::mask).toList();
    }

    /**
     * Calls {@code url} from inside a service's container, with the first HTTP client its image has (wget, curl,
     * python3, node): proof that the services reach each other by name on the stack's network.
     */
    public InNetworkProbe reach(String fromService, String url) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> client : HTTP_CLIENTS.entrySet()) {
            List<String> command = new ArrayList<>(client.getValue());
            command.add(url);
            ComposeContainers.ExecResult result = containers.exec(project(), fromService, command, EXEC_TIMEOUT)
                    .orElseThrow(() -> new ComposeException(ComposeException.Reason.SERVICE_FAILED, "Service '"
                            + fromService + "' has no running container to call " + url + " from: bring the stack "
                            + "up first."));
            if (result.exitCode() == 126 || result.exitCode() == 127) {
                missing.add(client.getKey());
                continue;
            }
            String output = mask(result.output().length() > 400 ? result.output().substring(0, 400) + "…"
                    : result.output());
            return new InNetworkProbe(fromService, url, client.getKey(), missing, result.exitCode() == 0, output);
        }
        return new InNetworkProbe(fromService, url, null, missing, false, "The image of '" + fromService + "' has "
                + "none of " + String.join(", ", HTTP_CLIENTS.keySet()) + " to make the call with.");
    }

    /** The port a service listens on inside the network: the container side of its first published port. */
    static java.util.OptionalInt containerPort(ServiceStatus service) {
        for (String port : service.ports()) {
            Matcher matcher = CONTAINER_PORT.matcher(port);
            if (matcher.find()) {
                return java.util.OptionalInt.of(Integer.parseInt(matcher.group(1)));
            }
        }
        return java.util.OptionalInt.empty();
    }

    private void exclusive(String action) {
        if (!operation.tryLock()) {
            throw new ComposeException(ComposeException.Reason.BUSY, "The compose stack is busy with another up or "
                    + "down; wait for it to finish, then " + action + " again.");
        }
    }

    /** The file is there and valid, and a compose tool answers: the command line to run it with. */
    private ComposeCli prepare(Consumer<String> onLine) throws InterruptedException {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            throw new ComposeException(ComposeException.Reason.FILE_MISSING, "The compose file " + file + " does not "
                    + "exist. Restore docker-compose.yml in the panel's checkout (git checkout docker-compose.yml), "
                    + "or point panel.compose.file at the file.");
        }
        Optional<Path> envFile = envFile();
        if (envFile.isPresent() && !Files.isRegularFile(envFile.get())) {
            throw new ComposeException(ComposeException.Reason.FILE_MISSING, "The env file " + envFile.get()
                    + " (panel.compose.env-file) does not exist. Create it, or leave panel.compose.env-file unset.");
        }
        ComposeTool tool = ComposeTool.detect(runner);
        onLine.accept("Using " + tool.describe() + " for project '" + project() + "' (" + file + ")"
                + envFile.map(path -> " with env file " + path).orElse(""));
        rememberEnvSecrets();
        ComposeCli cli = new ComposeCli(runner, tool, file, project(), envFile.orElse(null));
        ProcessOutcome config = runner.run(cli.command(CONFIG_TIMEOUT, "config", "-q"));
        if (!config.succeeded()) {
            throw new ComposeException(ComposeException.Reason.FILE_INVALID, "The compose file " + file + " is not "
                    + "valid for " + tool.describe() + ":\n" + tail(config) + "\nFix the file (or the variable it "
                    + "names in the env file); `" + mask(config.command()) + "` shows the same.");
        }
        return cli;
    }

    private ProcessOutcome execute(ComposeCli cli, Duration timeout, Consumer<String> onLine, String... subcommand)
            throws InterruptedException {
        onLine.accept("$ " + mask(cli.command(timeout, subcommand).display()));
        return cli.run(timeout, line -> onLine.accept(mask(line)), subcommand);
    }

    private ComposeException upFailure(ComposeCli cli, ProcessOutcome outcome) {
        Matcher port = PORT_IN_USE.matcher(outcome.output());
        if (outcome.output().contains("already allocated") || outcome.output().contains("address already in use")) {
            String where = port.find() ? (port.group(1).isEmpty() ? "" : port.group(1) + ":") + port.group(2)
                    : "a published port";
            String number = port.find(0) ? port.group(2) : "PORT";
            return new ComposeException(ComposeException.Reason.PORT_IN_USE, "Port " + where + " is already in use, "
                    + "so compose could not publish it. Stop what listens there (`ss -ltnp 'sport = :" + number
                    + "'` or `docker ps` names it; an earlier stack under another project name is a common cause), or "
                    + "publish the service on another port in the compose file and set panel.compose.backend-url / "
                    + "frontend-url to match.");
        }
        List<ServiceStatus> failed = containers.services(project()).stream().filter(ServiceStatus::failed).toList();
        if (!failed.isEmpty()) {
            return serviceFailure(failed);
        }
        return new ComposeException(ComposeException.Reason.COMMAND_FAILED, cli.tool().name() + " up failed (exit "
                + outcome.exitCode() + "). Its output ended with:\n" + tail(outcome) + "\nFix what it names, then "
                + "bring the stack up again.");
    }

    private Map<String, Duration> waitUntilHealthy(long started, long deadline, Consumer<String> onLine)
            throws InterruptedException {
        Map<String, Duration> timeToHealthy = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        List<ServiceStatus> services = List.of();
        while (System.nanoTime() < deadline) {
            services = containers.services(project());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            for (ServiceStatus service : services) {
                if (!service.condition().equals(seen.put(service.service(), service.condition()))) {
                    onLine.accept(service.service() + ": " + service.condition() + " after "
                            + seconds(elapsed));
                }
                if (service.ready()) {
                    timeToHealthy.putIfAbsent(service.service(), elapsed);
                }
            }
            List<ServiceStatus> failed = services.stream().filter(ServiceStatus::failed).toList();
            if (!failed.isEmpty()) {
                targets.withdraw(TARGET);
                throw serviceFailure(failed);
            }
            if (!services.isEmpty() && services.stream().allMatch(ServiceStatus::ready)) {
                return timeToHealthy;
            }
            Thread.sleep(POLL);
        }
        targets.withdraw(TARGET);
        List<String> waiting = services.stream().filter(service -> !service.ready())
                .map(service -> service.service() + " (" + service.condition()
                        + (service.healthNote() == null ? "" : "; last health check " + mask(service.healthNote()))
                        + ")")
                .toList();
        throw new ComposeException(ComposeException.Reason.TIMEOUT, "The stack was not healthy within "
                + properties.upTimeout() + ": " + (services.isEmpty() ? "no container of project '" + project()
                        + "' is there" : "still waiting for " + String.join(", ", waiting)) + ". Look at the "
                + "services' logs on the Compose page; raise panel.compose.up-timeout when they are just slow to "
                + "start.");
    }

    private ComposeException serviceFailure(List<ServiceStatus> failed) {
        StringBuilder message = new StringBuilder();
        for (ServiceStatus service : failed) {
            String what = switch (service.state()) {
                case "exited" -> "exited with code " + service.exitCode();
                case "dead" -> "is dead (the engine could not stop or remove it cleanly)";
                default -> "is unhealthy: its health check keeps failing" + (service.healthNote() == null ? ""
                        : " (last: " + mask(service.healthNote()) + ")");
            };
            List<String> lines = containers.logs(project(), service.service(), properties.failureLogLines())
                    .orElse(List.of());
            message.append("Service '").append(service.service()).append("' (container ").append(service.container())
                    .append(") ").append(what).append(". ");
            message.append(lines.isEmpty() ? "It wrote no log lines.\n" : "Its last " + lines.size() + " log lines:\n"
                    + mask(String.join("\n", lines)) + "\n");
        }
        message.append("Fix what the log shows (a missing variable in the env file, a crash on start, a wrong health "
                + "check), then bring the stack up again.");
        return new ComposeException(ComposeException.Reason.SERVICE_FAILED, message.toString());
    }

    private void register() {
        targets.register(new Target(TARGET, properties.backendUrl(), properties.frontendUrl(), "compose"));
    }

    /** The env file's values are hidden from every output the panel shows, as the secrets file's are. */
    private void rememberEnvSecrets() {
        Optional<Path> envFile = envFile();
        if (envFile.isEmpty() || !Files.isRegularFile(envFile.get())) {
            return;
        }
        try {
            for (String line : Files.readAllLines(envFile.get(), StandardCharsets.UTF_8)) {
                String entry = line.strip();
                int equals = entry.indexOf('=');
                if (entry.startsWith("#") || equals < 1) {
                    continue;
                }
                String key = entry.substring(0, equals).strip().replaceFirst("^export\\s+", "");
                String value = entry.substring(equals + 1).strip().replaceAll("^([\"'])(.*)\\1$", "$2");
                if (!secrets.publicKeys().contains(key)) {
                    masker.remember(value);
                }
            }
        }
        catch (IOException ex) {
            // Compose itself reports an unreadable env file, with its own words.
        }
    }

    private String tail(ProcessOutcome outcome) {
        List<String> lines = outcome.lines();
        return mask(String.join("\n", lines.subList(Math.max(0, lines.size() - properties.failureLogLines()),
                lines.size())));
    }

    private String mask(String text) {
        return masker.mask(text);
    }

    private static Map<String, List<String>> orderedClients() {
        Map<String, List<String>> clients = new LinkedHashMap<>();
        clients.put("wget", List.of("wget", "-q", "-T", "5", "-O", "-"));
        clients.put("curl", List.of("curl", "-fsS", "--max-time", "5"));
        clients.put("python3", List.of("python3", "-c", "import sys, urllib.request; "
                + "print(urllib.request.urlopen(sys.argv[1], timeout=5).read(400).decode(errors='replace'))"));
        clients.put("node", List.of("node", "-e", "fetch(process.argv[1]).then(async r => { console.log(r.status"
                + " + ' ' + (await r.text()).slice(0, 400)); process.exit(r.ok ? 0 : 1) })"
                + ".catch(e => { console.error(String(e)); process.exit(1) })"));
        return java.util.Collections.unmodifiableMap(clients);
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
