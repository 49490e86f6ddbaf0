package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.UploadChecksum;
import java.time.Instant;

/** {@code checksum}: what the completed object's additional checksum is to be; null for none declared. */
public record MultipartUploadCreated(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, ObjectMetadata metadata,
    UploadChecksum checksum)
    implements Event {

  public MultipartUploadCreated(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId,
      ObjectMetadata metadata) {
    this(commandId, bucket, sequence, at, key, uploadId, metadata, null);
  }
}
