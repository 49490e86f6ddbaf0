package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/**
 * {@code replaced} is the blob of an earlier upload of the same part number, if any.
 * {@code startedAt} is when the gateway began receiving this upload of the part (null: unknown,
 * from records before it existed).
 */
public record PartUploaded(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, int partNumber,
    BlobRef blob, BlobRef replaced, Instant startedAt)
    implements Event {

  public PartUploaded(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId,
      int partNumber, BlobRef blob, BlobRef replaced) {
    this(commandId, bucket, sequence, at, key, uploadId, partNumber, blob, replaced, null);
  }
}
