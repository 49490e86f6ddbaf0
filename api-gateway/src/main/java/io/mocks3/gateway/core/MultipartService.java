package io.mocks3.gateway.core;

import io.mocks3.gateway.metadata.MetadataView;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.command.AbortMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.CreateMultipartUpload;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.UploadPart;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Multipart uploads. Parts are blobs like any PUT body; completing binds the key to the ordered
 * list of part blobs, so nothing is copied and the object is readable as soon as it completes.
 * Every rule (order, ETags, minimum part size) is checked by the projector, against the log.
 */
public final class MultipartService {
  public static final int MAX_PART_NUMBER = 10_000;
  private final BucketService buckets;
  private final BodyIntake intake;
  private final WriteCoordinator writes;
  private final MetadataView metadata;
  private final Clock clock;

  public MultipartService(BucketService buckets, BodyIntake intake, WriteCoordinator writes, MetadataView metadata,
      Clock clock) {
    this.buckets = buckets;
    this.intake = intake;
    this.writes = writes;
    this.metadata = metadata;
    this.clock = clock;
  }

  /** Returns the new upload's id. */
  public String create(String bucket, String key, ObjectMetadata objectMetadata, Consistency mode) {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    String uploadId = UUID.randomUUID().toString();
    writes.submit(new CreateMultipartUpload(commandId(), name, objectKey, uploadId, objectMetadata, clock.instant()),
        null, null, mode);
    return uploadId;
  }

  /** Stores one part; returns its quoted ETag. */
  public String uploadPart(String bucket, String key, String uploadId, String partNumber, InputStream body,
      String contentMd5, Consistency mode) throws IOException {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    int number = partNumber(partNumber);
    if (mode == Consistency.STRONG) {
      requireUpload(bucket, key, uploadId);
    }
    BodyIntake.Blob blob = intake.take(body, contentMd5, mode);
    writes.submit(new UploadPart(commandId(), name, objectKey, uploadId, number, blob.ref(), clock.instant()),
        blob.ref().id(), blob.confirmation(), mode);
    return "\"" + blob.ref().md5Hex() + "\"";
  }

  /** Completes the upload; returns the object's quoted multipart ETag (strong mode), else null. */
  public String complete(String bucket, String key, String uploadId, List<ChosenPart> parts, Consistency mode) {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    if (parts.isEmpty()) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "CompleteMultipartUpload names no parts");
    }
    Event event = writes.submit(new CompleteMultipartUpload(commandId(), name, objectKey, uploadId, parts, clock.instant()),
        null, null, mode);
    return event instanceof ObjectCreated created ? "\"" + created.blob().md5Hex() + "\"" : null;
  }

  public void abort(String bucket, String key, String uploadId, Consistency mode) {
    writes.submit(new AbortMultipartUpload(commandId(), Names.bucket(bucket), Names.key(key), uploadId, clock.instant()),
        null, null, mode);
  }

  private void requireUpload(String bucket, String key, String uploadId) {
    buckets.require(bucket);
    metadata.upload(bucket, uploadId)
        .filter(u -> u.key().equals(key))
        .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD));
  }

  private static int partNumber(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_PART_NUMBER) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the S3 error
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive");
  }

  private static String commandId() {
    return UUID.randomUUID().toString();
  }
}
