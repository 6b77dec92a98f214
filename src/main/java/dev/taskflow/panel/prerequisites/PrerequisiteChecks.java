package dev.taskflow.panel.prerequisites;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The version checks of the prerequisites phase, one bean per check id the plans name. */
@Configuration(proxyBeanMethods = false)
class PrerequisiteChecks {

    @Bean
    ToolVersionCheck minikubeVersionCheck(ToolProbe probe) {
        return new ToolVersionCheck("minikube-version", CliTool.MINIKUBE, probe, "1.28");
    }

    @Bean
    ToolVersionCheck helmVersionCheck(ToolProbe probe) {
        return new ToolVersionCheck("helm-version", CliTool.HELM, probe, "3.0");
    }

    @Bean
    ToolVersionCheck kubectlVersionCheck(ToolProbe probe) {
        return new ToolVersionCheck("kubectl-version", CliTool.KUBECTL, probe, null);
    }
}
