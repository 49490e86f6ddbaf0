package io.mocks3.gateway.core;

import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.WriteCondition;

/** What a PutObject carries beside its body. */
public record PutRequest(
    String bucket, String key, ObjectMetadata metadata, Integrity integrity, WriteCondition condition, Consistency consistency) {}
