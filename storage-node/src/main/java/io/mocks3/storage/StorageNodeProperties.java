package io.mocks3.storage;

import io.mocks3.kafkaconfig.KafkaSettings;
import io.mocks3.schemas.blob.Placement;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a storage node ({@code mocks3.*}).
 *
 * @param kafka where the broker is
 * @param nodeId this node's name; also its consumer group, so every node reads every blob chunk
 * @param dataDir root of this node's blobs; nothing is written outside it
 * @param storageNodeIds every storage node's id, this one's included (the gateway's {@code mocks3.storage-node-ids});
 *     empty: this node stores every blob (no placement)
 * @param replicationFactor how many of those nodes each blob is placed on ({@link Placement}); 0 for every node
 */
@ConfigurationProperties("mocks3")
public record StorageNodeProperties(KafkaSettings kafka, String nodeId, Path dataDir, @DefaultValue List<String> storageNodeIds,
    @DefaultValue("0") int replicationFactor) {

  public StorageNodeProperties {
    if (!storageNodeIds.isEmpty() && !storageNodeIds.contains(nodeId)) {
      throw new IllegalArgumentException("mocks3.node-id " + nodeId + " is not one of mocks3.storage-node-ids " + storageNodeIds
          + ": list every storage node's id there, this one's included");
    }
    if (storageNodeIds.isEmpty() && replicationFactor != 0) {
      throw new IllegalArgumentException("mocks3.replication-factor " + replicationFactor
          + " needs mocks3.storage-node-ids: every storage node's id, so that each node knows which blobs are its own");
    }
  }

  /** Which blobs this node stores: those placed on it, or every blob when no members are configured. */
  public Placement placement() {
    return storageNodeIds.isEmpty() ? Placement.everywhere(List.of(nodeId)) : new Placement(storageNodeIds, replicationFactor);
  }

  /** Whether the members are configured, so that the inventory can say which blobs belong here. */
  public boolean placed() {
    return !storageNodeIds.isEmpty();
  }
}
