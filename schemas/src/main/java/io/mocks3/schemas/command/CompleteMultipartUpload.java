package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Make {@code key} the concatenation of the chosen parts, in the client's order, if {@code condition} holds.
 *
 * @param checksums the whole object's checksums the client stated ({@code x-amz-checksum-*} on the
 *     request, base64, composite ones with their "-N"); the completion fails with BadDigest unless
 *     they match. Null or empty (records from before it existed): none.
 */
public record CompleteMultipartUpload(
    String commandId,
    BucketName bucket,
    ObjectKey key,
    String uploadId,
    List<ChosenPart> parts,
    WriteCondition condition,
    Instant issuedAt,
    Map<ChecksumAlgorithm, String> checksums)
    implements UploadCommand {

  public CompleteMultipartUpload {
    checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
  }

  public CompleteMultipartUpload(String commandId, BucketName bucket, ObjectKey key, String uploadId, List<ChosenPart> parts,
      WriteCondition condition, Instant issuedAt) {
    this(commandId, bucket, key, uploadId, parts, condition, issuedAt, null);
  }

  /**
   * A part as the client names it in CompleteMultipartUpload: number, ETag, and the checksums it
   * states for the part (base64; each must be the stored part's, else InvalidPart). Null (records
   * from before they existed): none.
   */
  public record ChosenPart(int partNumber, String etag, Map<ChecksumAlgorithm, String> checksums) {
    public ChosenPart {
      checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
    }

    public ChosenPart(int partNumber, String etag) {
      this(partNumber, etag, null);
    }
  }
}
