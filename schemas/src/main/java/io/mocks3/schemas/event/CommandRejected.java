package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import java.time.Instant;

/**
 * The command broke an invariant; nothing changed. {@code errorCode} is the S3 error code the
 * client receives (NoSuchBucket, BucketNotEmpty, ...). {@code sequence} is the unchanged
 * high-water mark of the bucket.
 */
public record CommandRejected(
    String commandId, BucketName bucket, long sequence, Instant at, String errorCode, String message)
    implements Event {}
