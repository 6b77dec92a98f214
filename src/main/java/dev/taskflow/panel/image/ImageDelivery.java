package dev.taskflow.panel.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.ProcessCommand;
import dev.taskflow.panel.support.ProcessOutcome;
import dev.taskflow.panel.support.ProcessRunner;
import dev.taskflow.panel.support.SecretMasker;

/**
 * Gets a built image to the cluster the current kube context names, and says which way it chose: Minikube →
 * {@code minikube image load} (or nothing, when images are built on Minikube's own engine), kind →
 * {@code kind load docker-image}, anything else → a push to the configured registry.
 */
@Service
public class ImageDelivery {

    private static final Pattern CURRENT_CONTEXT = Pattern.compile("(?m)^current-context:\\s*[\"']?([^\"'\\s#]+)");

    private final ImageService images;

    private final ProcessRunner runner;

    private final ClusterConnection cluster;

    private final SecretMasker masker;

    ImageDelivery(ImageService images, ProcessRunner runner, ClusterConnection cluster, SecretMasker masker) {
        this.images = images;
        this.runner = runner;
        this.cluster = cluster;
        this.masker = masker;
    }

    /** The kube context the kubeconfig names as current, if there is one. */
    public Optional<String> currentContext() {
        Path kubeconfig = cluster.kubeconfig();
        if (!Files.isRegularFile(kubeconfig)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = CURRENT_CONTEXT.matcher(Files.readString(kubeconfig));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    /** The way the image would go now, from the configuration and the current kube context. */
    public DeliveryResult.Path choose() {
        ImageProperties properties = images.properties();
        return switch (properties.delivery()) {
            case MINIKUBE -> properties.minikubeDockerEnv() ? DeliveryResult.Path.MINIKUBE_DOCKER_ENV
                    : DeliveryResult.Path.MINIKUBE_LOAD;
            case KIND -> DeliveryResult.Path.KIND_LOAD;
            case REGISTRY -> DeliveryResult.Path.REGISTRY_PUSH;
            case AUTO -> {
                String context = currentContext().orElse("");
                if (context.startsWith("kind-")) {
                    yield DeliveryResult.Path.KIND_LOAD;
                }
                if (context.equals("minikube") || context.isEmpty() && properties.registry().url() == null) {
                    yield properties.minikubeDockerEnv() ? DeliveryResult.Path.MINIKUBE_DOCKER_ENV
                            : DeliveryResult.Path.MINIKUBE_LOAD;
                }
                yield DeliveryResult.Path.REGISTRY_PUSH;
            }
        };
    }

    /**
     * Brings the component's image ({@code name:version}) to the cluster, output lines to {@code progress} as they
     * come.
     *
     * @throws ImageNotBuiltException   when the engine has no such image
     * @throws ImageDeliveryException   when the load or push fails, with what it said and the fix
     */
    public DeliveryResult deliver(String planId, String component, Consumer<String> progress)
            throws InterruptedException {
        ComponentImage image = images.component(planId, component);
        String reference = image.reference();
        String context = currentContext().orElse("(none)");
        DeliveryResult.Path path = choose();
        if (images.builder().inspect(reference).isEmpty()) {
            throw new ImageNotBuiltException(reference);
        }
        Duration timeout = images.properties().loadTimeout();
        return switch (path) {
            case MINIKUBE_DOCKER_ENV -> new DeliveryResult(reference, path, context, "(none)", "Built on Minikube's own "
                    + "Docker engine (minikube docker-env), so " + reference + " is already where the cluster runs: "
                    + "nothing to load.", 0, List.of());
            case MINIKUBE_LOAD -> {
                List<String> arguments = new ArrayList<>(List.of("image", "load", reference));
                if (!context.equals("minikube") && !context.equals("(none)") && !context.startsWith("kind-")
                        && images.properties().delivery() == ImageProperties.Delivery.MINIKUBE) {
                    arguments.addAll(List.of("-p", context));
                }
                yield run(reference, path, context, new ProcessCommand("minikube", arguments, null,
                        java.util.Map.of(), timeout), "The kube context is " + context + ", a Minikube cluster: "
                                + "loaded " + reference + " with minikube image load.", progress);
            }
            case KIND_LOAD -> {
                String clusterName = context.startsWith("kind-") ? context.substring("kind-".length()) : "kind";
                yield run(reference, path, context, ProcessCommand.of("kind", timeout, "load", "docker-image",
                        reference, "--name", clusterName), "The kube context is " + context + ", a kind cluster: "
                                + "loaded " + reference + " into its nodes with kind load docker-image.", progress);
            }
            case REGISTRY_PUSH -> push(image, context, progress);
        };
    }

    private DeliveryResult run(String reference, DeliveryResult.Path path, String context, ProcessCommand command,
            String summary, Consumer<String> progress) throws InterruptedException {
        progress.accept("$ " + command.display());
        ProcessOutcome outcome = runner.run(command, line -> progress.accept(masker.mask(line)));
        List<String> output = outcome.lines().stream().map(masker::mask).toList();
        if (!outcome.succeeded()) {
            throw new ImageDeliveryException("`" + command.display() + "` " + (outcome.timedOut() ? "ran past "
                    + command.timeout() : "failed with exit " + outcome.exitCode()) + ": "
                    + masker.mask(outcome.trimmedOutput(8)) + ". "
                    + (path == DeliveryResult.Path.KIND_LOAD ? "Check that the kind cluster runs (`kind get clusters`)."
                            : "Check that Minikube runs (`minikube status`), or start it with `minikube start`."));
        }
        return new DeliveryResult(reference, path, context, command.display(), summary,
                outcome.duration().toMillis(), output);
    }

    private DeliveryResult push(ComponentImage image, String context, Consumer<String> progress)
            throws InterruptedException {
        ImageProperties.Registry registry = images.properties().registry();
        if (registry.url() == null || registry.url().isBlank()) {
            throw new ImageDeliveryException("The kube context " + context + " is neither Minikube nor kind, so the "
                    + "image must be pushed to a registry the cluster can pull from, and none is configured: set "
                    + "panel.images.registry.url (with username and password if it needs a login).");
        }
        String host = registry.url().replaceFirst("^https?://", "").replaceAll("/+$", "");
        String target = host + "/" + image.reference();
        long started = System.nanoTime();
        List<String> output = new ArrayList<>();
        Consumer<String> collect = line -> {
            output.add(masker.mask(line));
            progress.accept(masker.mask(line));
        };
        collect.accept("Tagging " + image.reference() + " as " + target);
        ImageBuilder builder = images.builder();
        builder.tag(image.reference(), target);
        try {
            builder.push(target, registry.username(), registry.password(), collect, images.properties().loadTimeout());
        }
        catch (ImageEngineException ex) {
            throw new ImageDeliveryException(masker.mask(ex.getMessage()));
        }
        return new DeliveryResult(image.reference(), DeliveryResult.Path.REGISTRY_PUSH, context, "docker push " + target,
                "The kube context is " + context + ", neither Minikube nor kind: pushed " + target + ". Point the "
                        + "chart's " + image.component() + ".image.repository at " + host + "/" + image.name() + ".",
                (System.nanoTime() - started) / 1_000_000, output);
    }
}
