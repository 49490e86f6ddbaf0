package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.metadata.MetadataView;
import io.mocks3.readmodel.BucketRow;
import io.mocks3.readmodel.ObjectRepository.BucketObject;
import io.mocks3.readmodel.ObjectRow;
import io.mocks3.readmodel.VersionRow;
import io.mocks3.gateway.storage.StorageNodes;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.SetObjectAcl;
import io.mocks3.schemas.command.SetObjectLock;
import io.mocks3.schemas.command.SetObjectTags;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Expiry;
import io.mocks3.schemas.lock.ObjectLockConfiguration;
import io.mocks3.schemas.sse.Encryption;
import io.mocks3.schemas.origin.OriginConfiguration;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Object operations. A PUT is: stream the body to the blob log, then append a PutObject command.
 * A copy is a PutObject that names the source's blobs: no byte is copied.
 */
public final class ObjectService {
  private final BucketService buckets;
  private final BodyIntake intake;
  private final WriteCoordinator writes;
  private final MetadataView metadata;
  private final StorageNodes storage;
  private final Origin origin;
  private final Clock clock;
  private final Duration lifecycleDay;

  /** @param lifecycleDay how long a lifecycle rule's "day" is ({@code mocks3.lifecycle.day-length}, as the task workers') */
  public ObjectService(BucketService buckets, BodyIntake intake, WriteCoordinator writes, MetadataView metadata,
      StorageNodes storage, Origin origin, Clock clock, Duration lifecycleDay) {
    this.lifecycleDay = lifecycleDay;
    this.origin = origin;
    this.buckets = buckets;
    this.intake = intake;
    this.writes = writes;
    this.metadata = metadata;
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * What a write made: the object's blob, its version id when the bucket has (had) versioning and
   * the write was strong (an eventual write is answered before the projector assigns it), and its
   * server-side encryption as its answer names it ({@link Encryption#answered}; an eventual write's is
   * the one it asked for), and when the bucket's lifecycle rules expire it (a strong write's only: an
   * eventual one reads nothing before it answers).
   */
  public record Written(BlobRef blob, String versionId, Map<String, String> encryption, Expiry expiry) {
    public Written(BlobRef blob, String versionId, Map<String, String> encryption) {
      this(blob, versionId, encryption, null);
    }
  }

  /** Stores the body under the key. */
  public Written put(PutRequest request, InputStream body) throws IOException {
    BucketName bucket = Names.bucket(request.bucket());
    ObjectKey key = Names.key(request.key());
    Consistency mode = decided(decided(request.consistency(), request.condition()), request.metadata());
    BucketRow row = mode == Consistency.STRONG ? buckets.require(bucket.value()) : null;
    BodyIntake.Blob blob = intake.take(body, request.integrity(), mode);
    PutObject command = new PutObject(
        commandId(), bucket, key, blob.ref(), null, request.metadata(), request.condition(), clock.instant());
    Event event = writes.submit(command, blob.ref().id(), blob.confirmation(), mode);
    return new Written(blob.ref(), versionOf(event), encryptionOf(event, request.metadata()),
        event == null ? null : expiry(row, key.value(), blob.ref().size(), request.metadata().tags(), event.at()));
  }

  /**
   * When the bucket's lifecycle rules expire the current object {@code key} written at
   * {@code lastModified} ({@link LifecycleConfiguration#expiryOf}, what the task workers' sweep acts
   * on), or null: no rule, or a bucket read without its rules.
   */
  Expiry expiry(BucketRow bucket, String key, long size, Map<String, String> tags, Instant lastModified) {
    if (bucket == null || bucket.lifecycle() == null) {
      return null;
    }
    return LifecycleConfiguration.read(bucket.lifecycle()).expiryOf(key, size, tags, lastModified, lifecycleDay).orElse(null);
  }

  /** The encryption the projector gave the version (a bucket default included), else the one the request named. */
  static Map<String, String> encryptionOf(Event event, ObjectMetadata requested) {
    return Encryption.answered(event instanceof ObjectCreated created && created.metadata() != null
        ? created.metadata().headers() : requested.headers());
  }

  private static String versionOf(Event event) {
    return event instanceof ObjectCreated created ? created.versionId() : null;
  }

  /**
   * The copy's blob, its Last-Modified and version id (when known), the source's version id, the
   * copy's encryption, and when the target bucket's lifecycle rules expire it (strong copies only).
   */
  public record Copied(BlobRef blob, Instant lastModified, String versionId, String sourceVersionId,
      Map<String, String> encryption, Expiry expiry) {}

  public Copied copy(CopyRequest request) {
    BucketName bucket = Names.bucket(request.bucket());
    ObjectKey key = Names.key(request.key());
    ObjectRow source = get(request.sourceBucket(), request.sourceKey(), request.sourceVersionId()).row();
    CustomerKeys.check(source, request.sourceCustomerKeyMd5());
    if (request.sourceConditions().evaluate(source.etag(), source.lastModified()) != ReadConditions.Outcome.PROCEED) {
      throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
    }
    boolean self = request.sourceBucket().equals(request.bucket()) && request.sourceKey().equals(request.key());
    // Copying an object onto itself to change its encryption, lock or ACL is a change too (`aws s3 cp --sse` in place).
    boolean changes = request.replacement() != null || request.tags() != null
        || ObjectMetadata.NOT_COPIED.stream().anyMatch(request.requested().headers()::containsKey);
    if (self && !changes) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is trying to copy an object "
          + "to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
    }
    ObjectMetadata base = request.replacement() == null ? source.metadata() : request.replacement();
    ObjectMetadata target = base.withTags(request.tags() == null ? source.tags() : request.tags())
        .withHeadersOf(request.requested(), ObjectMetadata.NOT_COPIED);
    Consistency mode = decided(decided(request.consistency(), request.condition()), target);
    BucketRow row = mode == Consistency.STRONG ? buckets.require(bucket.value()) : null;
    Instant now = clock.instant();
    Event event = writes.submit(new PutObject(commandId(), bucket, key, source.blob(), source.parts(), target,
        request.condition(), now), null, null, mode);
    return new Copied(source.blob(), event == null ? now : event.at(), versionOf(event), source.versionId(),
        encryptionOf(event, target), event == null ? null : expiry(row, key.value(), source.size(), target.tags(), event.at()));
  }

