package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/**
 * Part {@code partNumber} (1..10000) of an upload is the blob already on {@code mocks3.blobs}.
 *
 * @param startedAt when the gateway began receiving the part's body: of two uploads of one part
 *     number, the one started last wins, as in S3, whichever finished last. Null (records from
 *     before it existed): the order of the log decides.
 */
public record UploadPart(
    String commandId, BucketName bucket, ObjectKey key, String uploadId, int partNumber, BlobRef blob, Instant issuedAt,
    Instant startedAt)
    implements UploadCommand {

  public UploadPart(String commandId, BucketName bucket, ObjectKey key, String uploadId, int partNumber, BlobRef blob,
      Instant issuedAt) {
    this(commandId, bucket, key, uploadId, partNumber, blob, issuedAt, null);
  }
}
