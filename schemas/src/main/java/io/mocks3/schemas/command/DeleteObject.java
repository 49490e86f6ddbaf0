package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;

public record DeleteObject(String commandId, BucketName bucket, ObjectKey key, Instant issuedAt) implements ObjectCommand {}
