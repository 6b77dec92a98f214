package dev.taskflow.panel.prerequisites;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ToolsProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that Minikube's host, kubelet and API server are Running. minikube's exit status is a bit field
 * (1 host, 2 cluster, 4 Kubernetes not OK), so a non-zero exit is a status to read, not a crash. The JSON is read
 * from standard output alone: minikube prints warnings (with {@code {{…}}} in them) on standard error.
 */
@Component
class MinikubeStatusCheck implements Check {

    private static final String[] PARTS = { "Host", "Kubelet", "APIServer" };

    private final Minikube minikube;

    private final ToolsProperties tools;

    private final JsonMapper json = JsonMapper.builder().build();

    MinikubeStatusCheck(Minikube minikube, ToolsProperties tools) {
        this.minikube = minikube;
        this.tools = tools;
    }

    @Override
    public String id() {
        return "minikube-status";
    }

    @Override
    public TaskOutcome run(CheckContext context) throws InterruptedException {
        if (!minikube.installed()) {
            return TaskOutcome.failed("minikube is not installed. " + CliTool.MINIKUBE.installHint());
        }
        ProcessOutcome outcome = minikube.status();
        String output = outcome.trimmedOutput(tools.evidenceLines());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("exitCode", String.valueOf(outcome.exitCode()));
        JsonNode status;
        try {
            status = json.readTree(outcome.standardOutput().strip());
        }
        catch (JacksonException ex) {
            status = null;
        }
        if (status == null || !status.isObject()) {
            return TaskOutcome.failed("No Minikube cluster answers (`minikube status` exit " + outcome.exitCode()
                    + "): start it with the minikube start task.", new Evidence(Evidence.Kind.COMMAND, outcome.command(),
                            output, values));
        }
        StringBuilder notRunning = new StringBuilder();
        for (String part : PARTS) {
            String state = status.path(part).asString("missing");
            values.put(part.toLowerCase(java.util.Locale.ROOT), state);
            if (!"Running".equals(state)) {
                notRunning.append(notRunning.isEmpty() ? "" : ", ").append(part.toLowerCase(java.util.Locale.ROOT))
                        .append(" is ").append(state);
            }
        }
        Evidence evidence = new Evidence(Evidence.Kind.COMMAND, outcome.command(), output, values);
        if (!notRunning.isEmpty()) {
            return TaskOutcome.failed("Minikube is not fully up: " + notRunning + " (exit " + outcome.exitCode()
                    + " = " + bits(outcome.exitCode()) + "). Run `minikube start` again.", evidence);
        }
        return TaskOutcome.passed("Minikube host, kubelet and apiserver are Running", evidence);
    }

    private static String bits(int exitCode) {
        StringBuilder meaning = new StringBuilder();
        if ((exitCode & 1) != 0) {
            meaning.append("host not OK");
        }
        if ((exitCode & 2) != 0) {
            meaning.append(meaning.isEmpty() ? "" : ", ").append("cluster not OK");
        }
        if ((exitCode & 4) != 0) {
            meaning.append(meaning.isEmpty() ? "" : ", ").append("Kubernetes not OK");
        }
        return meaning.isEmpty() ? "no flags" : meaning.toString();
    }
}
