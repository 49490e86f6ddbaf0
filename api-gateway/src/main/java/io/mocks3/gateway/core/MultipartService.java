package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.metadata.MetadataView;
import io.mocks3.readmodel.BucketRow;
import io.mocks3.readmodel.PartRow;
import io.mocks3.readmodel.UploadRow;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Owner;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.AbortMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CreateMultipartUpload;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.UploadPart;
import io.mocks3.schemas.command.UploadChecksum;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.MultipartCompletionRepeated;
import io.mocks3.schemas.event.MultipartUploadCreated;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.sse.Encryption;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Multipart uploads. Parts are blobs like any PUT body; completing binds the key to the ordered
 * list of part blobs, so nothing is copied and the object is readable as soon as it completes.
 * Every rule (order, ETags, minimum part size, preconditions) is checked by the projector,
 * against the log.
 */
public final class MultipartService {
  public static final int MAX_PART_NUMBER = 10_000;
  private final BucketService buckets;
  private final ObjectService objects;
  private final BodyIntake intake;
  private final WriteCoordinator writes;
  private final MetadataView metadata;
  private final Clock clock;

  public MultipartService(BucketService buckets, ObjectService objects, BodyIntake intake, WriteCoordinator writes,
      MetadataView metadata, Clock clock) {
    this.buckets = buckets;
    this.objects = objects;
    this.intake = intake;
    this.writes = writes;
    this.metadata = metadata;
    this.clock = clock;
  }

  /**
   * A new upload: its id, and the encryption its object will have (S3's answer headers: the
   * projector's decision, the bucket's default included, in strong mode; what the request named in
   * eventual mode).
   */
  public record CreatedUpload(String uploadId, Map<String, String> encryption) {}

  /** @param checksum the checksum the completed object is to carry; null for none declared */
  public CreatedUpload create(String bucket, String key, ObjectMetadata objectMetadata, UploadChecksum checksum, Owner initiator,
      Consistency mode) {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    String uploadId = UUID.randomUUID().toString();
    Event event = writes.submit(new CreateMultipartUpload(commandId(), name, objectKey, uploadId, objectMetadata, clock.instant(),
        checksum, initiator), null, null, ObjectService.decided(mode, objectMetadata));
    ObjectMetadata decided = event instanceof MultipartUploadCreated created ? created.metadata() : objectMetadata;
    return new CreatedUpload(uploadId, Encryption.answered(decided.headers() == null ? Map.of() : decided.headers()));
  }

  /**
   * A stored part and what its answer names: its blob (MD5 = the part's ETag, checksums) and its
   * upload's encryption (S3's answer headers; none in eventual mode, where the upload is not read).
   */
  public record StoredPart(BlobRef blob, Map<String, String> encryption) {}

  /**
   * Stores one part. The time its body began to arrive goes with it: of two uploads of one part, the
   * one started last keeps the part. In strong mode the upload must exist, and a part of an upload
   * created with an SSE-C key must come with that key ({@code customerKeyMd5}, null for none).
   */
  public StoredPart uploadPart(String bucket, String key, String uploadId, String partNumber, String customerKeyMd5,
      InputStream body, Integrity integrity, Consistency mode) throws IOException {
    Instant started = clock.instant();
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    int number = partNumber(partNumber);
    UploadRow upload = null;
    if (mode == Consistency.STRONG) {
      upload = requireUpload(bucket, key, uploadId);
      CustomerKeys.checkPart(upload, customerKeyMd5);
    }
    BodyIntake.Blob blob = intake.take(body, integrity, mode);
    writes.submit(new UploadPart(commandId(), name, objectKey, uploadId, number, blob.ref(), clock.instant(), started),
        blob.ref().id(), blob.confirmation(), mode);
    return new StoredPart(blob.ref(), upload == null ? Map.of() : Encryption.answered(upload.headers()));
  }

