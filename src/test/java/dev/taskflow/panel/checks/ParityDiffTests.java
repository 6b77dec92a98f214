package dev.taskflow.panel.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.checks.StandInTaskFlow.Variant;
import dev.taskflow.panel.pipeline.TaskStatus;
import dev.taskflow.panel.support.SecretMasker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParityDiffTests {

    @Test
    void twoDeploymentsThatBehaveAlikeShowNoDifference() {
        try (StandInTaskFlow production = StandInTaskFlow.start(Variant.seed());
                StandInTaskFlow local = StandInTaskFlow.start(Variant.seed())) {
            ParityDiff diff = ParityDiff.of(report("production", production), report("minikube", local));

            assertThat(diff.rows()).isNotEmpty();
            assertThat(diff.differences()).as(diff.rows().toString()).isZero();
        }
    }

    @Test
    void aDeploymentThatAnswersDifferentlyIsFlaggedRequestByRequest() {
        try (StandInTaskFlow production = StandInTaskFlow.start(Variant.seed());
                StandInTaskFlow local = StandInTaskFlow.start(Variant.seed().withSignupStatus(200))) {
            ParityDiff diff = ParityDiff.of(report("production", production), report("minikube", local));

            assertThat(diff.rows()).filteredOn(row -> !row.matches()).extracting(ParityDiff.Row::check,
                    ParityDiff.Row::request, ParityDiff.Row::difference)
                    .contains(org.assertj.core.groups.Tuple.tuple("e2e-signup", "signup (new user)", "status 201 vs 200"));
        }
    }

    @Test
    void answerShapesAreComparedByKeysAndTypesNotValues() {
        Exchange left = exchange("{id: string, title: string}", 200);
        Exchange sameShape = exchange("{id: string, title: string}", 200);
        Exchange otherShape = exchange("{success: boolean, data: {id: string}}", 200);

        assertThat(ParityDiff.of(report(left), report(sameShape)).differences()).isZero();
        assertThat(ParityDiff.of(report(left), report(otherShape)).rows()).singleElement()
                .satisfies(row -> assertThat(row.difference()).isEqualTo("answer shape differs"));
    }

    @Test
    void aRequestOnlyOneSideMadeIsADifference() {
        SuiteReport left = report(exchange("{}", 200));
        SuiteReport right = new SuiteReport("r", "right", "http://b", Instant.now(), Instant.now(), List.of());

        assertThat(ParityDiff.of(left, right).rows()).singleElement()
                .satisfies(row -> assertThat(row.difference()).isEqualTo("only the reference made this request"));
    }

    private static SuiteReport report(String name, StandInTaskFlow app) {
        ChecksProperties properties = new ChecksProperties(Map.of(), "", "/token", "/user/id", "/id", "/response", 400,
                app.secret(), "http://localhost:3000", "https://foreign.example", Duration.ofSeconds(1), 2,
                Duration.ofSeconds(5));
        Target target = new Target(name, app.baseUrl(), null, "test");
        List<StepResult> steps = new EndToEndSuite(properties, new SecretMasker()).runAll(target, step -> { });
        return new SuiteReport(name, name, app.baseUrl().toString(), Instant.now(), Instant.now(), steps);
    }

    private static SuiteReport report(Exchange exchange) {
        StepResult step = new StepResult("e2e-task-persist", "read", TaskStatus.PASSED, "ok", List.of(exchange), Map.of(), 1);
        return new SuiteReport("r", "left", "http://a", Instant.now(), Instant.now(), List.of(step));
    }

    private static Exchange exchange(String shape, int status) {
        return new Exchange("read task", "GET", "http://a/api/v1/tasks/1", null, status, "application/json", "{}", 1, shape);
    }
}
