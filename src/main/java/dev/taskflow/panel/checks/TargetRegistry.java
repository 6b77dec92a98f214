package dev.taskflow.panel.checks;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.stereotype.Service;

/**
 * The named deployments checks can run against. Configured ones come from {@code panel.targets}; capabilities
 * register theirs when they come up ({@code compose}, {@code minikube}) and withdraw them when they go away.
 * A plain URL works as a target too.
 */
@Service
public class TargetRegistry {

    private final Map<String, Target> targets = new ConcurrentSkipListMap<>();

    /** Looked up lazily: providers register their targets here, so they depend on this registry. */
    private final ObjectProvider<TargetProvider> providers;

    /** A registry of configured and registered targets only, with no capability to bring one up. */
    public TargetRegistry(TargetsProperties properties) {
        this(properties, new StaticListableBeanFactory().getBeanProvider(TargetProvider.class));
    }

    @Autowired
    public TargetRegistry(TargetsProperties properties, ObjectProvider<TargetProvider> providers) {
        this.providers = providers;
        properties.targets().forEach((name, urls) -> {
            if (urls.backendUrl() != null) {
                register(new Target(name, trim(urls.backendUrl()), urls.frontendUrl() == null ? null
                        : trim(urls.frontendUrl()), "configuration"));
            }
        });
    }

    public void register(Target target) {
        targets.put(target.name(), new Target(target.name(), trim(target.backendUrl()),
                target.frontendUrl() == null ? null : trim(target.frontendUrl()), target.origin()));
    }

    public void withdraw(String name) {
        targets.remove(name);
    }

    public List<Target> all() {
        return List.copyOf(targets.values());
    }

    public Optional<Target> find(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    /** A registered target by name, or an ad-hoc one when given an http(s) URL. */
    public Target resolve(String nameOrUrl) {
        if (nameOrUrl != null && (nameOrUrl.startsWith("http://") || nameOrUrl.startsWith("https://"))) {
            URI url = URI.create(nameOrUrl);
            return new Target(url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""), trim(url), null, "url");
        }
        return find(nameOrUrl).orElseThrow(() -> new UnknownTargetException(nameOrUrl, targets.keySet()));
    }

    /**
     * Like {@link #resolve(String)}, but a target a capability can bring up (see {@link TargetProvider}) is brought
     * up for the plan when it is not registered yet.
     */
    public Target resolve(String nameOrUrl, String plan) {
        if (nameOrUrl != null && find(nameOrUrl).isEmpty()) {
            for (TargetProvider provider : providers.orderedStream().toList()) {
                if (provider.name().equals(nameOrUrl)) {
                    provider.provide(plan).ifPresent(this::register);
                }
            }
        }
        return resolve(nameOrUrl);
    }

    private static URI trim(URI url) {
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
