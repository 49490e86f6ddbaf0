package io.mocks3.projector.core;

import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.SetObjectLock;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectLockSet;
import io.mocks3.schemas.lock.ObjectLock;
import java.time.Instant;

/**
 * Object Lock's decisions, for {@link CommandDecider}: the lock a new version is written with, whether a
 * version may be deleted, and whether a version's lock may change. Time is the command's, so a replay
 * decides as the first run did.
 */
final class ObjectLocks {
  static final String INVALID_REQUEST = "InvalidRequest";
  static final String ACCESS_DENIED = "AccessDenied";
  static final String MISSING_CONFIGURATION = "Bucket is missing Object Lock Configuration";
  static final String PROTECTED = "Access Denied because object protected by object lock.";

  private ObjectLocks() {}

  /** Why a new version carrying {@code metadata} may not be written to {@code bucket}; null when it may. */
  static String refusal(BucketState bucket, ObjectMetadata metadata) {
    return bucket.objectLock() == null && lockOf(metadata) != null ? MISSING_CONFIGURATION : null;
  }

  /** {@code metadata} as a version written at {@code at} keeps it: with the bucket's default retention when it has none. */
  static ObjectMetadata written(BucketState bucket, ObjectMetadata metadata, Instant at) {
    if (bucket.objectLock() == null || metadata == null) {
      return metadata;
    }
    ObjectLock own = metadata.lock();
    ObjectLock lock = bucket.objectLock().lockFor(own, at);
    return lock == own ? metadata : metadata.withLock(lock);
  }

  /** The lock {@code metadata} carries; null for none (or no metadata: records written before it was kept). */
  static ObjectLock lockOf(ObjectMetadata metadata) {
    return metadata == null ? null : metadata.lock();
  }

  /** Whether {@code delete}, which names {@code version}, must be refused: the version is locked at the command's time. */
  static boolean protects(ObjectState.Version version, DeleteObject delete) {
    return version != null && version.lock() != null
        && version.lock().protects(delete.issuedAt(), delete.bypassesGovernance());
  }

  /**
   * PutObjectRetention and PutObjectLegalHold. A retention in force may be lengthened, never shortened
   * or removed, and its mode kept: COMPLIANCE without exception, GOVERNANCE unless the request bypasses
   * it. A legal hold may always be set or released.
   */
  static Event decide(SetObjectLock c, BucketState bucket, ObjectState object, long next) {
    if (bucket.objectLock() == null) {
      return CommandDecider.reject(c, bucket, INVALID_REQUEST, MISSING_CONFIGURATION);
    }
    ObjectState.Version version = CommandDecider.namedVersion(object, c.versionId());
    String missing = CommandDecider.missing(version, c.versionId());
    if (missing != null) {
      return CommandDecider.reject(c, bucket, missing, "NoSuchKey".equals(missing)
          ? "The specified key does not exist." : "The specified version does not exist.");
    }
    ObjectLock held = version.lock() == null ? new ObjectLock(null, null, null) : version.lock();
    ObjectLock changed = held;
    if (c.retention() != null) {
      SetObjectLock.Retention wanted = c.retention();
      if (held.retains(c.issuedAt()) && !mayReplace(held, wanted, c.bypassesGovernance())) {
        return CommandDecider.reject(c, bucket, ACCESS_DENIED, PROTECTED);
      }
      changed = changed.withRetention(wanted.mode(), wanted.retainUntil());
    }
    if (c.legalHold() != null) {
      changed = changed.withLegalHold(c.legalHold());
    }
    return new ObjectLockSet(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), Versioning.idOf(version.versionId()),
        changed.orNull());
  }

  private static boolean mayReplace(ObjectLock held, SetObjectLock.Retention wanted, boolean bypass) {
    boolean kept = held.mode().equals(wanted.mode()) && !wanted.retainUntil().isBefore(held.retainUntil());
    if (kept) {
      return true;
    }
    return ObjectLock.GOVERNANCE.equals(held.mode()) && bypass;
  }
}
