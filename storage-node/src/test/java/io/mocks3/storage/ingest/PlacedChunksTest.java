package io.mocks3.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobChunkSerde;
import io.mocks3.schemas.blob.Placement;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacedChunksTest {
  private final Placement placement = new Placement(List.of("node-1", "node-2", "node-3", "node-4"), 2);
  private final BlobChunkSerde serde = new BlobChunkSerde();

  @Test
  void aNodeDecodesTheChunksOfItsOwnBlobs_AndCountsTheOthersAsSkipped() {
    Counter skipped = new SimpleMeterRegistry().counter("skipped");
    PlacedChunks chunks = new PlacedChunks(placement, "node-3", skipped);
    List<BlobId> blobs = IntStream.range(0, 200).mapToObj(i -> BlobId.random()).toList();
    int mine = 0;
    for (BlobId blob : blobs) {
      byte[] wire = serde.serialize("t", new BlobChunk(blob, 0, 0, true, 2, new byte[] {7, 8}));
      BlobChunk decoded = chunks.deserialize("t", wire);
      if (placement.nodesFor(blob).contains("node-3")) {
        mine++;
        assertThat(decoded).isNotNull();
        assertThat(decoded.bytes()).containsExactly(7, 8);
      } else {
        assertThat(decoded).isNull();
      }
    }
    assertThat(mine).isBetween(70, 130);
    assertThat(skipped.count()).isEqualTo(200 - mine);
    assertThat(chunks.deserialize("t", null)).isNull();
  }

  @Test
  void withoutMembersANodeStoresEveryBlob() {
    PlacedChunks chunks = new PlacedChunks(Placement.everywhere(List.of("node-9")), "node-9", null);
    byte[] wire = serde.serialize("t", new BlobChunk(BlobId.random(), 0, 0, true, 1, new byte[] {1}));
    assertThat(chunks.deserialize("t", wire)).isNotNull();
  }
}
