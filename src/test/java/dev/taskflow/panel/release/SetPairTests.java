package dev.taskflow.panel.release;

import java.util.List;

import dev.taskflow.panel.pipeline.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetPairTests {

    @Test
    void pairsParseWithDottedAndIndexedKeysAndBlankLinesAreSkipped() {
        List<SetPair> pairs = SetPair.parseAll(List.of("backend.replicaCount=3", "", " ingress.hosts[0] = todo.local ",
                "secrets.corsOrigins=http://a\\,http://b"));

        assertThat(pairs).containsExactly(new SetPair("backend.replicaCount", "3"),
                new SetPair("ingress.hosts[0]", "todo.local"), new SetPair("secrets.corsOrigins", "http://a\\,http://b"));
    }

    @Test
    void everyPairThatDoesNotParseIsNamedByPositionWithoutItsValue() {
        assertThatThrownBy(() -> SetPair.parseAll(List.of("backend.replicaCount=3", "replicas", "=5",
                "bad key=hunter2-secret")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("#2 'replicas'").hasMessageContaining("#3 ''")
                .hasMessageContaining("#4 'bad key'").hasMessageContaining("backend.replicaCount=3 or")
                .hasMessageNotContaining("hunter2-secret");
    }
}
