package dev.taskflow.panel.web;

import dev.taskflow.panel.pipeline.PlanCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

@WebMvcTest(HomeController.class)
@Import({ PlanCatalog.class, Badges.class })
class HomeControllerTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theFrontDoorOpensTheDefaultPlansOverview() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/plans/taskflow"));
    }
}
