package dev.taskflow.panel.cluster;

import java.util.List;

/** What the in-pod checks found, as records the API and the evidence share. */
public final class InPodAnswers {

    private InPodAnswers() {
    }

    /**
     * An HTTP request made from inside a pod.
     *
     * @param pod     the pod it ran in
     * @param url     the URL requested
     * @param status  the HTTP status, or {@code null} when no answer came
     * @param body    the start of the body, masked
     * @param tool    which tool made it, and which were missing
     * @param command the command as run
     */
    public record Http(String pod, String url, Integer status, String body, String tool, String command) {

        public boolean ok() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /**
     * One environment variable of a pod, shown only as a fingerprint.
     *
     * @param name        the variable
     * @param present     whether the pod has it (and it is not empty)
     * @param fingerprint {@code sha256:xxxxxxxx} of its value, or {@code null}
     * @param length      its value's length
     */
    public record Variable(String name, boolean present, String fingerprint, int length) {
    }

    /**
     * The expected variables of one pod.
     *
     * @param pod       the pod
     * @param component backend or frontend
     * @param variables each expected variable
     * @param tool      which tool read the environment
     */
    public record Environment(String pod, String component, List<Variable> variables, String tool) {

        public List<String> missing() {
            return variables.stream().filter(variable -> !variable.present()).map(Variable::name).toList();
        }

        public java.util.Optional<Variable> variable(String name) {
            return variables.stream().filter(variable -> variable.name().equals(name)).findFirst();
        }
    }

    /**
     * A name resolved from inside a pod.
     *
     * @param pod       the pod it ran in
     * @param name      the name resolved
     * @param addresses the addresses it resolved to
     * @param clusterIp the Service's ClusterIP the answer should contain
     * @param tool      which tool resolved it, and which were missing
     * @param output    what the tool printed
     */
    public record Resolution(String pod, String name, List<String> addresses, String clusterIp, String tool,
            String output) {

        public boolean resolved() {
            return !addresses.isEmpty() && (clusterIp == null || addresses.contains(clusterIp));
        }
    }
}
