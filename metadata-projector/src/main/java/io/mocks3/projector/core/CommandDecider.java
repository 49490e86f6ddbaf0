package io.mocks3.projector.core;

import tools.jackson.core.JacksonException;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.CreateMultipartUpload;
import io.mocks3.schemas.command.DeleteBucket;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectCommand;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.SetBucketConfig;
import io.mocks3.schemas.command.SetObjectAcl;
import io.mocks3.schemas.command.SetObjectLock;
import io.mocks3.schemas.command.SetObjectTags;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.command.UploadCommand;
import io.mocks3.schemas.event.BucketConfigSet;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.BucketDeleted;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.MultipartUploadAborted;
import io.mocks3.schemas.event.MultipartUploadCreated;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectAclSet;
import io.mocks3.schemas.event.ObjectLockSet;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.mocks3.schemas.event.PartUploaded;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.lock.ObjectLockConfiguration;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.sse.Encryption;
import io.mocks3.schemas.command.ObjectMetadata;
import java.time.Instant;
import java.util.List;

/**
 * Where every write is validated: {@code decide(command, state) -> event}, and
 * {@code evolve(state, event) -> state}. Pure functions; the topology stores the state.
 * The event's time is the command's, so replaying the log reproduces identical events.
 */
public final class CommandDecider {
  private static final String NO_SUCH_VERSION = "The specified version does not exist.";
  private static final java.util.Map<String, String> PRECONDITION_MESSAGES = java.util.Map.of(
      "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
      "NoSuchKey", "The specified key does not exist.");

  private CommandDecider() {}

