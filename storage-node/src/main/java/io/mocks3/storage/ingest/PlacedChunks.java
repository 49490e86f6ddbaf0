package io.mocks3.storage.ingest;

import io.micrometer.core.instrument.Counter;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobChunkSerde;
import io.mocks3.schemas.blob.Placement;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the blob chunks placed on this node, and only those: a chunk of a blob placed elsewhere is
 * judged by the id in its header and comes out as null (skipped, like a tombstone) without its payload
 * being copied, so a node of N reads the whole log but spends work on its own share of it.
 */
final class PlacedChunks implements Deserializer<BlobChunk> {
  private final BlobChunkSerde serde = new BlobChunkSerde();
  private final Placement placement;
  private final String nodeId;
  private final Counter skipped;

  /** @param skipped counts the chunks placed elsewhere; null for none */
  PlacedChunks(Placement placement, String nodeId, Counter skipped) {
    this.placement = placement;
    this.nodeId = nodeId;
    this.skipped = skipped;
  }

  @Override
  public BlobChunk deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (!placement.places(BlobChunkSerde.blobIdOf(topic, data), nodeId)) {
      if (skipped != null) {
        skipped.increment();
      }
      return null;
    }
    return serde.deserialize(topic, data);
  }
}
