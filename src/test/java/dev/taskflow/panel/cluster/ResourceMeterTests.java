package dev.taskflow.panel.cluster;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceMeterTests {

    static final String METRICS = "/apis/metrics.k8s.io/v1beta1/namespaces/test/pods?labelSelector=app%3D";

    @RegisterExtension
    static final ClusterMock mock = new ClusterMock();

    @Test
    void usageIsSummedOverTheAppsPodsAgainstTheBudget() {
        mock.server().expect().get().withPath(METRICS + "taskflow").andReturn(200, """
                {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","items":[
                 {"metadata":{"name":"taskflow-backend-1"},"containers":[{"name":"backend","usage":{"cpu":"250m","memory":"300Mi"}}]},
                 {"metadata":{"name":"taskflow-frontend-1"},"containers":[{"name":"frontend","usage":{"cpu":"150000000n","memory":"100Mi"}}]}]}
                """).always();

        ResourceUsage usage = new ResourceMeter(mock.cluster()).usage("taskflow");

        assertThat(usage.available()).isTrue();
        assertThat(usage.cpuCores()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(usage.memoryMb()).isCloseTo(400, org.assertj.core.data.Offset.offset(0.001));
        assertThat(usage.withinBudget()).isTrue();
        assertThat(usage.pods()).extracting(ResourceUsage.PodUsage::pod)
                .containsExactly("taskflow-backend-1", "taskflow-frontend-1");
    }

    @Test
    void withoutMetricsServerItSaysHowToEnableItOnMinikube() {
        mock.server().expect().get().withPath(METRICS + "todo").andReturn(404, "{}").always();

        ResourceUsage usage = new ResourceMeter(mock.cluster()).usage("todo");

        assertThat(usage.available()).isFalse();
        assertThat(usage.withinBudget()).isFalse();
        assertThat(usage.message()).contains("minikube addons enable metrics-server");
    }
}
