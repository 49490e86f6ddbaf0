package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Owner;
import java.time.Instant;

/**
 * Start a multipart upload of {@code key}; the gateway chose {@code uploadId}.
 *
 * @param checksum the additional checksum the completed object carries and how it is made
 *     ({@code x-amz-checksum-algorithm}, {@code x-amz-checksum-type}); null for none declared
 * @param initiator who started the upload; null in commands written before owners were kept
 */
public record CreateMultipartUpload(
    String commandId, BucketName bucket, ObjectKey key, String uploadId, ObjectMetadata metadata, Instant issuedAt,
    UploadChecksum checksum, Owner initiator)
    implements UploadCommand {
  public CreateMultipartUpload(String commandId, BucketName bucket, ObjectKey key, String uploadId, ObjectMetadata metadata,
      Instant issuedAt, UploadChecksum checksum) {
    this(commandId, bucket, key, uploadId, metadata, issuedAt, checksum, null);
  }


  public CreateMultipartUpload(String commandId, BucketName bucket, ObjectKey key, String uploadId, ObjectMetadata metadata,
      Instant issuedAt) {
    this(commandId, bucket, key, uploadId, metadata, issuedAt, null, null);
  }
}
