package dev.taskflow.panel.web;

import java.util.List;

import dev.taskflow.panel.pipeline.Plan;
import dev.taskflow.panel.pipeline.PlanCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the plans for the switcher and the status styles. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final PlanCatalog catalog;

    private final Badges badges;

    LayoutAdvice(PlanCatalog catalog, Badges badges) {
        this.catalog = catalog;
        this.badges = badges;
    }

    @ModelAttribute("allPlans")
    List<Plan> allPlans() {
        return catalog.plans();
    }

    @ModelAttribute("badges")
    Badges badges() {
        return badges;
    }
}
