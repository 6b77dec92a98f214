package dev.taskflow.panel.image;

import java.util.List;

import org.springframework.stereotype.Component;

/** Gathers each component's settings, report, scan and last build for the page and the API; engine faults become a problem line. */
@Component
class ImageViews {

    private final ImageService images;

    private final ImageBuilds builds;

    ImageViews(ImageService images, ImageBuilds builds) {
        this.images = images;
        this.builds = builds;
    }

    List<ComponentView> all(String planId) {
        return ImageService.COMPONENTS.stream().map(component -> one(planId, component)).toList();
    }

    ComponentView one(String planId, String component) {
        ComponentImage image = images.component(planId, component);
        BuildRecord last = images.lastBuild(planId, component).orElse(null);
        BuildProgress progress = builds.current(planId, component).filter(build -> !build.finished())
                .map(ImageBuilds.LiveBuild::latest).orElse(null);
        boolean building = progress != null;
        try {
            ImageReport report = images.report(planId, component).orElse(null);
            HistoryScan scan = report == null ? null : images.scanHistory(planId, component);
            return new ComponentView(image, report, scan, last, building, progress, null);
        }
        catch (ImageEngineException | ImageBuildException | ImageNotBuiltException ex) {
            return new ComponentView(image, null, null, last, building, progress, ex.getMessage());
        }
    }
}
