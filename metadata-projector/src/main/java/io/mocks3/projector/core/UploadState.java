package io.mocks3.projector.core;

import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.UploadChecksum;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multipart upload: its key and metadata, the latest blob of each part number and when that
 * blob's upload started, the checksum it declared, and once completed, what the completion made (a
 * completed upload is kept so that a client retrying its completion hears the same answer).
 * Fields added later read as null from older stored states.
 */
public record UploadState(String key, ObjectMetadata metadata, Instant initiatedAt, Map<Integer, BlobRef> parts,
    Map<Integer, Instant> partStarts, UploadChecksum checksum, Completion completion) {

  /** What a completion made: the object's blob and version id, and the part blobs, in order. */
  public record Completion(BlobRef object, String versionId, List<BlobRef> parts) {
    public Completion {
      parts = List.copyOf(parts);
    }
  }

  public UploadState {
    parts = parts == null ? Map.of() : Map.copyOf(parts);
    partStarts = partStarts == null ? Map.of() : Map.copyOf(partStarts);
  }

  public UploadState(String key, ObjectMetadata metadata, Instant initiatedAt, Map<Integer, BlobRef> parts) {
    this(key, metadata, initiatedAt, parts, null, null, null);
  }

  boolean completed() {
    return completion != null;
  }

  /** When part {@code partNumber}'s current blob started uploading; null when unknown or absent. */
  Instant started(int partNumber) {
    return partStarts.get(partNumber);
  }

  UploadState withPart(int partNumber, BlobRef blob, Instant startedAt) {
    Map<Integer, BlobRef> next = new TreeMap<>(parts);
    next.put(partNumber, blob);
    Map<Integer, Instant> starts = new TreeMap<>(partStarts);
    if (startedAt == null) {
      starts.remove(partNumber);
    } else {
      starts.put(partNumber, startedAt);
    }
    return new UploadState(key, metadata, initiatedAt, next, starts, checksum, completion);
  }

  UploadState completedAs(Completion done) {
    return new UploadState(key, metadata, initiatedAt, parts, partStarts, checksum, done);
  }
}
