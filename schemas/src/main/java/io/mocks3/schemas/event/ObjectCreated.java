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
    List<BlobRef> parts)
    implements Event {

  /** The blobs whose concatenation is the object. */
  public List<BlobRef> content() {
    return parts == null ? List.of(blob) : parts;
  }
}
