package io.mocks3.schemas.blob;

import io.mocks3.schemas.BlobId;

/**
 * A slice of a blob's bytes at {@code offset}. Chunks of one blob share its key, so they arrive
 * in order on one partition; writing a chunk at its offset makes redelivery harmless. The last
 * chunk carries the blob's total size.
 */
public record BlobChunk(BlobId blobId, int index, long offset, boolean last, long totalSize, byte[] bytes) {
  /** Chunk payload size the gateway cuts bodies into; fits well under the topic's message limit. */
  public static final int DEFAULT_CHUNK_BYTES = 512 * 1024;

  public BlobChunk {
    if (index < 0 || offset < 0) {
      throw new IllegalArgumentException("negative chunk index or offset");
    }
    if (last && totalSize != offset + bytes.length) {
      throw new IllegalArgumentException("last chunk must end at the blob's total size");
    }
  }
}
