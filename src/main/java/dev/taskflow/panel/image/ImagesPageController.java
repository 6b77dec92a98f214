package dev.taskflow.panel.image;

import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.web.EventStreams;
import dev.taskflow.panel.web.FragmentRenderer;

/**
 * The Images page: one card per component with its last build, tags, size bar, layers and scan; Build starts a build
 * whose progress bar and log stream in over server-sent events, rendered from the page's own fragments.
 */
@Controller
class ImagesPageController {

    private static final String FRAGMENTS = "images/fragments";

    private final ImageViews views;

    private final ImageBuilds builds;

    private final ImageDelivery delivery;

    private final PlanCatalog plans;

    private final EventStreams streams;

    private final FragmentRenderer renderer;

    ImagesPageController(ImageViews views, ImageBuilds builds, ImageDelivery delivery, PlanCatalog plans,
            EventStreams streams, FragmentRenderer renderer) {
        this.views = views;
        this.builds = builds;
        this.delivery = delivery;
        this.plans = plans;
        this.streams = streams;
        this.renderer = renderer;
    }

    @GetMapping("/images")
    String page(@RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan, Model model) {
        plans.plan(plan);
        model.addAttribute("planId", plan);
        model.addAttribute("views", views.all(plan));
        model.addAttribute("deliveryPath", delivery.choose());
        model.addAttribute("kubeContext", delivery.currentContext().orElse(null));
        return "images/images";
    }

    @PostMapping("/images/{plan}/{component}/build")
    String build(@PathVariable String plan, @PathVariable String component, HtmxRequest htmx, Model model) {
        plans.plan(plan);
        builds.start(plan, component);
        if (!htmx.isHtmxRequest()) {
            return "redirect:/images?plan=" + plan;
        }
        model.addAttribute("planId", plan);
        model.addAttribute("view", views.one(plan, component));
        return FRAGMENTS + " :: card";
    }

    @PostMapping("/images/{plan}/{component}/build/cancel")
    ResponseEntity<Void> cancel(@PathVariable String plan, @PathVariable String component) {
        plans.plan(plan);
        builds.cancel(plan, component);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/images/{plan}/{component}/build/stream", produces = "text/event-stream")
    SseEmitter stream(@PathVariable String plan, @PathVariable String component,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        plans.plan(plan);
        ImageBuilds.LiveBuild build = builds.current(plan, component)
                .orElseThrow(() -> new ImageApiController.NoBuildException(component));
        EventStreams.Stream stream = streams.open();
        Runnable stop = build.follow(EventStreams.lastSeen(lastEventId), event -> stream.html(event.id(),
                EventStreams.SWAP, renderer.render(FRAGMENTS, "progress", Map.of("component", component, "progress",
                        event.progress())) + renderer.render(FRAGMENTS, "line", Map.of("component", component, "text",
                                event.progress().line()))),
                record -> {
                    stream.html(build.lastId() + 1, EventStreams.END, renderer.render(FRAGMENTS, "card",
                            Map.of("planId", plan, "view", views.one(plan, component))));
                    stream.complete();
                });
        stream.onClose(stop);
        return stream.emitter();
    }
}
