package dev.taskflow.panel.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCatalogTests {

    /** A task line of a seed: {@code - [ ] T001 [P] [US1] text}. */
    private static final Pattern SEED_TASK = Pattern.compile("^- \\[[ xX]\\] (T\\d{3})((?: \\[P\\])?)((?: \\[US\\d+\\])?) (.*)$");

    private final PlanCatalog catalog = new PlanCatalog();

    @Test
    void listsTheThreeSeedPlansWithTaskFlowFirst() {
        assertThat(catalog.plans()).extracting(Plan::id).containsExactly("taskflow", "habit-tracker", "todo-app");
    }

    @ParameterizedTest
    @CsvSource({ "taskflow, 72, phase-0, phase-6, 7", "todo-app, 114, exec-1, exec-10, 10",
            "habit-tracker, 50, phase-1, phase-6, 6" })
    void eachPlanHasExactlyTheSeedsTasksWithContiguousIds(String planId, int tasks, String firstPhase, String lastPhase,
            int phases) {
        Plan plan = catalog.plan(planId);
        assertThat(plan.taskCount()).isEqualTo(tasks);
        assertThat(plan.tasks().map(Task::id).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, tasks).mapToObj(n -> String.format("T%03d", n)).toList());
        assertThat(plan.phases()).hasSize(phases);
        assertThat(plan.phases().getFirst().id()).isEqualTo(firstPhase);
        assertThat(plan.phases().getLast().id()).isEqualTo(lastPhase);
    }

    @ParameterizedTest
    @CsvSource({ "taskflow, taskflow-phase4-tasks.md", "todo-app, todo-app-phase4-tasks.md",
            "habit-tracker, habit-tracker-phase4-tasks.md" })
    void everyTaskSaysExactlyWhatItsSeedSays(String planId, String seedFile) throws IOException {
        List<Task> seed = seedTasks(seedFile);
        List<Task> plan = catalog.plan(planId).tasks().toList();
        assertThat(plan).hasSameSizeAs(seed);
        for (int i = 0; i < seed.size(); i++) {
            Task expected = seed.get(i);
            Task actual = plan.get(i);
            assertThat(actual.id()).isEqualTo(expected.id());
            assertThat(actual.description()).as(expected.id()).isEqualTo(expected.description());
            assertThat(actual.parallel()).as(expected.id() + " [P]").isEqualTo(expected.parallel());
            assertThat(actual.story()).as(expected.id() + " story").isEqualTo(expected.story());
        }
    }

    @ParameterizedTest
    @CsvSource({ "taskflow", "todo-app", "habit-tracker" })
    void everyPhaseHasATitleAndEveryTaskSaysHowItIsSatisfied(String planId) {
        Plan plan = catalog.plan(planId);
        assertThat(plan.phases()).allSatisfy(phase -> {
            assertThat(phase.title()).isNotBlank().doesNotContainPattern("\\p{Co}");
            assertThat(phase.tasks()).isNotEmpty();
        });
        assertThat(plan.tasks().toList()).allSatisfy(task -> {
            Task.SatisfiedBy by = task.satisfiedBy();
            switch (by.kind()) {
                case AUTOMATED -> assertThat(by.check()).as(task.id()).matches("[a-z0-9-]+");
                case MANUAL -> assertThat(by.guidance()).as(task.id()).isNotBlank();
                case ARTIFACT -> assertThat(by.path()).as(task.id()).isNotBlank().doesNotStartWith("/");
            }
        });
    }

    @Test
    void taskFlowKeepsTheSeedsFailureConditionAndMidPhaseCheckpoints() {
        Plan plan = catalog.plan("taskflow");
        assertThat(plan.phase("phase-0").orElseThrow().failureCondition()).contains("STOP");
        assertThat(plan.phase("phase-3").orElseThrow().milestones()).extracting(Phase.Milestone::after)
                .containsExactly("T043", "T047");
        assertThat(plan.phaseOf("T011").id()).isEqualTo("phase-1");
    }

    @Test
    void anUnknownPlanIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> catalog.plan("nope")).isInstanceOf(PlanElementNotFoundException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("taskflow, habit-tracker, todo-app");
        assertThatThrownBy(() -> catalog.phase("taskflow", "phase-9")).hasMessageContaining("phase-0, phase-1");
        assertThatThrownBy(() -> catalog.task("taskflow", "T999")).hasMessageContaining("T001 … T072");
    }

    private static List<Task> seedTasks(String seedFile) throws IOException {
        List<Task> tasks = new ArrayList<>();
        try (InputStream in = PlanCatalogTests.class.getResourceAsStream("/seeds/" + seedFile)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher matcher = SEED_TASK.matcher(line.stripTrailing());
                if (matcher.matches()) {
                    String story = matcher.group(3).isEmpty() ? null : matcher.group(3).strip().replaceAll("[\\[\\]]", "");
                    tasks.add(new Task(matcher.group(1), !matcher.group(2).isEmpty(), story, null, matcher.group(4), null));
                }
            }
        }
        return tasks;
    }
}
