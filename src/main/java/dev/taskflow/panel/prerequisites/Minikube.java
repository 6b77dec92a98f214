package dev.taskflow.panel.prerequisites;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.taskflow.panel.support.ProcessCommand;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import org.springframework.stereotype.Component;

/** The panel's one way to talk to the minikube program: start, status and ip, through the process runner. */
@Component
public class Minikube {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessRunner runner;

    public Minikube(ProcessRunner runner) {
        this.runner = runner;
    }

    public boolean installed() {
        return runner.locate("minikube").isPresent();
    }

    public ProcessOutcome start(int cpus, String memory, String driver, Consumer<String> onLine)
            throws InterruptedException {
        List<String> arguments = new java.util.ArrayList<>(List.of("start", "--cpus=" + cpus, "--memory=" + memory));
        if (driver != null) {
            arguments.add("--driver=" + driver);
        }
        return runner.run(new ProcessCommand("minikube", arguments, null, Map.of(), START_TIMEOUT), onLine);
    }

    public ProcessOutcome status() throws InterruptedException {
        return runner.run(ProcessCommand.of("minikube", QUERY_TIMEOUT, "status", "-o", "json"));
    }

    public ProcessOutcome ip() throws InterruptedException {
        return runner.run(ProcessCommand.of("minikube", QUERY_TIMEOUT, "ip"));
    }
}
