package dev.taskflow.panel.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The seed plans the panel knows, read once from {@code plans/*.yaml} on the classpath and checked for sense. */
@Component
public class PlanCatalog {

    /** The plan shown when a person has not chosen one. */
    public static final String DEFAULT_PLAN = "taskflow";

    private final Map<String, Plan> plans;

    public PlanCatalog() {
        this("classpath*:plans/*.yaml");
    }

    PlanCatalog(String locationPattern) {
        this.plans = load(locationPattern);
    }

    public List<Plan> plans() {
        return List.copyOf(plans.values());
    }

    public Plan plan(String planId) {
        Plan plan = plans.get(planId);
        if (plan == null) {
            throw new PlanElementNotFoundException("plan", planId, List.copyOf(plans.keySet()));
        }
        return plan;
    }

    public Phase phase(String planId, String phaseId) {
        Plan plan = plan(planId);
        return plan.phase(phaseId).orElseThrow(() -> new PlanElementNotFoundException("phase", phaseId, plan));
    }

    public Task task(String planId, String taskId) {
        Plan plan = plan(planId);
        return plan.task(taskId).orElseThrow(() -> new PlanElementNotFoundException("task", taskId, plan));
    }

    private static Map<String, Plan> load(String locationPattern) {
        YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        List<Plan> loaded = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(locationPattern)) {
                try (InputStream in = resource.getInputStream()) {
                    Plan plan = readable(yaml.readValue(in, Plan.class));
                    verify(plan, resource.getFilename());
                    loaded.add(plan);
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read the seed plans at " + locationPattern + ": " + ex.getMessage(), ex);
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("No seed plan found at " + locationPattern);
        }
        // The default plan first, then by name, so every list reads the same way.
        loaded.sort(Comparator.comparing((Plan plan) -> !plan.id().equals(DEFAULT_PLAN)).thenComparing(Plan::id));
        Map<String, Plan> byId = new LinkedHashMap<>();
        loaded.forEach(plan -> byId.put(plan.id(), plan));
        return byId;
    }

    /** Seed headings carry stray private-use glyphs (a lost emoji); titles drop them, task texts stay exact. */
    private static Plan readable(Plan plan) {
        List<Phase> phases = plan.phases().stream().map(phase -> new Phase(phase.id(),
                phase.title().replaceAll("\\p{Co}", "").replaceAll("\\s{2,}", " ").strip(), phase.purpose(), phase.goal(),
                phase.independentTest(), phase.checkpoint(), phase.failureCondition(), phase.milestones(), phase.tasks()))
                .toList();
        return new Plan(plan.id(), plan.title(), plan.seed(), plan.summary(), phases);
    }

    /** Catches a broken plan file at start-up instead of in front of a user. */
    static void verify(Plan plan, String file) {
        Set<String> phaseIds = new HashSet<>();
        Set<String> taskIds = new HashSet<>();
        for (Phase phase : plan.phases()) {
            require(phaseIds.add(phase.id()), file, "phase " + phase.id() + " appears twice");
            for (Task task : phase.tasks()) {
                require(taskIds.add(task.id()), file, "task " + task.id() + " appears twice");
                require(task.satisfiedBy() != null && task.satisfiedBy().kind() != null, file,
                        "task " + task.id() + " says nothing of how it is satisfied");
                Task.SatisfiedBy by = task.satisfiedBy();
                switch (by.kind()) {
                    case AUTOMATED -> require(by.check() != null, file, "automated task " + task.id() + " names no check");
                    case MANUAL -> require(by.guidance() != null, file, "manual task " + task.id() + " gives no guidance");
                    case ARTIFACT -> require(by.path() != null, file, "artifact task " + task.id() + " names no path");
                }
            }
        }
    }

    private static void require(boolean condition, String file, String problem) {
        if (!condition) {
            throw new IllegalStateException("Seed plan " + file + " is broken: " + problem);
        }
    }
}
