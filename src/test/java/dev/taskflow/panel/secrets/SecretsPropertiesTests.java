package dev.taskflow.panel.secrets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SecretsPropertiesTests {

    @Test
    void withNothingSetTheFileIsInTheWorkingFolderAndTheAppBesideIt() {
        SecretsProperties properties = new SecretsProperties(null, null, Duration.ofSeconds(5), null, null, List.of(),
                null);

        Path workingDir = Path.of(System.getProperty("user.dir"));
        assertThat(properties.file()).isEqualTo(workingDir.resolve("secrets.env"));
        assertThat(properties.appRoot()).isEqualTo(workingDir.resolve("../app").normalize());
        assertThat(properties.minimumLengths()).containsOnly(entry("BETTER_AUTH_SECRET", 32), entry("JWT_SECRET", 32));
        assertThat(properties.keysFor("taskflow")).containsExactly("DATABASE_URL", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL",
                "ANTHROPIC_API_KEY", "CORS_ORIGINS");
    }

    @Test
    void aConfiguredPlanReplacesItsSeedKeysAndTheOthersKeepTheirs() {
        SecretsProperties properties = new SecretsProperties(null, null, Duration.ofSeconds(5),
                Map.of("taskflow", List.of("DATABASE_URL", "OPENAI_API_KEY"), "my-plan", List.of("TOKEN")),
                Map.of("BETTER_AUTH_SECRET", 48), List.of(), null);

        assertThat(properties.keysFor("taskflow")).containsExactly("DATABASE_URL", "OPENAI_API_KEY");
        assertThat(properties.keysFor("my-plan")).containsExactly("TOKEN");
        assertThat(properties.keysFor("todo-app")).containsExactly("DATABASE_URL", "OPENAI_API_KEY", "BETTER_AUTH_SECRET");
        assertThat(properties.minimumLengths()).containsEntry("BETTER_AUTH_SECRET", 48).containsEntry("JWT_SECRET", 32);
    }

    @Test
    void aPlanWithoutKeysIsNotFoundNamingThoseThatHaveSome() {
        SecretsProperties properties = new SecretsProperties(null, null, Duration.ofSeconds(5), null, null, List.of(),
                null);

        assertThatThrownBy(() -> properties.keysFor("demo"))
                .isInstanceOf(PlanElementNotFoundException.class)
                .hasMessage("Unknown plan 'demo'. Known plans: habit-tracker, taskflow, todo-app.");
    }
}
