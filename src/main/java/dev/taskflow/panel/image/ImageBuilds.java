package dev.taskflow.panel.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.taskflow.panel.pipeline.ConflictException;

/**
 * Builds started from the Images page or the API: one at a time per component, run in the background, every
 * progress event kept with an id so a browser that reconnects resumes where it stopped, and cancellable.
 */
@Component
class ImageBuilds {

    private final ImageService images;

    private final Map<String, LiveBuild> builds = new ConcurrentHashMap<>();

    ImageBuilds(ImageService images) {
        this.images = images;
    }

    /** Starts a build in the background; a second one for the same component while the first runs is a conflict. */
    LiveBuild start(String planId, String component) {
        images.component(planId, component);
        String key = planId + "/" + component;
        LiveBuild build = new LiveBuild(planId, component, Instant.now());
        LiveBuild running = builds.compute(key, (name, existing) -> existing != null && !existing.finished()
                ? existing : build);
        if (running != build) {
            throw new ConflictException("A build of the " + component + " image is running already: follow it, or "
                    + "cancel it first.");
        }
        Thread.ofVirtual().name("image-build-" + planId + "-" + component).start(() -> {
            try {
                images.build(planId, component, build::progress, build.cancelled::get);
            }
            catch (ImageBuildException ex) {
                // kept as the component's last build by the service
            }
            catch (RuntimeException ex) {
                build.progress(new BuildProgress(0, 0, 0, "ERROR: " + ex.getMessage()));
            }
            finally {
                build.finish(images.lastBuild(planId, component).orElse(null));
            }
        });
        return build;
    }

    /** The component's build in progress or last started here, if any. */
    java.util.Optional<LiveBuild> current(String planId, String component) {
        return java.util.Optional.ofNullable(builds.get(planId + "/" + component));
    }

    /** Asks a running build to stop; says whether one was running. */
    boolean cancel(String planId, String component) {
        LiveBuild build = builds.get(planId + "/" + component);
        if (build == null || build.finished()) {
            return false;
        }
        build.cancelled.set(true);
        return true;
    }

    /** One build's progress as it happens. */
    static final class LiveBuild {

        private final String plan;

        private final String component;

        private final Instant startedAt;

        private final List<Event> events = new ArrayList<>();

        private final List<Listener> listeners = new CopyOnWriteArrayList<>();

        private final AtomicBoolean cancelled = new AtomicBoolean();

        private volatile BuildRecord result;

        private volatile boolean finished;

        LiveBuild(String plan, String component, Instant startedAt) {
            this.plan = plan;
            this.component = component;
            this.startedAt = startedAt;
        }

        String plan() {
            return plan;
        }

        String component() {
            return component;
        }

        Instant startedAt() {
            return startedAt;
        }

        boolean finished() {
            return finished;
        }

        BuildRecord result() {
            return result;
        }

        /** The latest progress, for a first render. */
        synchronized BuildProgress latest() {
            return events.isEmpty() ? new BuildProgress(0, 0, 0, "Sending the build context")
                    : events.getLast().progress();
        }

        private synchronized void progress(BuildProgress progress) {
            Event event = new Event(events.size() + 1L, progress);
            events.add(event);
            listeners.forEach(listener -> listener.onEvent().accept(event));
        }

        private synchronized void finish(BuildRecord record) {
            result = record;
            finished = true;
            listeners.forEach(listener -> listener.onEnd().accept(record));
            listeners.clear();
        }

        /**
         * Sends the events after {@code lastSeen}, then each new one, then the end; answers what stops following.
         */
        synchronized Runnable follow(long lastSeen, Consumer<Event> onEvent, Consumer<BuildRecord> onEnd) {
            events.stream().filter(event -> event.id() > lastSeen).forEach(onEvent);
            if (finished) {
                onEnd.accept(result);
                return () -> { };
            }
            Listener listener = new Listener(onEvent, onEnd);
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        synchronized long lastId() {
            return events.size();
        }
    }

    /** A progress event with its stream id. */
    record Event(long id, BuildProgress progress) {
    }

    private record Listener(Consumer<Event> onEvent, Consumer<BuildRecord> onEnd) {
    }
}
