package io.mocks3.readmodel;

import io.mocks3.schemas.Owner;
import java.time.Instant;
import java.util.Map;

/**
 * An open multipart upload as the read model holds it; {@code initiator} null for uploads from before
 * owners were kept; {@code headers} the headers its object will be stored with (its encryption among them).
 */
public record UploadRow(String uploadId, String key, Instant initiatedAt, Owner initiator, Map<String, String> headers) {
  public UploadRow {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public UploadRow(String uploadId, String key, Instant initiatedAt) {
    this(uploadId, key, initiatedAt, null, Map.of());
  }
}
