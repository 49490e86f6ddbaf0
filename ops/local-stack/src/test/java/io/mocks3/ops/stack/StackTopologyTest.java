package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTopologyTest {
  @Test
  void namesPortsAndIdsFollowTheCounts() {
    StackTopology topology = new StackTopology(4, 2, 2, 2);
    assertThat(topology.storageNodes()).containsExactly("storage-node-1", "storage-node-2", "storage-node-3", "storage-node-4");
    assertThat(topology.nodeIds()).containsExactly("node-1", "node-2", "node-3", "node-4");
    assertThat(topology.projectorNames()).containsExactly("metadata-projector-1", "metadata-projector-2");
    assertThat(StackTopology.DEFAULT.projectorNames()).containsExactly("metadata-projector");
    assertThat(StackTopology.basePort("storage-node-2")).isEqualTo(StackLayout.STORAGE_2);
    assertThat(StackTopology.basePort("storage-node-4")).isEqualTo(8382);
    assertThat(StackTopology.basePort("metadata-projector")).isEqualTo(StackLayout.PROJECTOR);
    assertThat(StackTopology.basePort("metadata-projector-2")).isEqualTo(8181);
    assertThat(StackTopology.basePort("task-workers")).isEqualTo(-1);
  }

  @Test
  void countsOutOfRangeAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> new StackTopology(0, 1, 0, 1)).hasMessageContaining("--nodes");
    assertThatThrownBy(() -> new StackTopology(2, 10, 0, 1)).hasMessageContaining("--projectors");
    assertThatThrownBy(() -> new StackTopology(2, 1, 3, 1)).hasMessageContaining("--replication-factor");
    assertThatThrownBy(() -> new StackTopology(4, 1, 2, 3)).hasMessageContaining("--write-quorum");
    assertThat(new StackTopology(4, 1, 0, 4).writeQuorum()).isEqualTo(4);
  }

  @Test
  void withKeepsWhatIsNotGiven_AndShrinksAQuorumThatNoLongerFits() {
    StackTopology four = new StackTopology(4, 1, 0, 3);
    assertThat(four.with(2, null, null, null)).isEqualTo(new StackTopology(2, 1, 0, 2));
    assertThat(four.with(null, 2, 2, null)).isEqualTo(new StackTopology(4, 2, 2, 2));
    assertThat(new StackTopology(4, 1, 3, 1).with(2, null, null, null)).isEqualTo(new StackTopology(2, 1, 0, 1));
  }

  @Test
  void theStoredTopologyIsReadBack(@TempDir Path home) throws Exception {
    assertThat(StackTopology.stored(home)).isEmpty();
    new StackTopology(3, 2, 2, 1).store(home);
    assertThat(StackTopology.stored(home)).contains(new StackTopology(3, 2, 2, 1));
  }

  @Test
  void theConsoleIsToldOfEveryNodeAndProjectorOfTheTopology() {
    StackLayout layout = new StackLayout(Path.of("."), Path.of("target/topology-test"), 10000, "java", null, new StackTopology(4, 2, 2, 2));
    Part controller = new StackServices(layout).parts().stream().filter(p -> p.name().equals("fault-controller")).findFirst().orElseThrow();
    String services = controller.command().stream().filter(a -> a.startsWith("--mocks3.console.services=")).findFirst().orElseThrow();
    assertThat(services.substring(services.indexOf('=') + 1).split(",")).containsExactlyInAnyOrder(
        "api-gateway=http://127.0.0.1:18080", "metadata-projector-1=http://127.0.0.1:18081",
        "metadata-projector-2=http://127.0.0.1:18181", "storage-node-1=http://127.0.0.1:18082",
        "storage-node-2=http://127.0.0.1:18182", "storage-node-3=http://127.0.0.1:18282",
        "storage-node-4=http://127.0.0.1:18382", "task-workers=http://127.0.0.1:18083",
        "fault-controller=http://127.0.0.1:18085");
  }
}
