package dev.taskflow.panel.release;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestDiffTests {

    private static Manifest deployment(int replicas) {
        return new Manifest("t/deployment.yaml", "Deployment", "backend", """
                kind: Deployment
                metadata:
                  name: backend
                spec:
                  replicas: %d
                  template: {}""".formatted(replicas));
    }

    private static final Manifest SERVICE = new Manifest("t/service.yaml", "Service", "backend", "kind: Service");

    private static final Manifest INGRESS = new Manifest("t/ingress.yaml", "Ingress", "web", "kind: Ingress");

    @Test
    void changedResourcesGetAUnifiedDiffAndUnchangedOnesNone() {
        ManifestDiff diff = ManifestDiff.between("taskflow", 1, List.of(deployment(1), SERVICE), 2,
                List.of(deployment(3), SERVICE));

        assertThat(diff.changedCount()).isEqualTo(1);
        ManifestDiff.ResourceChange changed = diff.changes().getFirst();
        assertThat(changed.change()).isEqualTo(ManifestDiff.Change.CHANGED);
        assertThat(changed.diff()).contains("@@", "-  replicas: 1", "+  replicas: 3");
        assertThat(diff.changes().get(1).change()).isEqualTo(ManifestDiff.Change.UNCHANGED);
        assertThat(diff.changes().get(1).diff()).isEmpty();
    }

    @Test
    void resourcesOnlyInOneRevisionAreAddedOrRemoved() {
        ManifestDiff diff = ManifestDiff.between("taskflow", 2, List.of(SERVICE), 3, List.of(INGRESS));

        assertThat(diff.changes()).extracting(ManifestDiff.ResourceChange::kind, ManifestDiff.ResourceChange::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Service", ManifestDiff.Change.REMOVED),
                        org.assertj.core.groups.Tuple.tuple("Ingress", ManifestDiff.Change.ADDED));
        assertThat(diff.changes().get(1).diff()).contains("+kind: Ingress");
    }
}
