package io.mocks3.projector.core;

import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.ObjectMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** An open multipart upload: its key and metadata, and the latest blob of each part number. */
public record UploadState(String key, ObjectMetadata metadata, Instant initiatedAt, Map<Integer, BlobRef> parts) {
  public UploadState {
    parts = parts == null ? Map.of() : Map.copyOf(parts);
  }

  UploadState withPart(int partNumber, BlobRef blob) {
    Map<Integer, BlobRef> next = new TreeMap<>(parts);
    next.put(partNumber, blob);
    return new UploadState(key, metadata, initiatedAt, next);
  }
}
