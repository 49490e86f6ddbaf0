package io.mocks3.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The placement settings as application.yaml and the environment give them. */
class StorageNodePropertiesTest {
  private static StorageNodeProperties bind(String ids, String factor) {
    Map<String, String> source = new HashMap<>(Map.of("mocks3.node-id", "node-2", "mocks3.data-dir", "/tmp/x",
        "mocks3.kafka.bootstrap-servers", "k:9092", "mocks3.storage-node-ids", ids, "mocks3.replication-factor", factor));
    return new Binder(new MapConfigurationPropertySource(source)).bind("mocks3", StorageNodeProperties.class).get();
  }

  @Test
  void emptyIdsMeanEveryBlobOnThisNode() {
    StorageNodeProperties props = bind("", "0");
    assertThat(props.storageNodeIds()).isEmpty();
    assertThat(props.placed()).isFalse();
  }

  @Test
  void listedIdsPlaceBlobs_AndThisNodeMustBeOneOfThem() {
    assertThat(bind("node-1,node-2,node-3", "2").placement().copies()).isEqualTo(2);
    assertThatThrownBy(() -> bind("node-1,node-3", "1")).hasRootCauseMessage(
        "mocks3.node-id node-2 is not one of mocks3.storage-node-ids [node-1, node-3]: list every storage node's id there, this one's included");
  }
}
