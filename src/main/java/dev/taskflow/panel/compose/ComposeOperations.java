package dev.taskflow.panel.compose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Service;

/**
 * Ups and downs started from the Compose page: each runs in the background, its output kept so a browser can follow
 * it live and pick up where it left off after a reconnect.
 */
@Service
class ComposeOperations {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private static final int KEPT = 20;

    private final ComposeStack stack;

    private final Map<String, Live> operations = new LinkedHashMap<>();

    private final AtomicInteger counter = new AtomicInteger();

    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

    ComposeOperations(ComposeStack stack) {
        this.stack = stack;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    OperationView up(boolean build) {
        return start("up", live -> {
            ComposeOperation up = stack.up(build, live::line);
            return "Up with " + up.tool() + " in " + ComposeStack.seconds(up.duration()) + ": every service healthy; "
                    + "target '" + ComposeStack.TARGET + "' registered.";
        });
    }

    OperationView down(boolean volumes) {
        return start("down", live -> {
            ComposeOperation down = stack.down(volumes, live::line);
            return "Down with " + down.tool() + " in " + ComposeStack.seconds(down.duration()) + "; target '"
                    + ComposeStack.TARGET + "' withdrawn.";
        });
    }

    OperationView operation(String id) {
        return live(id).snapshot();
    }

    Optional<OperationView> latest() {
        synchronized (operations) {
            return operations.values().stream().reduce((first, second) -> second).map(Live::snapshot);
        }
    }

    /**
     * Hands the viewer every line after the first {@code seen}, then each new one, then the finished operation.
     * @return a handle that stops following
     */
    Runnable follow(String id, long seen, BiConsumer<Long, String> onLine, Consumer<OperationView> onEnd) {
        return live(id).follow(seen, onLine, onEnd);
    }

    private OperationView start(String action, Work work) {
        synchronized (operations) {
            operations.values().stream().filter(running -> !running.snapshot().finished()).findFirst()
                    .ifPresent(running -> {
                        throw new ComposeException(ComposeException.Reason.BUSY, "The compose stack is busy with "
                                + running.id + "; wait for it to finish, then " + action + " again.");
                    });
        }
        Live live = new Live("compose-" + action + "-" + ID_TIME.format(Instant.now()) + "-"
                + counter.incrementAndGet(), action);
        synchronized (operations) {
            operations.put(live.id, live);
            if (operations.size() > KEPT) {
                operations.remove(operations.keySet().iterator().next());
            }
        }
        runner.submit(() -> {
            try {
                live.finish("passed", work.run(live));
            }
            catch (InterruptedException ex) {
                live.finish("failed", "Stopped: the panel is shutting down.");
            }
            catch (RuntimeException ex) {
                live.finish("failed", ex.getMessage() == null ? ex.toString() : ex.getMessage());
            }
        });
        return live.snapshot();
    }

    private Live live(String id) {
        synchronized (operations) {
            Live live = operations.get(id);
            if (live == null) {
                throw new PlanElementNotFoundException("compose operation", id, List.copyOf(operations.keySet()));
            }
            return live;
        }
    }

    @FunctionalInterface
    private interface Work {
        String run(Live live) throws InterruptedException;
    }

    /** One operation while it runs, with its viewers; changes and hand-overs happen under its lock, in order. */
    private static final class Live {

        private final String id;

        private final String action;

        private final Instant startedAt = Instant.now();

        private final List<String> lines = new ArrayList<>();

        private final List<BiConsumer<Long, String>> lineViewers = new ArrayList<>();

        private final List<Consumer<OperationView>> endViewers = new ArrayList<>();

        private Instant finishedAt;

        private String status = "running";

        private String summary;

        Live(String id, String action) {
            this.id = id;
            this.action = action;
        }

        synchronized OperationView snapshot() {
            return new OperationView(id, action, startedAt, finishedAt, status, summary, lines);
        }

        synchronized void line(String line) {
            lines.add(line);
            long sequence = lines.size();
            for (BiConsumer<Long, String> viewer : List.copyOf(lineViewers)) {
                try {
                    viewer.accept(sequence, line);
                }
                catch (RuntimeException ex) {
                    lineViewers.remove(viewer);
                }
            }
        }

        synchronized void finish(String status, String summary) {
            this.status = status;
            this.summary = summary;
            this.finishedAt = Instant.now();
            OperationView finished = snapshot();
            for (Consumer<OperationView> viewer : List.copyOf(endViewers)) {
                try {
                    viewer.accept(finished);
                }
                catch (RuntimeException ex) {
                    // A viewer that went away misses the end; the page shows it on its next load.
                }
            }
            lineViewers.clear();
            endViewers.clear();
        }

        synchronized Runnable follow(long seen, BiConsumer<Long, String> onLine, Consumer<OperationView> onEnd) {
            try {
                for (int index = (int) Math.max(0, Math.min(seen, lines.size())); index < lines.size(); index++) {
                    onLine.accept(index + 1L, lines.get(index));
                }
                if (finishedAt != null) {
                    onEnd.accept(snapshot());
                    return () -> {
                    };
                }
            }
            catch (RuntimeException ex) {
                return () -> {
                };
            }
            lineViewers.add(onLine);
            endViewers.add(onEnd);
            return () -> {
                synchronized (this) {
                    lineViewers.remove(onLine);
                    endViewers.remove(onEnd);
                }
            };
        }
    }
}