  public StoredObject get(String bucket, String key) {
    return get(bucket, key, null);
  }

  /**
   * The key's current object, or with {@code versionId} that version. A key whose latest version is
   * a delete marker is NoSuchKey with {@code x-amz-delete-marker}; naming a delete marker is
   * MethodNotAllowed, as in S3.
   */
  public StoredObject get(String bucket, String key, String versionId) {
    return get(bucket, key, versionId, Consistency.STRONG);
  }

  /**
   * As {@link #get(String, String, String)}; an EVENTUAL read of the current version may be
   * answered from the metadata cache, and so lag behind the latest write.
   */
  public StoredObject get(String bucket, String key, String versionId, Consistency read) {
    Names.key(key);
    if (versionId == null && read != Consistency.EVENTUAL) {
      Names.bucket(bucket);
      BucketObject found = metadata.bucketAndObject(bucket, key).orElseThrow(BucketService::noSuchBucket);
      return currentOrMissing(found.bucket(), key, Optional.ofNullable(found.object()));
    }
    BucketRow row = buckets.require(bucket);
    if (versionId != null) {
      VersionRow version = metadata.version(bucket, key, versionId)
          .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_VERSION));
      if (version.deleteMarker()) {
        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED)
            .withHeader("x-amz-delete-marker", "true")
            .withHeader("x-amz-version-id", version.versionId());
      }
      return version.latest() ? current(row, version.object()) : new StoredObject(bucket, version.object());
    }
    // What is left is an eventual read of the current version: the cache first.
    return currentOrMissing(row, key, metadata.object(bucket, key, true));
  }

  /**
   * The key's current object, as read; when it has none, NoSuchKey (with the delete marker that
   * hides it, if one does), unless the bucket's origin has the key.
   */
  private StoredObject currentOrMissing(BucketRow row, String key, Optional<ObjectRow> current) {
    if (current.isPresent()) {
      return current(row, current.get());
    }
    String bucket = row.name();
    S3Exception missing = new S3Exception(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist.");
    Optional<VersionRow> marker = metadata.latestVersion(bucket, key).filter(VersionRow::deleteMarker);
    marker.ifPresent(m -> missing
        .withHeader("x-amz-delete-marker", "true")
        .withHeader("x-amz-version-id", m.versionId()));
    if (marker.isEmpty()) {
      Optional<ObjectRow> filled = backfilled(bucket, key);
      if (filled.isPresent()) {
        return current(row, filled.get());
      }
    }
    throw missing;
  }

  /** The current version of an object, and when its bucket's lifecycle rules expire it. */
  private StoredObject current(BucketRow bucket, ObjectRow object) {
    return new StoredObject(bucket.name(), object, expiry(bucket, object.key(), object.size(), object.tags(), object.lastModified()));
  }

  /**
   * A key the bucket misses, fetched from the bucket's origin when it has one (a key deleted here,
   * with a delete marker, is not fetched again). Read back strongly: the back-fill's PUT was strong.
   */
  private Optional<ObjectRow> backfilled(String bucket, String key) {
    if (metadata.bucketConfig(bucket, OriginConfiguration.KIND).isEmpty()
        || origin.backfill(bucket, key) != Origin.Outcome.STORED) {
      return Optional.empty();
    }
    return metadata.object(bucket, key, false);
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

  /** The byte range of part {@code partNumber} (1-based); a single-part object has part 1 only. */
  public static ByteRange partRange(ObjectRow row, int partNumber) {
    List<BlobRef> content = row.content();
    if (partNumber < 1 || partNumber > content.size()) {
      throw new S3Exception(S3ErrorCode.INVALID_PART_NUMBER);
    }
    long first = 0;
    for (int i = 0; i < partNumber - 1; i++) {
      first += content.get(i).size();
    }
    return new ByteRange(first, first + content.get(partNumber - 1).size() - 1);
  }

  private record Segment(BlobRef blob, long offset, long length) {}

  private InputStream openSegment(Segment s) {
    try {
      return storage.open(s.blob().id(), s.offset(), s.length());
    } catch (StorageNodes.BlobUnavailableException e) {
      throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The object's bytes are not available right now; retry.", e);
    }
  }

  /** What to delete: a key's latest version, or with {@code versionId} that version. */
  public record Deletable(String key, String versionId) {}

  /** One DeleteObject: a refusal is the request's error. */
  public Deletion delete(String bucket, Deletable target, boolean bypassGovernance, Consistency mode) {
    Deletion outcome = deleteAll(bucket, List.of(target), bypassGovernance, mode).get(0);
    if (outcome.error() != null) {
      throw new S3Exception(outcome.error(), outcome.message());
    }
    return outcome;
  }

  /**
   * One outcome in a batch delete: null error for success (deleting nothing succeeds too).
   * {@code versionId} is the version removed or the delete marker created, {@code deleteMarker}
   * whether that version is a marker; both known only once the projector decided (strong mode).
   *
   * @param commandId the command that carried the delete; null when none was appended
   */
  public record Deletion(String key, String versionId, boolean deleteMarker, S3ErrorCode error, String message,
      String commandId) {
    static Deletion failed(String key, String versionId, S3ErrorCode error, String message, String commandId) {
      return new Deletion(key, versionId, false, error, message, commandId);
    }
  }

  /**
   * Deletes every key in one round of the log (DeleteObjects); one outcome per key, invalid keys first.
   * Deleting a version of a bucket with Object Lock waits for the projector's decision whatever the
   * mode: a locked version is refused (AccessDenied) and the answer must say so.
   *
   * @param bypassGovernance the request's {@code x-amz-bypass-governance-retention}
   */
  public List<Deletion> deleteAll(String bucket, List<Deletable> targets, boolean bypassGovernance, Consistency requested) {
    BucketName name = Names.bucket(bucket);
    Consistency mode = requested;
    if (mode != Consistency.STRONG && targets.stream().anyMatch(t -> t.versionId() != null) && objectLocked(bucket)) {
      mode = Consistency.STRONG;
    }
    if (mode == Consistency.STRONG) {
      buckets.require(bucket);
    }
    List<Deletion> outcomes = new ArrayList<>();
    List<DeleteObject> commands = new ArrayList<>();
    Instant now = clock.instant();
    for (Deletable target : targets) {
      try {
        commands.add(new DeleteObject(commandId(), name, Names.key(target.key()), target.versionId(), now, null,
            bypassGovernance ? true : null));
      } catch (S3Exception e) {
        outcomes.add(Deletion.failed(target.key(), target.versionId(), e.code(), e.getMessage(), null));
      }
    }
    List<Event> events = writes.submitAll(commands, mode);
    for (int i = 0; i < commands.size(); i++) {
      Event event = events == null ? null : events.get(i);
      DeleteObject command = commands.get(i);
      String key = command.key().value();
      if (event instanceof CommandRejected r) {
        outcomes.add(Deletion.failed(key, command.versionId(), S3ErrorCode.forCode(r.errorCode()), r.message(),
            command.commandId()));
      } else if (event instanceof ObjectDeleted d) {
        outcomes.add(new Deletion(key, d.versionId(), d.deleteMarker(), null, null, command.commandId()));
      } else {
        outcomes.add(new Deletion(key, command.versionId(), false, null, null, command.commandId()));
      }
    }
    return outcomes;
  }

  /**
   * Replaces the tags of the key's current version (empty map: removes them); decided against the
   * log, like any write. A {@code versionId} must name the current version: tagging a noncurrent
   * version is not supported (NotImplemented), an unknown one is NoSuchVersion.
   */
  public void setTags(String bucket, String key, String versionId, Map<String, String> tags, Consistency mode) {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    if (mode == Consistency.STRONG || versionId != null) {
      buckets.require(bucket);
    }
    if (versionId != null) {
      String current = metadata.object(bucket, key).map(row -> Versioning.idOf(row.versionId())).orElse(null);
      if (!versionId.equals(current)) {
        get(bucket, key, versionId); // NoSuchVersion (or MethodNotAllowed for a marker) when it does not exist
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "MockS3 tags only the current version of an object");
      }
    }
    writes.submit(new SetObjectTags(commandId(), name, objectKey, tags, clock.instant()), null, null, mode);
  }

  /**
   * PutObjectRetention ({@code retention}) or PutObjectLegalHold ({@code legalHold}) on one version (the
   * current one when {@code versionId} is null). Always decided before it answers: whether the lock
   * may change is the projector's decision (AccessDenied, InvalidRequest).
   */
  public void setLock(String bucket, String key, String versionId, SetObjectLock.Retention retention, String legalHold,
      boolean bypassGovernance) {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    buckets.require(bucket);
    writes.submit(new SetObjectLock(commandId(), name, objectKey, versionId, retention, legalHold,
        bypassGovernance ? true : null, clock.instant()), null, null, Consistency.STRONG);
  }

  /** PutObjectAcl: one version's ACL (the current one's when {@code versionId} is null), stored form. */
  public void setAcl(String bucket, String key, String versionId, Map<String, String> acl) {
    BucketName name = Names.bucket(bucket);
    ObjectKey objectKey = Names.key(key);
    buckets.require(bucket);
    writes.submit(new SetObjectAcl(commandId(), name, objectKey, versionId, acl, clock.instant()), null, null,
        Consistency.STRONG);
  }

  /** Whether the bucket has Object Lock enabled (as the read model has it). */
  public boolean objectLocked(String bucket) {
    return metadata.bucketConfig(bucket, ObjectLockConfiguration.KIND).isPresent();
  }

  /** A conditional write needs the projector's decision to answer, so it always waits for it. */
  static Consistency decided(Consistency requested, WriteCondition condition) {
    return condition == null || condition.isNone() ? requested : Consistency.STRONG;
  }

  /**
   * A write that asks for an Object Lock waits for the projector's decision too: a bucket without
   * Object Lock refuses it (InvalidRequest), and the client must hear so.
   */
  static Consistency decided(Consistency requested, ObjectMetadata metadata) {
    return metadata.lock() == null ? requested : Consistency.STRONG;
  }

  private static String commandId() {
    return UUID.randomUUID().toString();
  }
}
