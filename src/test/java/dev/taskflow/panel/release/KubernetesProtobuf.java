package dev.taskflow.panel.release;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the Kubernetes protobuf encoding of a Secret into its JSON form. Helm stores its release records through
 * Go's typed client, which sends Secrets as protobuf; the mock only stores JSON. Field numbers come from
 * k8s.io/api/core/v1/generated.proto (Secret), apimachinery's meta/v1 (ObjectMeta) and runtime (Unknown).
 */
final class KubernetesProtobuf {

    static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

    /** Every Kubernetes protobuf body starts with these four bytes, before a runtime.Unknown envelope. */
    private static final byte[] MAGIC = { 'k', '8', 's', 0 };

    private KubernetesProtobuf() {
    }

    /** Returns the JSON of the Secret in this body; fails with a message for any other kind. */
    static ObjectNode secretAsJson(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("Not a Kubernetes protobuf body (no k8s\\0 prefix)");
        }
        Envelope envelope = envelope(new Reader(Arrays.copyOfRange(body, MAGIC.length, body.length)));
        if (!"Secret".equals(envelope.kind())) {
            throw new IllegalArgumentException("The Helm mock reads protobuf only for Secrets, not " + envelope.kind());
        }
        return secret(new Reader(envelope.raw()));
    }

    private record Envelope(String apiVersion, String kind, byte[] raw) {
    }

    private static Envelope envelope(Reader unknown) {
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        while (unknown.hasMore()) {
            int field = unknown.tag();
            switch (field) {
                case 1 -> {
                    Reader typeMeta = unknown.message();
                    while (typeMeta.hasMore()) {
                        int typeField = typeMeta.tag();
                        if (typeField == 1) {
                            apiVersion = typeMeta.string();
                        }
                        else if (typeField == 2) {
                            kind = typeMeta.string();
                        }
                        else {
                            typeMeta.skip();
                        }
                    }
                }
                case 2 -> raw = unknown.bytes();
                default -> unknown.skip();
            }
        }
        return new Envelope(apiVersion, kind, raw);
    }

    private static ObjectNode secret(Reader secret) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Secret");
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, String> stringData = new LinkedHashMap<>();
        while (secret.hasMore()) {
            switch (secret.tag()) {
                case 1 -> json.set("metadata", objectMeta(secret.message()));
                case 2 -> {
                    Map.Entry<String, byte[]> entry = mapEntry(secret.message());
                    data.put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue()));
                }
                case 3 -> json.put("type", secret.string());
                case 4 -> {
                    Map.Entry<String, byte[]> entry = mapEntry(secret.message());
                    stringData.put(entry.getKey(), new String(entry.getValue(), StandardCharsets.UTF_8));
                }
                case 5 -> json.put("immutable", secret.varint() != 0);
                default -> secret.skip();
            }
        }
        putAll(json, "data", data);
        putAll(json, "stringData", stringData);
        return json;
    }

    // Only the fields a client sets: the server's own (timestamps, managed fields) are the mock's to fill in
    private static ObjectNode objectMeta(Reader meta) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        while (meta.hasMore()) {
            switch (meta.tag()) {
                case 1 -> json.put("name", meta.string());
                case 2 -> json.put("generateName", meta.string());
                case 3 -> json.put("namespace", meta.string());
                case 5 -> json.put("uid", meta.string());
                case 6 -> json.put("resourceVersion", meta.string());
                case 7 -> json.put("generation", meta.varint());
                case 11 -> putEntry(labels, mapEntry(meta.message()));
                case 12 -> putEntry(annotations, mapEntry(meta.message()));
                case 14 -> json.withArray("finalizers").add(meta.string());
                default -> meta.skip();
            }
        }
        putAll(json, "labels", labels);
        putAll(json, "annotations", annotations);
        return json;
    }

    private static Map.Entry<String, byte[]> mapEntry(Reader entry) {
        String key = "";
        byte[] value = new byte[0];
        while (entry.hasMore()) {
            switch (entry.tag()) {
                case 1 -> key = entry.string();
                case 2 -> value = entry.bytes();
                default -> entry.skip();
            }
        }
        return Map.entry(key, value);
    }

    private static void putEntry(Map<String, String> map, Map.Entry<String, byte[]> entry) {
        map.put(entry.getKey(), new String(entry.getValue(), StandardCharsets.UTF_8));
    }

    private static void putAll(ObjectNode json, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode object = json.putObject(field);
            values.forEach(object::put);
        }
    }

    /** Protobuf's wire format: a tag (field number and wire type) before each value. */
    private static final class Reader {

        private final byte[] bytes;

        private int position;

        private int wireType;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        int tag() {
            long tag = varint();
            wireType = (int) (tag & 0x7);
            return (int) (tag >>> 3);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte next = bytes[position++];
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("Malformed protobuf varint");
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            return new Reader(bytes());
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> bytes();
                case 5 -> position += 4;
                default -> throw new IllegalArgumentException("Unsupported protobuf wire type " + wireType);
            }
        }
    }
}
