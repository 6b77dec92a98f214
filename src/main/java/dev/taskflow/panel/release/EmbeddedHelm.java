package dev.taskflow.panel.release;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import com.marcnuri.helm.UpgradeCommand;
import dev.taskflow.panel.support.SecretMasker;
import org.springframework.stereotype.Component;

/**
 * The one place that speaks helm-java. It turns Helm's answers into the panel's records and Helm's errors into a
 * {@link ReleaseOperationException} naming the operation, release and namespace, with what to do about it.
 */
@Component
class EmbeddedHelm {

    private final SecretMasker masker;

    EmbeddedHelm(SecretMasker masker) {
        this.masker = masker;
    }

    /** Where a release lives and how to reach its cluster. */
    record Location(String release, String namespace, Path kubeconfig) {
    }

    /** What an install or upgrade is given besides the chart. */
    record Inputs(List<Path> valuesFiles, List<SetPair> sets, String description, boolean waitReady, Duration timeout) {

        Inputs {
            valuesFiles = List.copyOf(valuesFiles);
            sets = List.copyOf(sets);
        }
    }

    LintReport lint(Path chart, boolean strict) {
        var command = new Helm(chart).lint();
        if (strict) {
            command.strict();
        }
        LintResult result = call("lint", null, command::call);
        return new LintReport(chart.toString(), strict, !result.isFailed(), List.copyOf(result.getMessages()));
    }

    String template(Path chart, String release, String namespace, List<Path> valuesFiles, List<SetPair> sets) {
        var command = new Helm(chart).template().withName(release).withNamespace(namespace);
        valuesFiles.forEach(command::withValuesFile);
        sets.forEach(pair -> command.set(pair.key(), pair.value()));
        return call("template", null, command::call);
    }

    ReleaseStatus install(Path chart, Location at, Inputs inputs) {
        InstallCommand command = new Helm(chart).install().withName(at.release()).withNamespace(at.namespace())
                .createNamespace().withKubeConfig(at.kubeconfig()).disableOpenApiValidation();
        apply(inputs, command::withValuesFile, command::set, command::withDescription,
                seconds -> command.waitReady().withTimeout(seconds));
        return status(call("install", at, command::call));
    }

    ReleaseStatus upgrade(Path chart, Location at, Inputs inputs, boolean reuseValues) {
        UpgradeCommand command = new Helm(chart).upgrade().withName(at.release()).withNamespace(at.namespace())
                .withKubeConfig(at.kubeconfig()).disableOpenApiValidation();
        if (reuseValues) {
            command.reuseValues();
        }
        else {
            command.resetValues();
        }
        apply(inputs, command::withValuesFile, command::set, command::withDescription,
                seconds -> command.waitReady().withTimeout(seconds));
        return status(call("upgrade", at, command::call));
    }

    /** Install and upgrade take the same inputs, but helm-java gives their commands no common type. */
    private static void apply(Inputs inputs, Consumer<Path> valuesFile, BiConsumer<String, Object> set,
            Consumer<String> description, IntConsumer waitFor) {
        inputs.valuesFiles().forEach(valuesFile);
        inputs.sets().forEach(pair -> set.accept(pair.key(), pair.value()));
        if (inputs.description() != null) {
            description.accept(inputs.description());
        }
        if (inputs.waitReady()) {
            waitFor.accept(seconds(inputs.timeout()));
        }
    }

    ReleaseStatus status(Location at) {
        return status(call("status", at, Helm.status(at.release()).withNamespace(at.namespace())
                .withKubeConfig(at.kubeconfig())::call));
    }

    List<Revision> history(Location at) {
        List<ReleaseHistory> history = call("history", at, Helm.history(at.release()).withNamespace(at.namespace())
                .withKubeConfig(at.kubeconfig())::call);
        return history.stream().map(entry -> new Revision(entry.getRevision(), instant(entry.getUpdated()),
                entry.getStatus(), entry.getChart(), entry.getAppVersion(), entry.getDescription())).toList();
    }

    String uninstall(Location at) {
        return call("uninstall", at, Helm.uninstall(at.release()).withNamespace(at.namespace())
                .withKubeConfig(at.kubeconfig())::call);
    }

    ReleaseStatus test(Location at, Duration timeout) {
        return status(call("test", at, Helm.test(at.release()).withNamespace(at.namespace())
                .withKubeConfig(at.kubeconfig()).withTimeout(seconds(timeout))::call));
    }

    private ReleaseStatus status(Release release) {
        return new ReleaseStatus(release.getName(), release.getNamespace(), release.getStatus(),
                Integer.parseInt(release.getRevision().strip()), instant(release.getLastDeployed()), release.getChart(),
                release.getAppVersion(), masker.mask(release.getOutput()));
    }

    private static java.time.Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static int seconds(Duration timeout) {
        return (int) Math.max(1, timeout.toSeconds());
    }

    private <T> T call(String operation, Location at, Supplier<T> helm) {
        try {
            return helm.get();
        }
        catch (RuntimeException ex) {
            // Helm's errors can quote rendered manifests, so they are masked before they go anywhere
            throw ReleaseOperationException.from(operation, at == null ? null : at.release(),
                    at == null ? null : at.namespace(), masker.mask(ex.getMessage()));
        }
    }
}
