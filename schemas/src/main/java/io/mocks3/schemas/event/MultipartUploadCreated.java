package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.command.ObjectMetadata;
import java.time.Instant;

public record MultipartUploadCreated(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, ObjectMetadata metadata)
    implements Event {}
