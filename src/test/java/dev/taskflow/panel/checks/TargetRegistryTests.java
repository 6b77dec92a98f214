package dev.taskflow.panel.checks;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetRegistryTests {

    @Test
    void configuredTargetsAreThereWithoutTrailingSlashes() {
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(Map.of("production",
                new TargetsProperties.Urls(URI.create("https://api.example.com/"), URI.create("https://app.example.com/")))));

        Target production = registry.resolve("production");

        assertThat(production.backendUrl()).isEqualTo(URI.create("https://api.example.com"));
        assertThat(production.frontendUrl()).isEqualTo(URI.create("https://app.example.com"));
        assertThat(production.origin()).isEqualTo("configuration");
    }

    @Test
    void capabilitiesRegisterAndWithdrawTheirTargets() {
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(Map.of()));
        registry.register(new Target("compose", URI.create("http://localhost:8000"), URI.create("http://localhost:3000"),
                "compose"));

        assertThat(registry.all()).extracting(Target::name).containsExactly("compose");
        registry.withdraw("compose");
        assertThat(registry.find("compose")).isEmpty();
    }

    @Test
    void aUrlWorksAsATargetAndAnUnknownNameIsRefusedWithTheFix() {
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(Map.of()));

        assertThat(registry.resolve("http://127.0.0.1:8000/").backendUrl()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThatThrownBy(() -> registry.resolve("minikube")).isInstanceOf(UnknownTargetException.class)
                .hasMessageContaining("No target named 'minikube'").hasMessageContaining("panel.targets.minikube.backend-url");
    }

    @Test
    void aTargetACapabilityCanBringUpIsBroughtUpForThePlanWhenFirstAskedFor() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        TargetProvider minikube = new TargetProvider() {
            @Override
            public String name() {
                return "minikube";
            }

            @Override
            public java.util.Optional<Target> provide(String plan) {
                asked.add(plan);
                return java.util.Optional.of(new Target("minikube", URI.create("http://127.0.0.1:41234/"), null,
                        "cluster"));
            }
        };
        org.springframework.beans.factory.support.StaticListableBeanFactory beans =
                new org.springframework.beans.factory.support.StaticListableBeanFactory();
        beans.addBean("minikube", minikube);
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(Map.of()),
                beans.getBeanProvider(TargetProvider.class));

        assertThat(registry.resolve("minikube", "habit-tracker").backendUrl())
                .isEqualTo(URI.create("http://127.0.0.1:41234"));
        assertThat(registry.resolve("minikube", "habit-tracker").name()).isEqualTo("minikube");
        assertThat(asked).as("brought up once, then found registered").containsExactly("habit-tracker");
        assertThatThrownBy(() -> registry.resolve("compose", "taskflow")).isInstanceOf(UnknownTargetException.class);
    }
}
