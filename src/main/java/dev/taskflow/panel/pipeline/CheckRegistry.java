package dev.taskflow.panel.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** Every check the panel has, by id. A later capability adds a check by declaring a {@link Check} bean. */
@Component
public class CheckRegistry {

    private final Map<String, Check> checks = new TreeMap<>();

    public CheckRegistry(List<Check> checks) {
        for (Check check : checks) {
            Check previous = this.checks.putIfAbsent(check.id(), check);
            if (previous != null) {
                throw new IllegalStateException("Two checks claim the id '" + check.id() + "': "
                        + previous.getClass().getName() + " and " + check.getClass().getName());
            }
        }
    }

    public Optional<Check> find(String id) {
        return Optional.ofNullable(id).map(checks::get);
    }

    public boolean has(String id) {
        return id != null && checks.containsKey(id);
    }

    public List<String> ids() {
        return List.copyOf(checks.keySet());
    }
}
