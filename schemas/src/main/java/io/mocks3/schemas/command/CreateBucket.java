package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import java.time.Instant;

public record CreateBucket(String commandId, BucketName bucket, Instant issuedAt) implements Command {}
