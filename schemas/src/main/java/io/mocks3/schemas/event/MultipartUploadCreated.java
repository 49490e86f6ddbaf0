package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Owner;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.UploadChecksum;
import java.time.Instant;

/**
 * {@code checksum}: what the completed object's additional checksum is to be; null for none declared.
 * {@code initiator}: who started it; null for uploads created before owners were kept.
 */
public record MultipartUploadCreated(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, ObjectMetadata metadata,
    UploadChecksum checksum, Owner initiator)
    implements Event {
  public MultipartUploadCreated(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId,
      ObjectMetadata metadata, UploadChecksum checksum) {
    this(commandId, bucket, sequence, at, key, uploadId, metadata, checksum, null);
  }


  public MultipartUploadCreated(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId,
      ObjectMetadata metadata) {
    this(commandId, bucket, sequence, at, key, uploadId, metadata, null, null);
  }
}
