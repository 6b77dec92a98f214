package dev.taskflow.panel.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.taskflow.panel.support.ClusterConnection;
import dev.taskflow.panel.support.ClusterUnavailableException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the release records Helm keeps in the cluster. Helm 3 stores each revision as a Secret labelled
 * {@code owner=helm,name=<release>,version=<N>} whose {@code release} entry is base64 of gzipped JSON (and the
 * Secret's data is base64 again, as all Secret data is).
 */
@Component
class ReleaseRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClusterConnection cluster;

    ReleaseRecords(ClusterConnection cluster) {
        this.cluster = cluster;
    }

    /** Every stored revision of the release, oldest first. */
    List<ReleaseRecord> all(String release, String namespace) {
        try {
            KubernetesClient client = cluster.client();
            return client.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", release)
                    .list().getItems().stream().map(ReleaseRecords::decode)
                    .sorted(Comparator.comparingInt(ReleaseRecord::revision)).toList();
        }
        catch (ClusterUnavailableException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw ReleaseOperationException.from("history", release, namespace, ex.getMessage());
        }
    }

    ReleaseRecord revision(String release, String namespace, int revision) {
        return all(release, namespace).stream().filter(record -> record.revision() == revision).findFirst()
                .orElseThrow(() -> new RevisionNotFoundException(release, revision,
                        all(release, namespace).stream().map(ReleaseRecord::revision).toList()));
    }

    static ReleaseRecord decode(Secret secret) {
        String stored = secret.getData() == null ? null : secret.getData().get("release");
        if (stored == null) {
            throw new IllegalStateException("Secret " + secret.getMetadata().getName() + " holds no release record");
        }
        byte[] helmPayload = Base64.getDecoder().decode(Base64.getDecoder().decode(stored));
        JsonNode release = JSON.readTree(gunzipIfNeeded(helmPayload));
        JsonNode info = release.path("info");
        JsonNode metadata = release.path("chart").path("metadata");
        Map<String, Object> config = release.path("config").isObject()
                ? JSON.convertValue(release.path("config"), new TypeReference<LinkedHashMap<String, Object>>() {
                })
                : Map.of();
        String deployed = info.path("last_deployed").asString(null);
        return new ReleaseRecord(release.path("name").asString(), release.path("version").asInt(),
                info.path("status").asString(""), info.path("description").asString(""),
                deployed == null ? null : java.time.OffsetDateTime.parse(deployed).toInstant(),
                metadata.path("name").asString(""), metadata.path("version").asString(""), config,
                release.path("manifest").asString(""), release.path("chart"));
    }

    private static byte[] gunzipIfNeeded(byte[] payload) {
        boolean gzipped = payload.length > 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
        if (!gzipped) {
            return payload;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new IllegalStateException("A Helm release record is not valid gzip: " + ex.getMessage(), ex);
        }
    }
}
