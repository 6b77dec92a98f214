package dev.taskflow.panel.checks;

import java.util.Optional;

/**
 * A capability that can bring a target up when a check asks for it by name and it is not registered yet, so a plan
 * does not depend on which task happened to register it first (e.g. {@code minikube}: open the port-forwards).
 */
public interface TargetProvider {

    /** The target name this provider can bring up. */
    String name();

    /**
     * Brings the target up for a plan and registers it; empty when there is nothing to bring up. Failing with the
     * capability's own exception is fine: its message says what to fix.
     */
    Optional<Target> provide(String plan);
}
