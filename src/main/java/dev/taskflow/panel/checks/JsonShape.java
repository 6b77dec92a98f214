package dev.taskflow.panel.checks;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * The shape of a JSON value: object keys with their types, array element shape, scalar types; never values. Two
 * deployments that behave the same answer with the same shapes.
 */
final class JsonShape {

    private JsonShape() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "none";
        }
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            node.properties().forEach(entry -> fields.put(entry.getKey(), of(entry.getValue())));
            StringBuilder shape = new StringBuilder("{");
            fields.forEach((key, value) -> shape.append(shape.length() > 1 ? ", " : "").append(key).append(": ")
                    .append(value));
            return shape.append('}').toString();
        }
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + of(node.get(0)) + "]";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        return "string";
    }
}
