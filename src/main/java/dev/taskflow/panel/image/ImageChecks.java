package dev.taskflow.panel.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.support.ToolsProperties;

/** The image checks the plans name: build, size, history scan, non-root, smoke run and load, one bean per id. */
@Configuration(proxyBeanMethods = false)
class ImageChecks {

    private final ImageService images;

    private final ImageDelivery delivery;

    private final int evidenceLines;

    ImageChecks(ImageService images, ImageDelivery delivery, ToolsProperties tools) {
        this.images = images;
        this.delivery = delivery;
        this.evidenceLines = tools.evidenceLines();
    }

    @Bean
    Check imageBuildCheck() {
        return new ImageCheck("image-build", this::build);
    }

    @Bean
    Check imageSizeCheck() {
        return new ImageCheck("image-size", this::size);
    }

    @Bean
    Check imageHistoryScanCheck() {
        return new ImageCheck("image-history-scan", this::historyScan);
    }

    @Bean
    Check imageNonRootCheck() {
        return new ImageCheck("image-non-root", this::nonRoot);
    }

    @Bean
    Check imageSmokeCheck() {
        return new ImageCheck("image-smoke", this::smoke);
    }

    @Bean
    Check imageLoadCheck() {
        return new ImageCheck("image-load", this::load);
    }

    TaskOutcome build(CheckContext context) {
        String component = context.parameter("component", "backend");
        try {
            BuiltImage built = images.build(context.plan().id(), component, progress -> context.report(progress.line()),
                    context::isCancelled);
            return TaskOutcome.passed("Built " + String.join(" and ", built.tags()) + " in "
                    + seconds(built.duration().toMillis()) + " (" + built.cached() + " of " + built.steps()
                    + " steps from cache).", buildEvidence(context.plan().id(), component, built.log()),
                    Evidence.measurement("Image built", Map.of("image id", built.imageId(), "tags",
                            String.join(", ", built.tags()), "duration ms", String.valueOf(built.duration().toMillis()),
                            "steps", String.valueOf(built.steps()), "cached steps", String.valueOf(built.cached()))));
        }
        catch (ImageBuildException ex) {
            return TaskOutcome.failed(ex.getMessage(), buildEvidence(context.plan().id(), component, ex.log()));
        }
    }

    TaskOutcome size(CheckContext context) {
        String component = context.parameter("component", "backend");
        ImageReport report;
        try {
            report = ensureBuilt(context, component);
        }
        catch (ImageBuildException ex) {
            return TaskOutcome.failed(ex.getMessage(), buildEvidence(context.plan().id(), component, ex.log()));
        }
        int budget = budget(context, report);
        ImageReport measured = new ImageReport(report.plan(), report.component(), report.reference(), report.imageId(),
                report.tags(), report.sizeBytes(), budget, report.created(), report.user(), report.exposedPorts(),
                report.expectedPort(), report.labels(), report.layers());
        Evidence evidence = Evidence.measurement("Image size of " + report.reference(), Map.of("size MB",
                String.format("%.1f", measured.sizeMb()), "budget MB", String.valueOf(budget), "layers",
                String.valueOf(report.layers().size()), "largest layer", largestLayer(report)));
        String line = report.reference() + " is " + String.format("%.1f", measured.sizeMb()) + " MB against a budget of "
                + budget + " MB";
        return measured.withinBudget() ? TaskOutcome.passed(line + ".", evidence, layersEvidence(report))
                : TaskOutcome.failed(line + ": shrink it (multi-stage build, a slimmer base, fewer build leftovers; "
                        + "the largest layer is " + largestLayer(report) + ").", evidence, layersEvidence(report));
    }

    TaskOutcome historyScan(CheckContext context) {
        List<String> components = context.parameters().containsKey("component")
                ? List.of(context.parameter("component", "backend")) : ImageService.COMPONENTS;
        List<Evidence> evidence = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (String component : components) {
            try {
                ensureBuilt(context, component);
            }
            catch (ImageBuildException ex) {
                return TaskOutcome.failed(ex.getMessage(), buildEvidence(context.plan().id(), component, ex.log()));
            }
            HistoryScan scan = images.scanHistory(context.plan().id(), component);
            context.report("Scanned " + scan.layers() + " layers, ENV and labels of " + scan.reference() + ": "
                    + scan.findings().size() + " finding(s)");
            Map<String, String> values = new LinkedHashMap<>();
            values.put("layers", String.valueOf(scan.layers()));
            values.put("findings", String.valueOf(scan.findings().size()));
            for (HistoryScan.Finding finding : scan.findings()) {
                values.put(finding.where() + " " + finding.key(), finding.fingerprint() + " (" + finding.length()
                        + " chars)");
                leaks.add(scan.reference() + " " + finding.where() + " holds " + finding.key() + " ("
                        + finding.fingerprint() + ")");
            }
            evidence.add(Evidence.measurement("History scan of " + scan.reference(), values));
        }
        return leaks.isEmpty() ? TaskOutcome.of(true, "No secret in the layers, ENV or labels of "
                + String.join(" and ", components) + " image(s).", evidence)
                : TaskOutcome.of(false, "Secrets are baked into the image: " + String.join("; ", leaks) + ". Remove "
                        + "them from the Dockerfile (ENV, ARG, RUN) and pass them at run time (Kubernetes Secret), "
                        + "rebuild, and rotate the leaked values.", evidence);
    }

