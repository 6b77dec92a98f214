package dev.taskflow.panel.compose;

import java.util.Optional;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetProvider;
import org.springframework.stereotype.Component;

/**
 * Finds target {@code compose} when a check asks for it and it is not registered: a stack brought up before the
 * panel started (or outside it) counts once every service is healthy. It never starts the stack by itself.
 */
@Component
class ComposeTargetProvider implements TargetProvider {

    private final ComposeStack stack;

    ComposeTargetProvider(ComposeStack stack) {
        this.stack = stack;
    }

    @Override
    public String name() {
        return ComposeStack.TARGET;
    }

    @Override
    public Optional<Target> provide(String plan) {
        if (!stack.status().targetRegistered()) {
            return Optional.empty();
        }
        ComposeProperties properties = stack.properties();
        return Optional.of(new Target(ComposeStack.TARGET, properties.backendUrl(), properties.frontendUrl(),
                "compose"));
    }
}
