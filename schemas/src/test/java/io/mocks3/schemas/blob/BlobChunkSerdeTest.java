package io.mocks3.schemas.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.BlobId;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BlobChunkSerdeTest {
  @Test
  void aChunksBlobIsReadFromItsHeaderAlone() {
    BlobChunk chunk = new BlobChunk(BlobId.random(), 0, 0, true, 3, new byte[] {1, 2, 3});
    byte[] wire = new BlobChunkSerde().serialize("t", chunk);
    assertThat(BlobChunkSerde.blobIdOf("t", wire)).isEqualTo(chunk.blobId());
  }

  @Test
  void aCorruptOrUnknownHeaderIsASerializationError() {
    assertThatThrownBy(() -> BlobChunkSerde.blobIdOf("t", new byte[] {1, 40, 1})).isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> BlobChunkSerde.blobIdOf("t", new byte[] {99, 1, 1})).isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 99");
  }
}
