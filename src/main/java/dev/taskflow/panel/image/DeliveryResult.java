package dev.taskflow.panel.image;

import java.util.List;

/**
 * How an image reached the cluster.
 *
 * @param reference  the image delivered
 * @param path       the way chosen
 * @param kubeContext the kube context it was chosen from
 * @param command    what was run, as typed ({@code minikube image load …}, {@code docker push …})
 * @param summary    one line for people: the way, and why
 * @param durationMs how long it took
 * @param output     what the command printed (masked)
 */
public record DeliveryResult(String reference, Path path, String kubeContext, String command, String summary,
        long durationMs, List<String> output) {

    public DeliveryResult {
        output = List.copyOf(output);
    }

    /** The ways an image can reach a cluster. */
    public enum Path {
        MINIKUBE_LOAD("minikube image load"), MINIKUBE_DOCKER_ENV("build on Minikube's Docker engine"),
        KIND_LOAD("kind load docker-image"), REGISTRY_PUSH("push to the configured registry");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        /** How the page names the path. */
        public String label() {
            return label;
        }
    }
}
