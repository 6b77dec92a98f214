package dev.taskflow.panel.web;

import dev.taskflow.panel.pipeline.PlanCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The front door opens on the default plan's overview. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/plans/" + PlanCatalog.DEFAULT_PLAN;
    }
}