    TaskOutcome nonRoot(CheckContext context) {
        String component = context.parameter("component", "backend");
        ImageReport report;
        try {
            report = ensureBuilt(context, component);
        }
        catch (ImageBuildException ex) {
            return TaskOutcome.failed(ex.getMessage(), buildEvidence(context.plan().id(), component, ex.log()));
        }
        Evidence evidence = Evidence.measurement("User of " + report.reference(), Map.of("user",
                report.user().isBlank() ? "(not set: root)" : report.user()));
        return report.nonRoot() ? TaskOutcome.passed(report.reference() + " runs as " + report.user() + ".", evidence)
                : TaskOutcome.failed(report.reference() + " runs as root" + (report.user().isBlank() ? " (no USER)" : "")
                        + ": add a USER line with a non-root uid to the Dockerfile's last stage and rebuild.", evidence);
    }

    TaskOutcome smoke(CheckContext context) throws InterruptedException {
        String component = context.parameter("component", "backend");
        ImageReport report;
        try {
            report = ensureBuilt(context, component);
        }
        catch (ImageBuildException ex) {
            return TaskOutcome.failed(ex.getMessage(), buildEvidence(context.plan().id(), component, ex.log()));
        }
        Evidence expose = Evidence.measurement("EXPOSE of " + report.reference(), Map.of("exposed",
                String.join(", ", report.exposedPorts()), "chart port", String.valueOf(report.expectedPort())));
        SmokeResult result = images.smoke(context.plan().id(), component, context::isCancelled, context::report);
        Evidence http = new Evidence(Evidence.Kind.HTTP, "GET " + result.url(), result.body(), Map.of("status",
                String.valueOf(result.status()), "duration ms", String.valueOf(result.durationMs())));
        Evidence logs = Evidence.note("Container log (last lines)", String.join("\n", result.logs()));
        if (!report.exposeMatches()) {
            return TaskOutcome.failed(report.reference() + " exposes " + report.exposedPorts() + " but the chart sends "
                    + "traffic to " + report.expectedPort() + ": make EXPOSE and the chart's port agree.", expose, http,
                    logs);
        }
        return result.passed() ? TaskOutcome.passed(report.reference() + " answered GET " + result.url() + " with "
                + result.status() + " after " + seconds(result.durationMs()) + "; the container was removed.", expose,
                http, logs)
                : TaskOutcome.failed(report.reference() + " did not answer " + result.url() + ": " + result.problem()
                        + ". Read the container's log below (a missing environment variable is the usual cause).",
                        expose, http, logs);
    }

    TaskOutcome load(CheckContext context) throws InterruptedException {
        String component = context.parameter("component", "backend");
        try {
            DeliveryResult result = delivery.deliver(context.plan().id(), component, context::report);
            return TaskOutcome.passed(result.summary(), Evidence.command(result.command(),
                    String.join("\n", result.output())), Evidence.measurement("Delivery", Map.of("path",
                            result.path().name(), "kube context", result.kubeContext(), "duration ms",
                            String.valueOf(result.durationMs()))));
        }
        catch (ImageNotBuiltException | ImageDeliveryException | ImageEngineException
                | dev.taskflow.panel.support.ToolNotFoundException ex) {
            return TaskOutcome.failed(ex.getMessage());
        }
    }

    /** The component's image, built first when the engine does not have it yet. */
    private ImageReport ensureBuilt(CheckContext context, String component) {
        Optional<ImageReport> report = images.report(context.plan().id(), component);
        if (report.isPresent()) {
            return report.get();
        }
        context.report("The engine has no " + images.component(context.plan().id(), component).reference()
                + ": building it first");
        images.build(context.plan().id(), component, progress -> context.report(progress.line()), context::isCancelled);
        return images.requireReport(context.plan().id(), component);
    }

    private static int budget(CheckContext context, ImageReport report) {
        try {
            return Integer.parseInt(context.parameter("maxMb", String.valueOf(report.budgetMb())).strip());
        }
        catch (NumberFormatException ex) {
            return report.budgetMb();
        }
    }

    private Evidence buildEvidence(String planId, String component, List<String> log) {
        ComponentImage image = images.component(planId, component);
        StringBuilder command = new StringBuilder("docker build -f " + image.dockerfile());
        image.tags().forEach(tag -> command.append(" -t ").append(tag));
        image.buildArgs().keySet().forEach(name -> command.append(" --build-arg ").append(name));
        command.append(' ').append(image.context());
        return Evidence.command(command.toString(), trimmed(log));
    }

    private static Evidence layersEvidence(ImageReport report) {
        StringBuilder body = new StringBuilder();
        for (Layer layer : report.layers()) {
            body.append(String.format("%9.1f MB  %s%n", layer.sizeBytes() / 1_000_000.0,
                    layer.createdBy().length() > 120 ? layer.createdBy().substring(0, 120) + "…" : layer.createdBy()));
        }
        return Evidence.note("Layers of " + report.reference() + " (newest first)", body.toString().stripTrailing());
    }

    private static String largestLayer(ImageReport report) {
        return report.layers().stream().max(java.util.Comparator.comparingLong(Layer::sizeBytes))
                .map(layer -> String.format("%.1f MB", layer.sizeBytes() / 1_000_000.0)).orElse("none");
    }

    private String trimmed(List<String> log) {
        if (log.size() <= evidenceLines) {
            return String.join("\n", log);
        }
        int head = evidenceLines / 2;
        return String.join("\n", log.subList(0, head)) + "\n… " + (log.size() - evidenceLines) + " lines left out …\n"
                + String.join("\n", log.subList(log.size() - (evidenceLines - head), log.size()));
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    /** A check whose work is one of the methods above. */
    record ImageCheck(String id, Body body) implements Check {

        @Override
        public TaskOutcome run(CheckContext context) throws Exception {
            return body.run(context);
        }
    }

    /** What a check does. */
    @FunctionalInterface
    interface Body {
        TaskOutcome run(CheckContext context) throws Exception;
    }
}
