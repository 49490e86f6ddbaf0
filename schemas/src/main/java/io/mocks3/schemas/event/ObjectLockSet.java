package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.lock.ObjectLock;
import java.time.Instant;

/**
 * Version {@code versionId} of {@code key} now has the Object Lock {@code lock} (null: none). Its
 * content and its other metadata are unchanged.
 */
public record ObjectLockSet(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String versionId,
    ObjectLock lock) implements Event {}
