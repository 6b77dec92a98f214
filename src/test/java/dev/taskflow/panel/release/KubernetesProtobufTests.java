package dev.taskflow.panel.release;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesProtobufTests {

    @Test
    void readsASecretWithItsMetadataDataAndType() {
        Proto metadata = new Proto().string(1, "sh.helm.release.v1.demo.v1").string(3, "default").string(6, "42")
                .message(11, new Proto().string(1, "owner").string(2, "helm"))
                .message(11, new Proto().string(1, "status").string(2, "deployed"));
        Proto secret = new Proto().message(1, metadata)
                .message(2, new Proto().string(1, "release").bytes(2, new byte[] { 'H', '4', 's', 'I', 0 }))
                .string(3, "helm.sh/release.v1")
                .message(4, new Proto().string(1, "note").string(2, "plain"));

        ObjectNode json = KubernetesProtobuf.secretAsJson(envelope("Secret", secret));

        assertThat(json.path("kind").asText()).isEqualTo("Secret");
        assertThat(json.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(json.path("type").asText()).isEqualTo("helm.sh/release.v1");
        assertThat(json.path("metadata").path("name").asText()).isEqualTo("sh.helm.release.v1.demo.v1");
        assertThat(json.path("metadata").path("namespace").asText()).isEqualTo("default");
        assertThat(json.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
        assertThat(json.path("metadata").path("labels").path("owner").asText()).isEqualTo("helm");
        assertThat(json.path("metadata").path("labels").path("status").asText()).isEqualTo("deployed");
        // Secret data is bytes in protobuf and base64 in JSON
        assertThat(json.path("data").path("release").asText()).isEqualTo("SDRzSQA=");
        assertThat(json.path("stringData").path("note").asText()).isEqualTo("plain");
    }

    @Test
    void skipsFieldsItDoesNotRead() {
        Proto metadata = new Proto().string(1, "demo").message(8, new Proto().varint(1, 1_795_314_507L))
                .varint(7, 3);
        Proto secret = new Proto().message(1, metadata).varint(5, 1).fixed64(99).string(3, "Opaque");

        ObjectNode json = KubernetesProtobuf.secretAsJson(envelope("Secret", secret));

        assertThat(json.path("metadata").path("name").asText()).isEqualTo("demo");
        assertThat(json.path("metadata").path("generation").asLong()).isEqualTo(3);
        assertThat(json.path("metadata").has("creationTimestamp")).isFalse();
        assertThat(json.path("immutable").asBoolean()).isTrue();
        assertThat(json.path("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void refusesABodyWithoutTheKubernetesPrefix() {
        byte[] json = "{\"kind\":\"Secret\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> KubernetesProtobuf.secretAsJson(json)).hasMessageContaining("k8s\\0 prefix");
    }

    @Test
    void refusesKindsOtherThanSecret() {
        byte[] configMap = envelope("ConfigMap", new Proto().message(1, new Proto().string(1, "demo")));

        assertThatThrownBy(() -> KubernetesProtobuf.secretAsJson(configMap))
                .hasMessageContaining("only for Secrets, not ConfigMap");
    }

    private static byte[] envelope(String kind, Proto object) {
        Proto unknown = new Proto().message(1, new Proto().string(1, "v1").string(2, kind))
                .bytes(2, object.toBytes()).string(4, KubernetesProtobuf.CONTENT_TYPE);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] { 'k', '8', 's', 0 });
        body.writeBytes(unknown.toBytes());
        return body.toByteArray();
    }

    /** Writes protobuf's wire format, enough to build the bodies Go's client sends. */
    private static final class Proto {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto bytes(int field, byte[] value) {
            writeVarint((long) field << 3 | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto message(int field, Proto message) {
            return bytes(field, message.toBytes());
        }

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto fixed64(int field) {
            writeVarint((long) field << 3 | 1);
            out.writeBytes(new byte[8]);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) (rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
