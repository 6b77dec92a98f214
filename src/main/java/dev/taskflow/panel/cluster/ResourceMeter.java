package dev.taskflow.panel.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClientException;

import org.springframework.stereotype.Component;

/** Reads the app's pods' CPU and memory from metrics-server ({@code kubectl top pods}). */
@Component
public class ResourceMeter {

    static final String ENABLE = "metrics-server is not answering: enable it with `minikube addons enable "
            + "metrics-server` and give it a minute to collect the first figures.";

    private final ClusterService cluster;

    ResourceMeter(ClusterService cluster) {
        this.cluster = cluster;
    }

    public ResourceUsage usage(String app) {
        ClusterOpsProperties properties = cluster.properties();
        List<PodMetrics> metrics;
        try {
            metrics = cluster.client().top().pods().inNamespace(cluster.namespace()).withLabels(Map.of("app", app))
                    .metrics().getItems();
        }
        catch (KubernetesClientException ex) {
            if (ex.getCode() == 404 || ex.getCode() == 503) {
                return new ResourceUsage(false, ENABLE, List.of(), 0, 0, properties.cpuBudget(),
                        properties.memoryBudgetMb());
            }
            throw KubeCalls.translate("read pod metrics", ex);
        }
        List<ResourceUsage.PodUsage> pods = new ArrayList<>();
        for (PodMetrics pod : metrics) {
            double cpu = 0;
            double memory = 0;
            for (ContainerMetrics container : pod.getContainers()) {
                cpu += ResourceUsage.cores(container.getUsage());
                memory += ResourceUsage.mebibytes(container.getUsage());
            }
            pods.add(new ResourceUsage.PodUsage(pod.getMetadata().getName(), cpu, memory));
        }
        if (pods.isEmpty()) {
            return new ResourceUsage(false, "metrics-server has no figures for pods labelled app=" + app + " yet: "
                    + "wait a minute after the pods start (or enable it: `minikube addons enable metrics-server`).",
                    pods, 0, 0, properties.cpuBudget(), properties.memoryBudgetMb());
        }
        return new ResourceUsage(true, null, pods, pods.stream().mapToDouble(ResourceUsage.PodUsage::cpuCores).sum(),
                pods.stream().mapToDouble(ResourceUsage.PodUsage::memoryMb).sum(), properties.cpuBudget(),
                properties.memoryBudgetMb());
    }
}
