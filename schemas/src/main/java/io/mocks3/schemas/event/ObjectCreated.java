package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.ObjectMetadata;
import java.time.Instant;
import java.util.List;

/**
 * {@code key} now names new content; {@code replaced} is what it named before, if any.
 *
 * <p>A plain PUT's content is {@code blob}. A completed multipart upload ({@code uploadId} set)
 * is the concatenation of {@code parts}, unchanged and uncopied; its {@code blob} then describes
 * the whole (total size, multipart ETag "md5-of-md5s-N") and its id is the upload's id.
 *
 * <p>{@code versionId} is null in a bucket that never had versioning; "null" while versioning is
 * suspended; otherwise the new version's id. The key's previous current version stays as a
 * noncurrent version unless it had the same id, in which case it is {@code replaced}.
 */
public record ObjectCreated(
    String commandId,
    BucketName bucket,
    long sequence,
    Instant at,
    ObjectKey key,
    BlobRef blob,
    ObjectMetadata metadata,
    BlobRef replaced,
    String uploadId,
    List<BlobRef> parts,
    String versionId)
    implements Event {

  /** A write to a bucket that never had versioning. */
  public ObjectCreated(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, BlobRef blob,
      ObjectMetadata metadata, BlobRef replaced, String uploadId, List<BlobRef> parts) {
    this(commandId, bucket, sequence, at, key, blob, metadata, replaced, uploadId, parts, null);
  }

  /** The blobs whose concatenation is the object. */
  public List<BlobRef> content() {
    return parts == null ? List.of(blob) : parts;
  }
}
