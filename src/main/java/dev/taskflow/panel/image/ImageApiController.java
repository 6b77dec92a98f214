package dev.taskflow.panel.image;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.web.EventStreams;

/** The app's images: build with live progress, report, history scan, smoke run, delivery to the cluster. */
@RestController
@RequestMapping("/api/images")
@Tag(name = "Images", description = "Build the app's images, check size, secrets, user and port, smoke-run them, and get them into the cluster")
class ImageApiController {

    private final ImageService images;

    private final ImageBuilds builds;

    private final ImageViews views;

    private final ImageDelivery delivery;

    private final PlanCatalog plans;

    private final EventStreams streams;

    ImageApiController(ImageService images, ImageBuilds builds, ImageViews views, ImageDelivery delivery,
            PlanCatalog plans, EventStreams streams) {
        this.images = images;
        this.builds = builds;
        this.views = views;
        this.delivery = delivery;
        this.plans = plans;
        this.streams = streams;
    }

    @GetMapping("/{plan}")
    @Operation(summary = "Each component's settings, image report, history scan and last build")
    List<ComponentView> components(@PathVariable String plan) {
        plans.plan(plan);
        return views.all(plan);
    }

    @GetMapping("/{plan}/{component}")
    @Operation(summary = "The built image: tags, size against its budget, layers, user, exposed ports, labels; 404 when not built")
    ImageReport report(@PathVariable String plan, @PathVariable String component) {
        plans.plan(plan);
        return images.requireReport(plan, component);
    }

    @PostMapping("/{plan}/{component}/build")
    @Operation(summary = "Start a build in the background (202); follow it at .../build/events; 409 when one runs")
    ResponseEntity<BuildStarted> build(@PathVariable String plan, @PathVariable String component) {
        plans.plan(plan);
        ImageBuilds.LiveBuild build = builds.start(plan, component);
        URI events = URI.create("/api/images/" + plan + "/" + component + "/build/events");
        return ResponseEntity.accepted().location(events).body(new BuildStarted(plan, component,
                images.component(plan, component).tags(), build.startedAt().toString(), events.toString()));
    }

    @PostMapping("/{plan}/{component}/build/cancel")
    @Operation(summary = "Stop the running build; the engine abandons it and it is recorded as cancelled")
    CancelAnswer cancel(@PathVariable String plan, @PathVariable String component) {
        plans.plan(plan);
        return new CancelAnswer(builds.cancel(plan, component));
    }

    @GetMapping("/{plan}/{component}/build")
    @Operation(summary = "The component's last build: status, cause and fix when it failed, duration, the log (masked); 404 when none")
    BuildRecord lastBuild(@PathVariable String plan, @PathVariable String component) {
        plans.plan(plan);
        return images.lastBuild(plan, component).orElseThrow(() -> new NoBuildException(component));
    }

    @GetMapping(path = "/{plan}/{component}/build/events", produces = "text/event-stream")
    @Operation(summary = "Server-sent events of the current build: 'progress' (step, total, percent, line), then 'end' with the build record; resumes after Last-Event-ID")
    SseEmitter events(@PathVariable String plan, @PathVariable String component,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        plans.plan(plan);
        ImageBuilds.LiveBuild build = builds.current(plan, component).orElseThrow(() -> new NoBuildException(component));
        EventStreams.Stream stream = streams.open();
        Runnable stop = build.follow(EventStreams.lastSeen(lastEventId),
                event -> stream.json(event.id(), "progress", event.progress()), record -> {
                    stream.json(build.lastId() + 1, EventStreams.END, record);
                    stream.complete();
                });
        stream.onClose(stop);
        return stream.emitter();
    }

    @GetMapping("/{plan}/{component}/scan")
    @Operation(summary = "History scan: layer commands, ENV and labels holding secrets, as fingerprints only")
    HistoryScan scan(@PathVariable String plan, @PathVariable String component) {
        plans.plan(plan);
        return images.scanHistory(plan, component);
    }

    @PostMapping("/{plan}/{component}/smoke")
    @Operation(summary = "Run the image with the plan's environment, GET its health path, then stop and remove it")
    SmokeResult smoke(@PathVariable String plan, @PathVariable String component) throws InterruptedException {
        plans.plan(plan);
        return images.smoke(plan, component, () -> false, line -> { });
    }

    @GetMapping("/delivery")
    @Operation(summary = "How images would reach the cluster now, chosen from the current kube context")
    DeliveryChoice delivery() {
        return new DeliveryChoice(delivery.choose(), delivery.currentContext().orElse(null));
    }

    @PostMapping("/{plan}/{component}/load")
    @Operation(summary = "Bring the image to the cluster: minikube image load, kind load docker-image, or a registry push")
    DeliveryResult load(@PathVariable String plan, @PathVariable String component) throws InterruptedException {
        plans.plan(plan);
        return delivery.deliver(plan, component, line -> { });
    }

    @ExceptionHandler({ ImageNotBuiltException.class, NoBuildException.class })
    ProblemDetail notFound(RuntimeException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler({ ImageEngineException.class, ImageBuildException.class })
    ProblemDetail engine(RuntimeException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
    }

    @ExceptionHandler(ImageDeliveryException.class)
    ProblemDetail delivery(ImageDeliveryException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
    }

    /**
     * A build that started.
     *
     * @param plan      the plan
     * @param component backend or frontend
     * @param tags      the references it will have
     * @param startedAt when it started
     * @param events    where its progress streams
     */
    record BuildStarted(String plan, String component, List<String> tags, String startedAt, String events) {
    }

    /** @param cancelled whether a running build was asked to stop */
    record CancelAnswer(boolean cancelled) {
    }

    /**
     * @param path        the way images would go
     * @param kubeContext the current kube context it was chosen from
     */
    record DeliveryChoice(DeliveryResult.Path path, String kubeContext) {
    }

    /** No build of the component since the panel started. */
    static class NoBuildException extends RuntimeException {

        NoBuildException(String component) {
            super("No build of the " + component + " image since the panel started: start one with POST .../build.");
        }
    }
}
