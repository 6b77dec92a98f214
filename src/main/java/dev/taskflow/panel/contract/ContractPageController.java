package dev.taskflow.panel.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.taskflow.panel.checks.Target;
import dev.taskflow.panel.checks.TargetRegistry;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Contract page: the frozen table, extract-and-freeze from a target, the drift view and the source findings.
 * htmx actions get back only the card that changed.
 */
@Controller
class ContractPageController {

    private final ContractService contracts;

    private final ContractTargets targets;

    private final TargetRegistry registry;

    ContractPageController(ContractService contracts, ContractTargets targets, TargetRegistry registry) {
        this.contracts = contracts;
        this.targets = targets;
        this.registry = registry;
    }

    @GetMapping("/contract")
    String page(@RequestParam(required = false) String target, Model model) {
        frozen(model);
        model.addAttribute("targets", registry.all().stream().map(Target::name).toList());
        model.addAttribute("expectedEndpoints", contracts.properties().expectedEndpoints());
        try {
            model.addAttribute("findings", contracts.sourceFindings());
        }
        catch (AppSourceException ex) {
            model.addAttribute("findingsError", ex.getMessage());
        }
        if (target != null && !target.isBlank() && model.getAttribute("frozen") != null) {
            drift(target, model);
        }
        return "contract/contract";
    }

    @HxRequest
    @GetMapping("/contract/drift")
    String driftFragment(@RequestParam String target, Model model) {
        drift(target, model);
        return "contract/contract :: drift";
    }

    @GetMapping("/contract/drift")
    String driftPage(@RequestParam String target) {
        return "redirect:/contract?target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    @PostMapping("/contract/freeze")
    String freeze(@RequestParam String target, HtmxRequest htmx, Model model) {
        FreezeResult result = contracts.freeze(contracts.extract(targets.backend(target)));
        if (!htmx.isHtmxRequest()) {
            return "redirect:/contract";
        }
        model.addAttribute("frozen", result.frozen());
        model.addAttribute("missing", result.missingEndpoints());
        model.addAttribute("justFrozen", true);
        return "contract/contract :: frozen";
    }

    private void frozen(Model model) {
        try {
            Optional<FrozenContract> frozen = contracts.frozen();
            model.addAttribute("frozen", frozen.orElse(null));
            frozen.ifPresent(value -> model.addAttribute("missing", contracts.missingEndpoints(value.contract())));
        }
        catch (FrozenContractTamperedException ex) {
            // Shown in the card rather than as an error page, so the freeze form stays reachable to repair it.
            model.addAttribute("frozenError", ex.getMessage());
        }
    }

    private void drift(String target, Model model) {
        ApiContract frozen = contracts.frozenContract().orElseThrow(ContractNotFrozenException::new);
        model.addAttribute("drift", contracts.drift(frozen, contracts.extract(targets.backend(target))));
        model.addAttribute("driftTarget", target);
    }
}
