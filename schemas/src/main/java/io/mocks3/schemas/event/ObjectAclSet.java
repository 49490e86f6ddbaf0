package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;
import java.util.Map;

/** Version {@code versionId} of {@code key} now has the ACL {@code acl} (stored form; empty: the default). */
public record ObjectAclSet(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String versionId,
    Map<String, String> acl) implements Event {}
