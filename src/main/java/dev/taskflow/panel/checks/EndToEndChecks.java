package dev.taskflow.panel.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The end-to-end checks as plan checks: one per suite check id ({@code e2e-…}) plus {@code parity}. Parameter
 * {@code target} names the deployment (default {@code minikube}); {@code parity} takes {@code left} and {@code right}.
 */
@Configuration(proxyBeanMethods = false)
class EndToEndChecks {

    /** Registers one check bean per suite check, so plans reach each by its id. */
    @Bean
    static BeanDefinitionRegistryPostProcessor endToEndCheckBeans() {
        return registry -> {
            for (String id : EndToEndSuite.CHECKS.keySet()) {
                BeanDefinition definition = BeanDefinitionBuilder.genericBeanDefinition(SuiteCheck.class)
                        .addConstructorArgValue(id).getBeanDefinition();
                ((BeanDefinitionRegistry) registry).registerBeanDefinition("check-" + id, definition);
            }
        };
    }

    @Bean
    Check parityCheck(SuiteRuns runs, TargetRegistry targets) {
        return new Check() {
            @Override
            public String id() {
                return "parity";
            }

            @Override
            public TaskOutcome run(CheckContext context) {
                Target left;
                Target right;
                try {
                    left = targets.resolve(context.parameter("left", "production"), context.plan().id());
                    right = targets.resolve(context.parameter("right", "minikube"), context.plan().id());
                }
                catch (UnknownTargetException ex) {
                    return TaskOutcome.failed(ex.getMessage());
                }
                context.report("Running the suite against " + left.name() + " and " + right.name());
                ParityDiff diff = runs.parity(left, right);
                List<Evidence> evidence = new ArrayList<>();
                StringBuilder rows = new StringBuilder();
                diff.rows().stream().filter(row -> !row.matches()).forEach(row -> rows.append(row.check()).append(" / ")
                        .append(row.request()).append(": ").append(row.difference()).append('\n'));
                evidence.add(new Evidence(Evidence.Kind.MEASUREMENT, left.name() + " vs " + right.name(),
                        rows.isEmpty() ? null : rows.toString(), Map.of("requests", String.valueOf(diff.rows().size()),
                                "differences", String.valueOf(diff.differences()), "leftReport", diff.left().id(),
                                "rightReport", diff.right().id())));
                if (diff.differences() > 0) {
                    return new TaskOutcome(dev.taskflow.panel.pipeline.TaskStatus.FAILED, diff.differences()
                            + " of " + diff.rows().size() + " requests differ between " + left.name() + " and "
                            + right.name() + "; production defines correct behaviour: see the Parity page.", evidence);
                }
                return new TaskOutcome(dev.taskflow.panel.pipeline.TaskStatus.PASSED, "All " + diff.rows().size()
                        + " requests answer alike on " + left.name() + " and " + right.name(), evidence);
            }
        };
    }

    /** One suite check run on its own against the task's target. */
    static final class SuiteCheck implements Check {

        private final String id;

        private EndToEndSuite suite;

        private TargetRegistry targets;

        SuiteCheck(String id) {
            this.id = id;
        }

        @org.springframework.beans.factory.annotation.Autowired
        void use(EndToEndSuite suite, TargetRegistry targets) {
            this.suite = suite;
            this.targets = targets;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public TaskOutcome run(CheckContext context) {
            Target target;
            try {
                target = targets.resolve(context.parameter("target", "minikube"), context.plan().id());
            }
            catch (UnknownTargetException ex) {
                return TaskOutcome.failed(ex.getMessage());
            }
            StepResult result = suite.runOne(id, target);
            return new TaskOutcome(result.status(), "[" + target.name() + "] " + result.summary(), evidence(result));
        }
    }

    static List<Evidence> evidence(StepResult result) {
        List<Evidence> evidence = new ArrayList<>();
        for (Exchange exchange : result.exchanges()) {
            StringBuilder body = new StringBuilder();
            if (exchange.requestBody() != null) {
                body.append("request: ").append(exchange.requestBody()).append('\n');
            }
            body.append("response: ").append(exchange.responseBody() == null ? "(empty)" : exchange.responseBody());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("status", String.valueOf(exchange.status()));
            values.put("ms", String.valueOf(exchange.durationMs()));
            evidence.add(new Evidence(Evidence.Kind.HTTP, exchange.label() + ": " + exchange.line(), body.toString(),
                    values));
        }
        if (!result.values().isEmpty()) {
            evidence.add(Evidence.measurement(result.title(), result.values()));
        }
        return evidence;
    }
}
