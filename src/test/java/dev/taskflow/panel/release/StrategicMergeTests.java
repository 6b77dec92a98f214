package dev.taskflow.panel.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StrategicMergeTests {

    @Test
    void mergePatchMergesObjectsAndRemovesFieldsSetToNull() {
        JsonNode target = json("{'data': {'a': '1', 'b': '2'}, 'kind': 'ConfigMap'}");

        JsonNode patched = StrategicMerge.apply(target, json("{'data': {'b': null, 'c': '3'}}"), false);

        assertThat(patched).isEqualTo(json("{'data': {'a': '1', 'c': '3'}, 'kind': 'ConfigMap'}"));
    }

    @Test
    void mergePatchReplacesListsWhole() {
        JsonNode target = json("{'containers': [{'name': 'app', 'image': 'a:1', 'env': []}]}");

        JsonNode patched = StrategicMerge.apply(target, json("{'containers': [{'name': 'app', 'image': 'a:2'}]}"),
                false);

        assertThat(patched).isEqualTo(json("{'containers': [{'name': 'app', 'image': 'a:2'}]}"));
    }

    @Test
    void strategicPatchMergesNamedListItemsByTheirKey() {
        JsonNode target = json("{'containers': [{'name': 'app', 'image': 'a:1', 'env': [{'name': 'X', 'value': "
                + "'1'}]}, {'name': 'side', 'image': 's:1'}]}");
        JsonNode patch = json("{'$setElementOrder/containers': [{'name': 'app'}, {'name': 'side'}], "
                + "'containers': [{'name': 'app', 'image': 'a:2'}]}");

        JsonNode patched = StrategicMerge.apply(target, patch, true);

        assertThat(patched).isEqualTo(json("{'containers': [{'name': 'app', 'image': 'a:2', 'env': [{'name': 'X', "
                + "'value': '1'}]}, {'name': 'side', 'image': 's:1'}]}"));
    }

    @Test
    void strategicPatchAddsNewItemsAndDeletesItemsMarkedForDeletion() {
        JsonNode target = json("{'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}]}");
        JsonNode patch = json("{'env': [{'name': 'B', '$patch': 'delete'}, {'name': 'C', 'value': '3'}]}");

        JsonNode patched = StrategicMerge.apply(target, patch, true);

        assertThat(patched).isEqualTo(json("{'env': [{'name': 'A', 'value': '1'}, {'name': 'C', 'value': '3'}]}"));
    }

    @Test
    void strategicPatchPutsItemsInTheOrderItNames() {
        JsonNode target = json("{'env': [{'name': 'A'}, {'name': 'B'}]}");
        JsonNode patch = json("{'$setElementOrder/env': [{'name': 'C'}, {'name': 'B'}, {'name': 'A'}], "
                + "'env': [{'name': 'C'}]}");

        JsonNode patched = StrategicMerge.apply(target, patch, true);

        assertThat(patched).isEqualTo(json("{'env': [{'name': 'C'}, {'name': 'B'}, {'name': 'A'}]}"));
    }

    @Test
    void strategicPatchKeysServicePortsByPortAndContainerPortsByContainerPort() {
        JsonNode service = json("{'ports': [{'port': 80, 'name': 'http'}, {'port': 443, 'name': 'https'}]}");
        JsonNode container = json("{'ports': [{'containerPort': 8000, 'name': 'http'}]}");

        JsonNode patchedService = StrategicMerge.apply(service, json("{'ports': [{'port': 443, 'name': 'tls'}]}"),
                true);
        JsonNode patchedContainer = StrategicMerge.apply(container,
                json("{'ports': [{'containerPort': 9000, 'name': 'metrics'}]}"), true);

        assertThat(patchedService).isEqualTo(json("{'ports': [{'port': 80, 'name': 'http'}, {'port': 443, "
                + "'name': 'tls'}]}"));
        assertThat(patchedContainer.path("ports")).hasSize(2);
    }

    @Test
    void strategicPatchReplacesAMapMarkedReplaceAndKeepsOnlyRetainedKeys() {
        JsonNode target = json("{'selector': {'a': '1', 'b': '2'}, 'strategy': {'type': 'RollingUpdate', "
                + "'rollingUpdate': {'maxSurge': 1}}}");
        JsonNode patch = json("{'selector': {'$patch': 'replace', 'c': '3'}, 'strategy': {'$retainKeys': ['type'], "
                + "'type': 'Recreate'}}");

        JsonNode patched = StrategicMerge.apply(target, patch, true);

        assertThat(patched).isEqualTo(json("{'selector': {'c': '3'}, 'strategy': {'type': 'Recreate'}}"));
    }

    @Test
    void strategicPatchDeletesValuesFromAPrimitiveList() {
        JsonNode target = json("{'finalizers': ['a', 'b', 'c']}");

        JsonNode patched = StrategicMerge.apply(target, json("{'$deleteFromPrimitiveList/finalizers': ['b']}"), true);

        assertThat(patched).isEqualTo(json("{'finalizers': ['a', 'c']}"));
    }

    @Test
    void leavesTheTargetAndThePatchAsTheyWere() {
        JsonNode target = json("{'env': [{'name': 'A', 'value': '1'}]}");
        JsonNode patch = json("{'env': [{'name': 'A', 'value': '2'}]}");

        StrategicMerge.apply(target, patch, true);

        assertThat(target).isEqualTo(json("{'env': [{'name': 'A', 'value': '1'}]}"));
        assertThat(patch).isEqualTo(json("{'env': [{'name': 'A', 'value': '2'}]}"));
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return Serialization.jsonMapper().readTree(singleQuoted.replace('\'', '"'));
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(ex);
        }
    }
}
