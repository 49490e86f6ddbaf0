package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;
import java.util.Map;

/**
 * PutObjectAcl: the ACL of one version of {@code key} (the current one when {@code versionId} is null)
 * becomes {@code acl}, in its stored form ({@link io.mocks3.schemas.acl.Acls}; empty: the default).
 */
public record SetObjectAcl(String commandId, BucketName bucket, ObjectKey key, String versionId, Map<String, String> acl,
    Instant issuedAt) implements ObjectCommand {}
