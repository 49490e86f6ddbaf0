package io.mocks3.gateway.core;

import io.mocks3.gateway.log.BlobAppender;
import io.mocks3.gateway.metadata.MetadataView;
import io.mocks3.gateway.storage.StorageNodes;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.PutObject;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Object operations. A PUT is: stream the body to the blob log, then append a PutObject command. */
public final class ObjectService {
  private final BucketService buckets;
  private final BlobAppender appender;
  private final WriteCoordinator writes;
  private final MetadataView metadata;
  private final StorageNodes storage;
  private final Clock clock;

  public ObjectService(BucketService buckets, BlobAppender appender, WriteCoordinator writes, MetadataView metadata,
      StorageNodes storage, Clock clock) {
    this.buckets = buckets;
    this.appender = appender;
    this.writes = writes;
    this.metadata = metadata;
    this.storage = storage;
    this.clock = clock;
  }

  /** Stores the body under the key; returns the new object's quoted ETag. */
  public String put(PutRequest request, InputStream body) throws IOException {
    BucketName bucket = Names.bucket(request.bucket());
    ObjectKey key = Names.key(request.key());
    byte[] expectedMd5 = decodeMd5(request.contentMd5());
    if (request.consistency() == Consistency.STRONG) {
      buckets.require(bucket.value());
    }
    BlobId blob = BlobId.random();
    CompletableFuture<Void> stored = request.consistency() == Consistency.STRONG ? writes.expectStored(blob) : null;
    BlobAppender.Appended appended;
    try {
      appended = appender.append(blob, body);
      if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, appended.md5())) {
        throw new S3Exception(S3ErrorCode.BAD_DIGEST);
      }
    } catch (IOException | RuntimeException e) {
      writes.abandon(blob);
      throw e;
    }
    PutObject command = new PutObject(
        UUID.randomUUID().toString(), bucket, key, appended.blob(), request.metadata(), clock.instant());
    writes.submit(command, blob, stored == null ? appended.durable() : stored, request.consistency());
    return "\"" + appended.blob().md5Hex() + "\"";
  }

  public StoredObject get(String bucket, String key) {
    Names.key(key);
    buckets.require(bucket);
    return metadata.object(bucket, key)
        .map(row -> new StoredObject(bucket, row))
        .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
  }

  public InputStream open(StoredObject object, ByteRange range) {
    long offset = range == null ? 0 : range.first();
    long length = range == null ? object.row().size() : range.length();
    try {
      return storage.open(object.row().blobId(), offset, length);
    } catch (StorageNodes.BlobUnavailableException e) {
      throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The object's bytes are not available right now; retry.", e);
    }
  }

  public void delete(String bucket, String key, Consistency mode) {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    if (mode == Consistency.STRONG) {
      buckets.require(bucket);
    }
    writes.submit(new DeleteObject(UUID.randomUUID().toString(), name, objectKey, clock.instant()), null, null, mode);
  }

  private static byte[] decodeMd5(String header) {
    if (header == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(header.trim());
      if (md5.length != 16) {
        throw new IllegalArgumentException("not 16 bytes");
      }
      return md5;
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.INVALID_DIGEST);
    }
  }
}
