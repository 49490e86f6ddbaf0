package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;
import java.util.Map;

/** Replace the tags of {@code key}'s current object (PutObjectTagging; empty for DeleteObjectTagging). */
public record SetObjectTags(String commandId, BucketName bucket, ObjectKey key, Map<String, String> tags, Instant issuedAt)
    implements ObjectCommand {}
