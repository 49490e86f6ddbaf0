package io.mocks3.gateway.core;

import io.mocks3.gateway.metadata.MetadataView;
import io.mocks3.gateway.storage.StorageNodes;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.PutObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/** Object operations. A PUT is: stream the body to the blob log, then append a PutObject command. */
public final class ObjectService {
  private final BucketService buckets;
  private final BodyIntake intake;
  private final WriteCoordinator writes;
  private final MetadataView metadata;
  private final StorageNodes storage;
  private final Clock clock;

  public ObjectService(BucketService buckets, BodyIntake intake, WriteCoordinator writes, MetadataView metadata,
      StorageNodes storage, Clock clock) {
    this.buckets = buckets;
    this.intake = intake;
    this.writes = writes;
    this.metadata = metadata;
    this.storage = storage;
    this.clock = clock;
  }

  /** Stores the body under the key; returns the new object's quoted ETag. */
  public String put(PutRequest request, InputStream body) throws IOException {
    BucketName bucket = Names.bucket(request.bucket());
    ObjectKey key = Names.key(request.key());
    if (request.consistency() == Consistency.STRONG) {
      buckets.require(bucket.value());
    }
    BodyIntake.Blob blob = intake.take(body, request.contentMd5(), request.consistency());
    PutObject command = new PutObject(
        UUID.randomUUID().toString(), bucket, key, blob.ref(), request.metadata(), clock.instant());
    writes.submit(command, blob.ref().id(), blob.confirmation(), request.consistency());
    return "\"" + blob.ref().md5Hex() + "\"";
  }

  public StoredObject get(String bucket, String key) {
    Names.key(key);
    buckets.require(bucket);
    return metadata.object(bucket, key)
        .map(row -> new StoredObject(bucket, row))
        .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
  }

  /**
   * The object's bytes in {@code range} (all when null). A multipart object is its parts read in
   * sequence, each opened only when the previous one is exhausted.
   */
  public InputStream open(StoredObject object, ByteRange range) {
    long first = range == null ? 0 : range.first();
    long end = range == null ? object.row().size() : range.last() + 1;
    List<Segment> segments = new ArrayList<>();
    long blobStart = 0;
    for (BlobRef blob : object.row().content()) {
      long blobEnd = blobStart + blob.size();
      if (blobEnd > first && blobStart < end) {
        long from = Math.max(first, blobStart) - blobStart;
        long to = Math.min(end, blobEnd) - blobStart;
        segments.add(new Segment(blob, from, to - from));
      }
      blobStart = blobEnd;
    }
    if (segments.size() == 1) {
      return openSegment(segments.get(0));
    }
    Iterator<Segment> pending = segments.iterator();
    return new SequenceInputStream(new Enumeration<>() {
      @Override
      public boolean hasMoreElements() {
        return pending.hasNext();
      }

      @Override
      public InputStream nextElement() {
        return openSegment(pending.next());
      }
    });
  }

  private record Segment(BlobRef blob, long offset, long length) {}

  private InputStream openSegment(Segment s) {
    try {
      return storage.open(s.blob().id(), s.offset(), s.length());
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
}
