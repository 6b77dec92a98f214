package dev.taskflow.panel.release;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueChangesTests {

    @Test
    void changedAddedAndRemovedValuesAreListedByPathAndSecretsWithoutTheirValues() {
        Map<String, Object> before = Map.of("backend", Map.of("replicaCount", 1, "image", Map.of("tag", "1.0.0")),
                "secrets", Map.of("authSecret", "old-canary-secret"), "ingress", Map.of("enabled", true));
        Map<String, Object> after = Map.of("backend", Map.of("replicaCount", 3, "image", Map.of("tag", "1.0.0")),
                "secrets", Map.of("authSecret", "new-canary-secret", "databaseUrl", "postgresql://x"));

        List<String> changes = ValueChanges.between(before, after, List.of("secrets.authSecret"));

        assertThat(changes).containsExactly("backend.replicaCount: 1 → 3", "ingress.enabled removed",
                "secrets.authSecret changed (secret)", "secrets.databaseUrl set (secret)");
        assertThat(String.join(" ", changes)).doesNotContain("canary", "postgresql");
    }
}
