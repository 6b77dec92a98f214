package dev.taskflow.panel.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.taskflow.panel.pipeline.PlanCatalog;
import dev.taskflow.panel.pipeline.Task;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Secrets page: where secrets.env is and its mode, a fingerprint per key with its validation, and buttons to
 * create the file from the template, add the .gitignore entries and probe the database. htmx actions get back only
 * the card that changed.
 */
@Controller
class SecretsPageController {

    private final SecretsFile secrets;

    private final DatabaseProbe probe;

    private final PlanCatalog catalog;

    SecretsPageController(SecretsFile secrets, DatabaseProbe probe, PlanCatalog catalog) {
        this.secrets = secrets;
        this.probe = probe;
        this.catalog = catalog;
    }

    @GetMapping("/secrets")
    String page(@RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan, Model model) {
        report(plan, model);
        gitignore(plan, model);
        return "secrets/secrets";
    }

    @PostMapping("/secrets/template")
    String template(@RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan, HtmxRequest htmx, Model model) {
        CreatedTemplate created = secrets.createFromTemplate(plan);
        if (!htmx.isHtmxRequest()) {
            return "redirect:/secrets?plan=" + URLEncoder.encode(plan, StandardCharsets.UTF_8);
        }
        model.addAttribute("created", created);
        report(plan, model);
        return "secrets/secrets :: report";
    }

    @PostMapping("/secrets/gitignore")
    String gitignore(@RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan, HtmxRequest htmx, Model model) {
        GitignoreUpdate update = secrets.ensureGitignored(gitignoreEntries(plan));
        if (!htmx.isHtmxRequest()) {
            return "redirect:/secrets?plan=" + URLEncoder.encode(plan, StandardCharsets.UTF_8);
        }
        model.addAttribute("gitignoreUpdate", update);
        gitignore(plan, model);
        return "secrets/secrets :: gitignore";
    }

    @PostMapping("/secrets/database-probe")
    String probe(@RequestParam(defaultValue = PlanCatalog.DEFAULT_PLAN) String plan, HtmxRequest htmx, Model model) {
        model.addAttribute("probe", probe.probe());
        if (!htmx.isHtmxRequest()) {
            return page(plan, model);
        }
        return "secrets/secrets :: probe";
    }

    private void report(String plan, Model model) {
        model.addAttribute("plan", catalog.plan(plan));
        model.addAttribute("report", secrets.validate(plan));
    }

    /** The secrets file's name and whatever the plan's gitignore-entries tasks ask for (todo-app T105: .env.k8s, …). */
    private List<String> gitignoreEntries(String plan) {
        Set<String> entries = new LinkedHashSet<>(secrets.defaultGitignoreEntries());
        catalog.plan(plan).tasks().map(Task::satisfiedBy)
                .filter(by -> GitignoreEntriesCheck.ID.equals(by.check()) && by.parameters().containsKey("entries"))
                .forEach(by -> entries.addAll(secrets.gitignoreEntries(by.parameters().get("entries"))));
        return List.copyOf(entries);
    }

    private void gitignore(String plan, Model model) {
        model.addAttribute("gitignorePlan", plan);
        try {
            model.addAttribute("gitignore", secrets.gitignoreStatus(gitignoreEntries(plan)));
        }
        catch (AppCheckoutMissingException ex) {
            // Shown in the card: the rest of the page still works without the app checkout.
            model.addAttribute("gitignoreError", ex.getMessage());
        }
    }
}
