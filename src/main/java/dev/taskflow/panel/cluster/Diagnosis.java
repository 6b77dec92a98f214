package dev.taskflow.panel.cluster;

import java.util.List;

/**
 * Why a pod is not Ready, in plain words.
 *
 * @param pod       the pod
 * @param container the container at fault, if one is
 * @param problem   what kind of trouble: crash-loop, image-not-loaded, oom-killed, probe-failing, unschedulable,
 *                  init-stuck, config-error, starting or ready
 * @param headline  one sentence saying what is wrong and what to do
 * @param exitCode  the container's last exit code, when it exited
 * @param evidence  what the diagnosis rests on: Event messages and the container's last log lines (masked)
 */
public record Diagnosis(String pod, String container, String problem, String headline, Integer exitCode,
        List<String> evidence) {

    public Diagnosis {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** Waiting longer will not help: the pod needs a change first. */
    public boolean isHopeless() {
        return switch (problem) {
            case "crash-loop", "image-not-loaded", "oom-killed", "config-error" -> true;
            default -> false;
        };
    }
}
