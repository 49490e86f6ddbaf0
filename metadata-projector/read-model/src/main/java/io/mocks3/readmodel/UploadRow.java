package io.mocks3.readmodel;

import io.mocks3.schemas.Owner;
import java.time.Instant;

/** An open multipart upload as the read model holds it; {@code initiator} null for uploads from before owners were kept. */
public record UploadRow(String uploadId, String key, Instant initiatedAt, Owner initiator) {
  public UploadRow(String uploadId, String key, Instant initiatedAt) {
    this(uploadId, key, initiatedAt, null);
  }
}
