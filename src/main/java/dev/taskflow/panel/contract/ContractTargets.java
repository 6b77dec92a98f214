package dev.taskflow.panel.contract;

import java.net.URI;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import dev.taskflow.panel.checks.UnknownTargetException;
import org.springframework.stereotype.Component;

/** Targets by name or URL, with the failures the contract pages and checks report in their own words. */
@Component
class ContractTargets {

    static final String PRODUCTION = "production";

    private final TargetRegistry registry;

    ContractTargets(TargetRegistry registry) {
        this.registry = registry;
    }

    Target resolve(String nameOrUrl) {
        if (nameOrUrl == null || nameOrUrl.isBlank()) {
            throw new ContractTargetException("Name a target (production, compose, minikube) or give a backend URL.");
        }
        try {
            return registry.resolve(nameOrUrl.strip());
        }
        catch (UnknownTargetException ex) {
            throw new ContractTargetException(ex.getMessage());
        }
        catch (IllegalArgumentException ex) {
            throw new ContractTargetException("'" + nameOrUrl + "' is not a URL the panel can use ("
                    + ex.getMessage() + "): give e.g. https://my-backend.hf.space or a target name.");
        }
    }

    URI backend(String nameOrUrl) {
        return resolve(nameOrUrl).backendUrl();
    }

    URI frontend(String nameOrUrl) {
        Target target = resolve(nameOrUrl);
        if (target.frontendUrl() == null) {
            throw new ContractTargetException("Target '" + target.name() + "' has no frontend URL: set "
                    + "panel.targets." + target.name() + ".frontend-url=https://….");
        }
        return target.frontendUrl();
    }
}
