package dev.taskflow.panel.pipeline;

import java.util.List;

/** A plan, phase, task or run named in a request does not exist; the message lists what does. */
public class PlanElementNotFoundException extends RuntimeException {

    public PlanElementNotFoundException(String kind, String id, Plan plan) {
        super(message(kind, id, plan));
    }

    public PlanElementNotFoundException(String kind, String id, List<String> known) {
        super("Unknown " + kind + " '" + id + "'. Known " + kind + "s: " + String.join(", ", known) + ".");
    }

    private static String message(String kind, String id, Plan plan) {
        String known = switch (kind) {
            case "phase" -> String.join(", ", plan.phases().stream().map(Phase::id).toList());
            case "task" -> plan.tasks().findFirst().map(Task::id).orElse("") + " … "
                    + plan.tasks().reduce((first, second) -> second).map(Task::id).orElse("");
            default -> "";
        };
        return "Unknown " + kind + " '" + id + "' in plan '" + plan.id() + "'. Known " + kind + "s: " + known + ".";
    }
}