  /**
   * A copied part carries every checksum: S3 computes the upload's declared algorithm for it, and
   * the read model does not keep which one was declared (the projector's completion picks it).
   */
  private static final Integrity COPIED_PART =
      new Integrity(null, java.util.EnumSet.allOf(io.mocks3.schemas.blob.ChecksumAlgorithm.class), java.util.Map.of(),
          java.util.Map::of);

  /**
   * UploadPartCopy: the part is the source object's bytes (of the version named, else the current
   * one) in the range (all when none), read from the storage nodes and taken in as a new blob.
   */
  public StoredPart uploadPartCopy(PartCopyRequest request) throws IOException {
    StoredObject source = objects.get(request.sourceBucket(), request.sourceKey(), request.sourceVersionId());
    CustomerKeys.check(source.row(), request.sourceCustomerKeyMd5());
    if (request.sourceConditions().evaluate(source.row().etag(), source.row().lastModified()) != ReadConditions.Outcome.PROCEED) {
      throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
    }
    ByteRange range = request.range() == null ? null : ByteRange.parseCopySource(request.range(), source.row().size());
    try (InputStream body = source.row().size() == 0 ? InputStream.nullInputStream() : objects.open(source, range)) {
      return uploadPart(request.bucket(), request.key(), request.uploadId(), request.partNumber(), request.customerKeyMd5(),
          body, COPIED_PART, request.consistency());
    }
  }

  /**
   * Completes the upload; in strong mode returns the object's blob (multipart ETag) and version id,
   * else nulls. A completion repeated with the same parts (a client retrying after a lost answer)
   * returns what the first one made.
   */
  public ObjectService.Written complete(CompleteRequest request) {
    BucketName name = Names.bucket(request.bucket());
    ObjectKey objectKey = Names.key(request.key());
    if (request.parts().isEmpty()) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "CompleteMultipartUpload names no parts");
    }
    if (request.customerKeyMd5() != null) {
      metadata.upload(request.bucket(), request.uploadId()).ifPresent(u -> CustomerKeys.checkStated(u, request.customerKeyMd5()));
    }
    Consistency mode = ObjectService.decided(request.consistency(), request.condition());
    BucketRow bucket = mode == Consistency.STRONG ? buckets.require(name.value()) : null;
    Event event = writes.submit(new CompleteMultipartUpload(commandId(), name, objectKey, request.uploadId(), request.parts(),
        request.condition(), clock.instant(), request.checksums()), null, null, mode);
    if (event instanceof MultipartCompletionRepeated repeated) {
      return new ObjectService.Written(repeated.blob(), repeated.versionId(), Encryption.answered(Map.of()));
    }
    return event instanceof ObjectCreated created
        ? new ObjectService.Written(created.blob(), created.versionId(), Encryption.answered(created.metadata().headers()),
            objects.expiry(bucket, objectKey.value(), created.blob().size(), created.metadata().tags(), created.at()))
        : new ObjectService.Written(null, null, Encryption.answered(Map.of()));
  }

  public void abort(String bucket, String key, String uploadId, Consistency mode) {
    writes.submit(new AbortMultipartUpload(commandId(), Names.bucket(bucket), Names.key(key), uploadId, clock.instant()),
        null, null, mode);
  }

  /** ListParts: parts numbered above {@code after}, at most {@code limit} (plus one, to tell truncation). */
  public List<PartRow> parts(String bucket, String key, String uploadId, int after, int limit) {
    requireUpload(bucket, key, uploadId);
    return metadata.parts(bucket, uploadId, after, limit);
  }

  public UploadRow upload(String bucket, String key, String uploadId) {
    return requireUpload(bucket, key, uploadId);
  }

  /** ListMultipartUploads: open uploads after the markers, at most {@code limit}. */
  public List<UploadRow> uploads(String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
    buckets.require(bucket);
    return metadata.uploads(bucket, prefix, keyMarker, uploadIdMarker, limit);
  }

  private UploadRow requireUpload(String bucket, String key, String uploadId) {
    buckets.require(bucket);
    return metadata.upload(bucket, uploadId)
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
