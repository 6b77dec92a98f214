package dev.taskflow.panel.checks;

import java.net.URI;

import dev.taskflow.panel.contract.ContractService;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The Checks page (pick a target, run the suite, watch results arrive) and the Parity page. */
@Controller
class ChecksController {

    private final SuiteRuns runs;

    private final TargetRegistry targets;

    private final ChecksProperties properties;

    private final SuiteEventStreams streams;

    private final ContractService contracts;

    ChecksController(SuiteRuns runs, TargetRegistry targets, ChecksProperties properties, SuiteEventStreams streams,
            ContractService contracts) {
        this.contracts = contracts;
        this.runs = runs;
        this.targets = targets;
        this.properties = properties;
        this.streams = streams;
    }

    @GetMapping("/checks")
    String checks(Model model) {
        model.addAttribute("targets", targets.all());
        model.addAttribute("reports", runs.all().stream().limit(10).toList());
        model.addAttribute("checks", EndToEndSuite.CHECKS);
        model.addAttribute("apiMap", properties.effectiveMap());
        model.addAttribute("proposal", proposal());
        return "checks/checks";
    }

    @PostMapping("/checks/runs")
    String run(@RequestParam(defaultValue = "") String target, HtmxRequest htmx, Model model) {
        if (target.isBlank()) {
            throw new InvalidRequestException("Pick a target, or type a backend URL such as http://127.0.0.1:8000.");
        }
        SuiteReport report = runs.start(target.strip());
        if (!htmx.isHtmxRequest()) {
            return "redirect:/checks/runs/" + report.id();
        }
        return card(report, model);
    }

    @GetMapping("/checks/runs/{id}")
    String report(@PathVariable String id, Model model) {
        card(runs.report(id), model);
        return "checks/report";
    }

    @GetMapping(path = "/checks/runs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@PathVariable String id) {
        return streams.html(id);
    }

    @PostMapping("/checks/targets")
    String addTarget(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String backendUrl,
            @RequestParam(defaultValue = "") String frontendUrl) {
        targets.register(TargetInput.parse(name, backendUrl, frontendUrl));
        return "redirect:/checks";
    }

    @GetMapping("/parity")
    String parity(@RequestParam(required = false) String left, @RequestParam(required = false) String right,
            Model model) {
        model.addAttribute("targets", targets.all());
        model.addAttribute("left", left == null ? "production" : left);
        model.addAttribute("right", right == null ? "minikube" : right);
        if (left != null && right != null && runs.latest(left).isPresent() && runs.latest(right).isPresent()) {
            model.addAttribute("diff", runs.latestParity(left, right));
        }
        return "checks/parity";
    }

    @PostMapping("/parity")
    String compare(@RequestParam(defaultValue = "") String left, @RequestParam(defaultValue = "") String right,
            Model model) {
        if (left.isBlank() || right.isBlank()) {
            throw new InvalidRequestException("Pick two targets to compare, e.g. production and minikube.");
        }
        model.addAttribute("diff", runs.parity(targets.resolve(left.strip()), targets.resolve(right.strip())));
        return "checks/parity :: diff";
    }

    /** A map proposed from the frozen contract, when one is frozen and intact; the Contract page explains otherwise. */
    private ApiMapProposal proposal() {
        try {
            return contracts.frozenContract().map(ApiMapProposal::from).orElse(null);
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private String card(SuiteReport report, Model model) {
        model.addAttribute("report", report);
        model.addAttribute("checks", EndToEndSuite.CHECKS);
        model.addAttribute("budgetMs", properties.latencyBudget().toMillis());
        return "checks/fragments :: report-card";
    }

    /** A target typed in by a person, checked before it is registered. */
    record TargetInput(String name, URI backendUrl, URI frontendUrl) {

        static Target parse(String name, String backendUrl, String frontendUrl) {
            if (!name.strip().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new InvalidRequestException("Target name '" + name + "' must be lower-case letters, digits and "
                        + "dashes, e.g. staging.");
            }
            return new Target(name.strip(), url("backend URL", backendUrl, true), url("frontend URL", frontendUrl,
                    false), "person");
        }

        private static URI url(String what, String text, boolean required) {
            if (text == null || text.isBlank()) {
                if (required) {
                    throw new InvalidRequestException("The " + what + " is missing, e.g. http://127.0.0.1:8000.");
                }
                return null;
            }
            try {
                URI url = URI.create(text.strip());
                if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                    throw new IllegalArgumentException("not http(s)");
                }
                return url;
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidRequestException("The " + what + " '" + text + "' is not an http(s) URL like "
                        + "http://127.0.0.1:8000.");
            }
        }
    }
}
