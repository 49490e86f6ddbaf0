package io.mocks3.schemas.blob;

import io.mocks3.schemas.BlobId;

/** Where an object's bytes live and what they are: blob id, length and hex MD5. */
public record BlobRef(BlobId id, long size, String md5Hex) {
  public BlobRef {
    if (size < 0) {
      throw new IllegalArgumentException("negative blob size");
    }
  }
}
