package dev.taskflow.panel.checks;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiMapTests {

    @Test
    void theSeedMapNamesEveryOperationOfTheSeedContract() {
        ApiMap seed = ApiMap.seed().validated();

        assertThat(seed.operations().keySet()).containsExactlyElementsOf(ApiMap.OPERATIONS);
        assertThat(seed.operation("complete")).isEqualTo(new ApiOperation("PATCH", "/api/v1/tasks/{task_id}/complete", null));
        assertThat(seed.tokenPointer()).isEqualTo("/token");
        assertThat(seed.validationStatus()).isEqualTo(400);
    }

    @Test
    void configurationOverridesOnlyWhatItNames() {
        ApiMap map = properties(Map.of("complete", new ApiOperation(null, "/api/v1/tasks/{task_id}/toggle", null),
                "update", new ApiOperation("PATCH", null, ""))).effectiveMap();

        assertThat(map.operation("complete")).isEqualTo(new ApiOperation("PATCH", "/api/v1/tasks/{task_id}/toggle", null));
        assertThat(map.operation("update")).isEqualTo(new ApiOperation("PATCH", "/api/v1/tasks/{task_id}", null));
        assertThat(map.operation("list")).isEqualTo(ApiMap.seed().operation("list"));
    }

    @Test
    void anOverrideOfAnOperationTheSuiteDoesNotCallIsRefused() {
        assertThatThrownBy(() -> properties(Map.of("logout", ApiOperation.of("POST", "/logout"))).effectiveMap())
                .isInstanceOf(InvalidApiMapException.class)
                .hasMessageContaining("panel.checks.api-map.logout is not an operation the suite calls");
    }

    @Test
    void aBodyPlaceholderTheSuiteCannotFillIsNamed() {
        assertThatThrownBy(() -> properties(Map.of("create",
                new ApiOperation(null, null, "{\"title\":\"{title}\",\"due\":\"{due_date}\"}"))).effectiveMap())
                .hasMessageStartingWith("API map entry 'create' uses {due_date}");
    }

    private static ChecksProperties properties(Map<String, ApiOperation> overrides) {
        return new ChecksProperties(overrides, "", "/token", "/user/id", "/id", "/response", 400, null,
                "http://localhost:3000", "https://foreign.example", Duration.ofMillis(100), 5, Duration.ofSeconds(5));
    }
}
