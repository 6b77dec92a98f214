package dev.taskflow.panel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The TaskFlow Control Panel: seed plans turned into a cockpit for a local Kubernetes deployment. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PanelApplication {

    public static void main(String[] args) {
        SpringApplication.run(PanelApplication.class, args);
    }
}
