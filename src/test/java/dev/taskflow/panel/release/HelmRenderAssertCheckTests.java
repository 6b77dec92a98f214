package dev.taskflow.panel.release;

import java.util.Map;

import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.pipeline.Task;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.pipeline.TaskStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every helm-render-assert task of the three plans, run on the shipped chart with that plan's values. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "panel.secrets.file=target/no-secrets-here.env")
class HelmRenderAssertCheckTests {

    @Autowired
    HelmRenderAssertCheck check;

    @Autowired
    PlanCatalog catalog;

    @Test
    void everyRenderAssertionOfEveryPlanHoldsForTheShippedChart() throws Exception {
        int checked = 0;
        for (Plan plan : catalog.plans()) {
            for (Task task : plan.tasks().filter(task -> "helm-render-assert".equals(task.satisfiedBy().check()))
                    .toList()) {
                TaskOutcome outcome = check.run(context(plan, task, task.satisfiedBy().parameters()));
                assertThat(outcome.status()).as(plan.id() + " " + task.id() + ": " + outcome.summary())
                        .isEqualTo(TaskStatus.PASSED);
                checked++;
            }
        }
        assertThat(checked).as("helm-render-assert tasks across the three plans").isEqualTo(27);
    }

    @Test
    void anAssertionTheChartDoesNotMeetFailsSayingWhatWasFound() throws Exception {
        Plan taskflow = catalog.plan("taskflow");
        Task any = taskflow.task("T033").orElseThrow();

        TaskOutcome outcome = check.run(context(taskflow, any, Map.of("assert", "service", "component", "frontend",
                "type", "ClusterIP", "port", "3000")));

        assertThat(outcome.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome.summary()).isEqualTo("Service/taskflow-frontend-service type is 'NodePort', expected "
                + "'ClusterIP'.");
    }

    @Test
    void anUnknownAssertionListsTheKnownOnes() {
        Plan taskflow = catalog.plan("taskflow");
        Task any = taskflow.task("T033").orElseThrow();

        assertThatThrownBy(() -> check.run(context(taskflow, any, Map.of("assert", "pod-count"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Unknown helm-render-assert 'pod-count'")
                .hasMessageContaining("rolling-update");
    }

    private static CheckContext context(Plan plan, Task task, Map<String, String> parameters) {
        return new CheckContext(plan, task, parameters, line -> { }, () -> false);
    }

}
