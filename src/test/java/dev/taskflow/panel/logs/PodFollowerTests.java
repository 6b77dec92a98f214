package dev.taskflow.panel.logs;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodFollowerTests {

    static final Pod FRONTEND = new PodBuilder().withNewMetadata().withName("web-1").endMetadata().withNewSpec()
            .addNewInitContainer().withName("wait-for-backend").endInitContainer()
            .addNewContainer().withName("frontend").endContainer()
            .addNewContainer().withName("proxy").endContainer().endSpec().build();

    @Test
    void aPodStreamReadsTheFirstContainerWhenNoneIsNamed() {
        assertThat(PodFollower.containersToRead(FRONTEND, pod(null, false))).containsExactly("frontend");
    }

    @Test
    void aPodStreamReadsTheContainerKubectlWouldPickFromTheAnnotation() {
        Pod annotated = new PodBuilder(FRONTEND).editMetadata()
                .withAnnotations(Map.of(PodFollower.DEFAULT_CONTAINER, "proxy")).endMetadata().build();

        assertThat(PodFollower.containersToRead(annotated, pod(null, false))).containsExactly("proxy");
    }

    @Test
    void initContainersComeFirstWhenAskedFor() {
        assertThat(PodFollower.containersToRead(FRONTEND, pod("frontend", true)))
                .containsExactly("wait-for-backend", "frontend");
        assertThat(PodFollower.containersToRead(FRONTEND, pod("wait-for-backend", false)))
                .containsExactly("wait-for-backend");
    }

    @Test
    void aComponentStreamReadsEveryAppContainerOfEachPod() {
        LogRequest component = LogRequest.ofComponent("taskflow", "frontend", null, true, 10, null, false, false);

        assertThat(PodFollower.containersToRead(FRONTEND, component)).containsExactly("frontend", "proxy");
    }

    @Test
    void aComponentStreamSkipsPodsWithoutTheNamedContainer() {
        LogRequest component = LogRequest.ofComponent("taskflow", "frontend", "sidecar", true, 10, null, false, false);

        assertThat(PodFollower.containersToRead(FRONTEND, component)).isEmpty();
    }

    private static LogRequest pod(String container, boolean initContainers) {
        return LogRequest.ofPod("web-1", container, true, 10, null, false, initContainers);
    }
}