  /**
   * @param bucket the bucket's state ({@link BucketState#absent} if never seen)
   * @param object the state of the key the command names; null when absent or none is named
   * @param upload the multipart upload the command names; null when absent or none is named
   */
  public static Event decide(Command command, BucketState bucket, ObjectState object, UploadState upload) {
    long next = bucket.lastSequence() + 1;
    if (command instanceof CreateBucket c) {
      return bucket.exists()
          ? reject(c, bucket, "BucketAlreadyOwnedByYou",
              "Your previous request to create the named bucket succeeded and you already own it.")
          : new BucketCreated(c.commandId(), c.bucket(), next, c.issuedAt(), c.owner(), c.withObjectLock() ? true : null);
    }
    if (!bucket.exists()) {
      return reject(command, bucket, "NoSuchBucket", "The specified bucket does not exist");
    }
    BlobRef current = object == null ? null : object.blob();
    if (command instanceof DeleteBucket c) {
      return bucket.objectCount() > 0
          ? reject(c, bucket, "BucketNotEmpty", "The bucket you tried to delete is not empty")
          : new BucketDeleted(c.commandId(), c.bucket(), next, c.issuedAt());
    }
    if (command instanceof SetBucketConfig c) {
      if (Versioning.KIND.equals(c.kind()) && c.document() == null) {
        return reject(c, bucket, "IllegalVersioningConfigurationException",
            "A bucket that has had versioning can only have it enabled or suspended");
      }
      if (Versioning.KIND.equals(c.kind()) && bucket.objectLock() != null && !Versioning.ENABLED.equals(c.document())) {
        return reject(c, bucket, "InvalidBucketState", "An Object Lock configuration is present on this bucket, so the "
            + "versioning state cannot be changed.");
      }
      if (ObjectLockConfiguration.KIND.equals(c.kind())) {
        if (bucket.objectLock() == null && !Versioning.ENABLED.equals(bucket.versioning())) {
          return reject(c, bucket, "InvalidBucketState",
              "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
        }
        try {
          BucketState.objectLock(c.document());
        } catch (JacksonException | IllegalArgumentException e) {
          return reject(c, bucket, "MalformedXML", "The Object Lock configuration cannot be read: " + e.getMessage());
        }
      }
      if (Encryption.KIND.equals(c.kind())) {
        try {
          BucketState.encryption(c.document());
        } catch (JacksonException | IllegalArgumentException e) {
          return reject(c, bucket, "MalformedXML", "The encryption configuration cannot be read: " + e.getMessage());
        }
      }
      if (NotificationConfiguration.KIND.equals(c.kind())) {
        try {
          BucketState.notifications(c.document());
        } catch (JacksonException e) {
          return reject(c, bucket, "MalformedXML", "The notification configuration cannot be read: " + e.getOriginalMessage());
        }
      }
      return new BucketConfigSet(c.commandId(), c.bucket(), next, c.issuedAt(), c.kind(), c.document());
    }
    if (command instanceof PutObject c) {
      String failed = precondition(c.condition(), current);
      if (failed != null) {
        return reject(c, bucket, failed, PRECONDITION_MESSAGES.get(failed));
      }
      String locked = ObjectLocks.refusal(bucket, c.metadata());
      if (locked != null) {
        return reject(c, bucket, ObjectLocks.INVALID_REQUEST, locked);
      }
      String versionId = bucket.newVersionId(c.commandId());
      return new ObjectCreated(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), c.blob(),
          written(bucket, c.metadata(), c.issuedAt()), superseded(object, versionId), null, c.parts(), versionId);
    }
    if (command instanceof DeleteObject c) {
      String failed = precondition(c.condition(), current);
      if (failed != null) {
        return reject(c, bucket, failed, PRECONDITION_MESSAGES.get(failed));
      }
      return decideDelete(c, bucket, object, next);
    }
    if (command instanceof SetObjectTags c) {
      return current == null
          ? reject(c, bucket, "NoSuchKey", "The specified key does not exist.")
          : new ObjectTagsSet(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), c.tags());
    }
    if (command instanceof SetObjectLock c) {
      return ObjectLocks.decide(c, bucket, object, next);
    }
    if (command instanceof SetObjectAcl c) {
      ObjectState.Version version = namedVersion(object, c.versionId());
      String missing = missing(version, c.versionId());
      return missing != null ? reject(c, bucket, missing, PRECONDITION_MESSAGES.getOrDefault(missing, NO_SUCH_VERSION))
          : new ObjectAclSet(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), Versioning.idOf(version.versionId()),
              c.acl());
    }
    if (command instanceof CreateMultipartUpload c) {
      String locked = ObjectLocks.refusal(bucket, c.metadata());
      if (locked != null) {
        return reject(c, bucket, ObjectLocks.INVALID_REQUEST, locked);
      }
      return new MultipartUploadCreated(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), c.uploadId(), c.metadata(),
          c.checksum(), c.initiator());
    }
    if (upload == null || !upload.key().equals(namedKey(command))) {
      return reject(command, bucket, "NoSuchUpload",
          "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");
    }
    return UploadDecider.decide(command, bucket, object, upload, next);
  }

  /**
   * A delete naming a version removes that version for good (nothing to remove is no error, as in
   * S3). Without one: in a bucket that never had versioning the key goes; otherwise a delete marker
   * becomes its latest version.
   */
  private static Event decideDelete(DeleteObject c, BucketState bucket, ObjectState object, long next) {
    if (c.versionId() != null) {
      ObjectState.Version named = object == null ? null : object.version(c.versionId());
      if (ObjectLocks.protects(named, c)) {
        return reject(c, bucket, ObjectLocks.ACCESS_DENIED, ObjectLocks.PROTECTED);
      }
      return new ObjectDeleted(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), named == null ? null : named.blob(),
          c.versionId(), named != null && named.deleteMarker(), false);
    }
    String markerId = bucket.newVersionId(c.commandId());
    if (markerId == null) {
      return new ObjectDeleted(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), object == null ? null : object.blob());
    }
    return new ObjectDeleted(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), superseded(object, markerId),
        markerId, true, true);
  }

  /**
   * The metadata a new version written at {@code at} keeps: its own, with the bucket's defaults for
   * what it does not name (a default retention, a default encryption).
   */
  static ObjectMetadata written(BucketState bucket, ObjectMetadata metadata, Instant at) {
    ObjectMetadata locked = ObjectLocks.written(bucket, metadata, at);
    return bucket.encryption() == null || locked == null || locked.namesEncryption() ? locked
        : locked.withEncryption(bucket.encryption());
  }

  /** The version a command names: {@code versionId}'s, or the latest when it names none; null when there is none. */
  static ObjectState.Version namedVersion(ObjectState object, String versionId) {
    if (object == null) {
      return null;
    }
    return versionId == null ? object.versions().get(0) : object.version(versionId);
  }

  /**
   * Why a command about {@code version} (named by {@code versionId}, or the latest) finds nothing to act
   * on: NoSuchKey (no such key, or its latest version is a delete marker), NoSuchVersion; null when it does.
   */
  static String missing(ObjectState.Version version, String versionId) {
    if (version != null && !version.deleteMarker()) {
      return null;
    }
    return versionId == null || version != null ? "NoSuchKey" : "NoSuchVersion";
  }

  /** The blob of the version a new version with {@code versionId} replaces (same id), if any. */
  static BlobRef superseded(ObjectState object, String versionId) {
    if (object == null) {
      return null;
    }
    ObjectState.Version same = object.version(Versioning.idOf(versionId));
    return same == null ? null : same.blob();
  }

  /**
   * The bucket after {@code event}, which changed the number of versions its key has from
   * {@code before} to {@code after} (null: none).
   */
  public static BucketState evolve(BucketState bucket, Event event, ObjectState before, ObjectState after) {
    if (event instanceof CommandRejected) {
      return bucket;
    }
    if (event instanceof BucketCreated e) {
      return e.withObjectLock()
          ? new BucketState(bucket.name(), true, e.at(), e.sequence(), 0, Versioning.ENABLED, null, new ObjectLockConfiguration(null),
              null)
          : new BucketState(bucket.name(), true, e.at(), e.sequence(), 0);
    }
    if (event instanceof BucketDeleted e) {
      return new BucketState(bucket.name(), false, null, e.sequence(), 0);
    }
    String versioning = bucket.versioning();
    NotificationConfiguration notifications = bucket.notifications();
    ObjectLockConfiguration objectLock = bucket.objectLock();
    Encryption encryption = bucket.encryption();
    if (event instanceof BucketConfigSet e && Versioning.KIND.equals(e.kind())) {
      versioning = e.document();
    } else if (event instanceof BucketConfigSet e && NotificationConfiguration.KIND.equals(e.kind())) {
      notifications = readNotifications(e.document());
    } else if (event instanceof BucketConfigSet e && ObjectLockConfiguration.KIND.equals(e.kind())) {
      objectLock = BucketState.objectLock(e.document());
    } else if (event instanceof BucketConfigSet e && Encryption.KIND.equals(e.kind())) {
      encryption = BucketState.encryption(e.document());
    }
    long delta = count(after) - count(before);
    return new BucketState(bucket.name(), true, bucket.createdAt(), event.sequence(), bucket.objectCount() + delta, versioning,
        notifications, objectLock, encryption);
  }

  /** A document the decider accepted always reads; one that does not (an old, hand-made event) sends nothing. */
  private static NotificationConfiguration readNotifications(String document) {
    try {
      return BucketState.notifications(document);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static int count(ObjectState object) {
    return object == null ? 0 : object.versions().size();
  }

  /** The key's state after {@code event}; null when the key names nothing. */
  public static ObjectState evolveObject(ObjectState object, Event event) {
    if (event instanceof ObjectCreated e) {
      ObjectState.Version added = new ObjectState.Version(Versioning.idOf(e.versionId()), e.blob(), e.at(), e.sequence(),
          ObjectLocks.lockOf(e.metadata()));
      return object == null ? new ObjectState(List.of(added)) : object.withLatest(added);
    }
    if (event instanceof ObjectDeleted e) {
      if (e.created()) {
        ObjectState.Version marker = new ObjectState.Version(e.versionId(), null, e.at(), e.sequence());
        return object == null ? new ObjectState(List.of(marker)) : object.withLatest(marker);
      }
      return object == null ? null : object.without(Versioning.idOf(e.versionId()));
    }
    if (event instanceof ObjectLockSet e) {
      return object == null ? null : object.withLock(e.versionId(), e.lock());
    }
    return object;
  }

  /**
   * The upload's state after {@code event}; null once aborted. A completed upload stays, marked
   * completed, so that a retried completion is answered as the first one was.
   */
  public static UploadState evolveUpload(UploadState upload, Event event) {
    if (event instanceof MultipartUploadCreated e) {
      return new UploadState(e.key().value(), e.metadata(), e.at(), null, null, e.checksum(), null);
    }
    if (event instanceof PartUploaded e) {
      return upload.withPart(e.partNumber(), e.blob(), e.startedAt());
    }
    if (event instanceof ObjectCreated e && e.uploadId() != null) {
      return upload.completedAs(new UploadState.Completion(e.blob(), e.versionId(), e.parts()));
    }
    if (event instanceof MultipartUploadAborted) {
      return null;
    }
    return upload;
  }

  /** The object key a command names, or null for bucket commands. */
  public static String namedKey(Command command) {
    return command instanceof ObjectCommand c ? c.key().value() : null;
  }

  /** The multipart upload a command names, or null. */
  public static String namedUpload(Command command) {
    return command instanceof UploadCommand c ? c.uploadId() : null;
  }

  /**
   * The error code a conditional write fails with against the key's current blob, or null when it
   * holds: If-None-Match: * needs no object; If-Match needs one (NoSuchKey) with that ETag.
   */
  static String precondition(WriteCondition condition, BlobRef current) {
    if (condition == null || condition.isNone()) {
      return null;
    }
    if (condition.ifNoneMatch() && current != null) {
      return "PreconditionFailed";
    }
    if (condition.ifMatch() != null) {
      if (current == null) {
        return "NoSuchKey";
      }
      String wanted = condition.ifMatch().trim();
      if (!wanted.equals("*") && !unquote(wanted).equals(current.md5Hex())) {
        return "PreconditionFailed";
      }
    }
    return null;
  }

  static String preconditionMessage(String code) {
    return PRECONDITION_MESSAGES.get(code);
  }

  static String unquote(String etag) {
    String e = etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  static Event reject(Command c, BucketState bucket, String code, String message) {
    return new CommandRejected(c.commandId(), c.bucket(), bucket.lastSequence(), c.issuedAt(), code, message);
  }
}
