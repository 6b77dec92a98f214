package dev.taskflow.panel.pipeline;

import java.util.Map;

/**
 * One task of a seed plan.
 *
 * @param id          {@code T001} …
 * @param parallel    the seed's {@code [P]}: may run at the same time as its [P] neighbours
 * @param story       the user story it serves ({@code US1} …), if any
 * @param section     the seed's sub-heading it sits under, if any
 * @param description the seed's text, exactly
 * @param satisfiedBy how the panel satisfies it
 */
public record Task(String id, boolean parallel, String story, String section, String description,
        SatisfiedBy satisfiedBy) {

    /** How a task is satisfied: a check the panel runs, a person's word, or a file the repository ships. */
    public enum Kind {
        AUTOMATED, MANUAL, ARTIFACT;

        @com.fasterxml.jackson.annotation.JsonCreator
        static Kind parse(String value) {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param kind       automated, manual or artifact
     * @param check      the check id that does the work (automated; optional for artifacts)
     * @param parameters what the check needs
     * @param guidance   what a person does (manual) or an extra hint
     * @param path       the file in this repository (artifact)
     */
    public record SatisfiedBy(Kind kind, String check, Map<String, String> parameters, String guidance, String path) {

        public SatisfiedBy {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }
}
