package dev.taskflow.panel.prerequisites;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The command-line tools the seeds ask for, with how to ask each its version and where to get it.
 * The version pattern prefers the line that names the client, so a server or kustomize version is not taken instead.
 */
public enum CliTool {

    MINIKUBE("minikube", List.of("version"), Pattern.compile("minikube version:\\s*(\\S+)"),
            "Install minikube 1.28 or newer: https://minikube.sigs.k8s.io/docs/start/"),

    HELM("helm", List.of("version", "--short"), Pattern.compile("(v\\d+\\.\\d+\\.\\d+\\S*)"),
            "Install Helm 3: https://helm.sh/docs/intro/install/ (the panel embeds Helm for its own work, so the CLI "
                    + "is only needed to run helm by hand)"),

    KUBECTL("kubectl", List.of("version", "--client"), Pattern.compile("(?:Client Version:\\s*|GitVersion:\")(v[^\\s\"]+)"),
            "Install kubectl: https://kubernetes.io/docs/tasks/tools/ (or use `minikube kubectl --`)");

    private final String program;

    private final List<String> versionArguments;

    private final Pattern versionLine;

    private final String installHint;

    CliTool(String program, List<String> versionArguments, Pattern versionLine, String installHint) {
        this.program = program;
        this.versionArguments = versionArguments;
        this.versionLine = versionLine;
        this.installHint = installHint;
    }

    public String program() {
        return program;
    }

    public List<String> versionArguments() {
        return versionArguments;
    }

    public String installHint() {
        return installHint;
    }

    /** The version in the tool's own output, preferring its client line; any version-looking word otherwise. */
    public java.util.Optional<ToolVersion> versionIn(String output) {
        var matcher = versionLine.matcher(output);
        return matcher.find() ? ToolVersion.find(matcher.group(1)) : ToolVersion.find(output);
    }
}
