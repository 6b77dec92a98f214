package dev.taskflow.panel.logs;

/**
 * What a viewer asks to see: the log of one pod (one container, or all of them with {@code container} unset), or the
 * logs of every pod of a component, merged.
 *
 * @param plan           the plan whose app label finds a component's pods
 * @param component      the component ({@code backend} or {@code frontend}); unset when {@code pod} is set
 * @param pod            the pod; unset when {@code component} is set
 * @param container      the container, unset for the pod's default container (or each app container of a component)
 * @param follow         keep the stream open for new lines
 * @param tail           how many earlier lines to start with, per container; null for the configured default
 * @param sinceSeconds   only lines newer than this many seconds; null for no limit
 * @param previous       the log of the previous (crashed) instance of the container instead of the current one
 * @param initContainers include the init containers' logs
 */
public record LogRequest(String plan, String component, String pod, String container, boolean follow, Integer tail,
        Integer sinceSeconds, boolean previous, boolean initContainers) {

    public static LogRequest ofPod(String pod, String container, boolean follow, Integer tail, Integer sinceSeconds,
            boolean previous, boolean initContainers) {
        return new LogRequest(null, null, pod, container, follow, tail, sinceSeconds, previous, initContainers);
    }

    public static LogRequest ofComponent(String plan, String component, String container, boolean follow,
            Integer tail, Integer sinceSeconds, boolean previous, boolean initContainers) {
        return new LogRequest(plan, component, null, container, follow, tail, sinceSeconds, previous, initContainers);
    }

    /** A previous instance's log is complete, so it is never followed. */
    boolean following() {
        return follow && !previous;
    }

    String describe() {
        return pod != null ? "pod " + pod : "component " + component;
    }
}
