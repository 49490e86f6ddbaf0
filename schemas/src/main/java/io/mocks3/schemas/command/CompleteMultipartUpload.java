package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;
import java.util.List;

/** Make {@code key} the concatenation of the chosen parts, in the client's order, if {@code condition} holds. */
public record CompleteMultipartUpload(
    String commandId,
    BucketName bucket,
    ObjectKey key,
    String uploadId,
    List<ChosenPart> parts,
    WriteCondition condition,
    Instant issuedAt)
    implements UploadCommand {

  /** A part as the client names it in CompleteMultipartUpload: number and (unquoted) ETag. */
  public record ChosenPart(int partNumber, String etag) {}
}
