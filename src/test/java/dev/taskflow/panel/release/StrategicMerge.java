package dev.taskflow.panel.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON merge patch (RFC 7386) or the part of a Kubernetes strategic merge patch that Helm's three-way
 * patches use on ordinary workloads: lists of named things merged by key, {@code $patch: delete} on list items and
 * maps, {@code $setElementOrder}, {@code $retainKeys} and {@code $deleteFromPrimitiveList}.
 */
final class StrategicMerge {

    /** Lists that Kubernetes merges item by item, with the field that identifies an item (all else is replaced). */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "ephemeralContainers", "name", "env", "name", "volumes", "name", "volumeMounts", "name",
            "imagePullSecrets", "name", "hostAliases", "ip", "volumeDevices", "devicePath", "conditions", "type");

    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMerge() {
    }

    /** Returns the target with the patch applied; neither argument is changed. */
    static JsonNode apply(JsonNode target, JsonNode patch, boolean strategic) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        if (strategic && "replace".equals(patch.path("$patch").asText())) {
            return withoutDirectives((ObjectNode) patch);
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Map<String, JsonNode> orders = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (strategic && name.startsWith(SET_ELEMENT_ORDER)) {
                orders.put(name.substring(SET_ELEMENT_ORDER.length()), value);
            }
            else if (strategic && name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                removeValues(result, name.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
            }
            else if (strategic && name.startsWith("$")) {
                continue;
            }
            else if (value.isNull() || (strategic && "delete".equals(value.path("$patch").asText()))) {
                result.remove(name);
            }
            else {
                result.set(name, mergeField(name, result.get(name), value, strategic));
            }
        }
        orders.forEach((name, order) -> reorder(result, name, order));
        if (strategic && patch.has("$retainKeys")) {
            retainOnly(result, patch.get("$retainKeys"));
        }
        return result;
    }

    private static JsonNode mergeField(String name, JsonNode current, JsonNode value, boolean strategic) {
        if (value.isObject()) {
            return apply(current, value, strategic);
        }
        String key = mergeKey(name, value);
        if (strategic && value.isArray() && key != null && current != null && current.isArray()) {
            return mergeByKey((ArrayNode) current, (ArrayNode) value, key);
        }
        return value.deepCopy();
    }

    // Service and container ports are both called "ports" but keyed differently
    private static String mergeKey(String name, JsonNode items) {
        if (name.equals("ports")) {
            return items.size() > 0 && items.get(0).has("containerPort") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(name);
    }

    private static ArrayNode mergeByKey(ArrayNode current, ArrayNode patch, String key) {
        List<JsonNode> items = new ArrayList<>();
        current.forEach(item -> items.add(item.deepCopy()));
        for (JsonNode change : patch) {
            int index = indexOf(items, key, change.get(key));
            if ("delete".equals(change.path("$patch").asText())) {
                if (index >= 0) {
                    items.remove(index);
                }
            }
            else if (index >= 0) {
                items.set(index, apply(items.get(index), change, true));
            }
            else {
                items.add(apply(null, change, true));
            }
        }
        return JsonNodeFactory.instance.arrayNode().addAll(items);
    }

    private static int indexOf(List<JsonNode> items, String key, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (value != null && value.equals(items.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    // The order list names every item the list should end with, in order; items it does not name keep their place
    // after them
    private static void reorder(ObjectNode result, String name, JsonNode order) {
        JsonNode list = result.get(name);
        if (list == null || !list.isArray()) {
            return;
        }
        List<JsonNode> ordered = new ArrayList<>();
        List<JsonNode> remaining = new ArrayList<>();
        list.forEach(remaining::add);
        for (JsonNode wanted : order) {
            for (Iterator<JsonNode> items = remaining.iterator(); items.hasNext();) {
                JsonNode item = items.next();
                if (wanted.isObject() ? sameKeys(item, wanted) : item.equals(wanted)) {
                    ordered.add(item);
                    items.remove();
                    break;
                }
            }
        }
        ordered.addAll(remaining);
        result.set(name, JsonNodeFactory.instance.arrayNode().addAll(ordered));
    }

    private static boolean sameKeys(JsonNode item, JsonNode keys) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = keys.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().equals(item.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static void removeValues(ObjectNode result, String name, JsonNode values) {
        JsonNode list = result.get(name);
        if (list != null && list.isArray()) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            list.forEach(item -> {
                if (!contains(values, item)) {
                    kept.add(item);
                }
            });
            result.set(name, kept);
        }
    }

    private static void retainOnly(ObjectNode result, JsonNode keys) {
        List<String> names = new ArrayList<>();
        result.fieldNames().forEachRemaining(names::add);
        names.stream().filter(name -> !contains(keys, JsonNodeFactory.instance.textNode(name)))
                .forEach(result::remove);
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode withoutDirectives(ObjectNode patch) {
        ObjectNode copy = patch.deepCopy();
        copy.remove("$patch");
        return copy;
    }
}
