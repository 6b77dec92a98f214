package dev.taskflow.panel.web;

import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders one Thymeleaf fragment outside a request, for live streams: the same fragments the pages include, so a
 * swapped-in row looks exactly like the first render. Fragments rendered here build links with {@code |…|} literals,
 * since {@code @{…}} needs a request.
 */
@Component
public class FragmentRenderer {

    private final ITemplateEngine templates;

    private final Badges badges;

    FragmentRenderer(ITemplateEngine templates, Badges badges) {
        this.templates = templates;
        this.badges = badges;
    }

    public String render(String template, String fragment, Map<String, Object> variables) {
        Context context = new Context();
        context.setVariables(variables);
        context.setVariable("badges", badges);
        return templates.process(template, Set.of(fragment), context);
    }
}
