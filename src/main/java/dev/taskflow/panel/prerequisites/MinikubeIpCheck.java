package dev.taskflow.panel.prerequisites;

import java.util.Map;
import java.util.regex.Pattern;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.support.ProcessOutcome;
import org.springframework.stereotype.Component;

/** Records the Minikube node's address, which the CORS origins and the frontend's URL are built from. */
@Component
class MinikubeIpCheck implements Check {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})(\\.\\d{1,3}){3}$");

    private final Minikube minikube;

    MinikubeIpCheck(Minikube minikube) {
        this.minikube = minikube;
    }

    @Override
    public String id() {
        return "minikube-ip";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        if (!minikube.installed()) {
            return TaskOutcome.failed("minikube is not installed. " + CliTool.MINIKUBE.installHint());
        }
        ProcessOutcome outcome = minikube.ip();
        String address = outcome.standardOutput().strip();
        if (!outcome.succeeded() || !IPV4.matcher(address).matches()) {
            return TaskOutcome.failed("`minikube ip` gave no address (exit " + outcome.exitCode() + "): is the cluster "
                    + "running? Run the minikube start task first.", Evidence.command(outcome.command(), outcome.output()));
        }
        return TaskOutcome.passed("Minikube IP is " + address + "; add http://" + address + ":<nodePort> to CORS_ORIGINS",
                new Evidence(Evidence.Kind.COMMAND, outcome.command(), address, Map.of("minikubeIp", address)));
    }
}
