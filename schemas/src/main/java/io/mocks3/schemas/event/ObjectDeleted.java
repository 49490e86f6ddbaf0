package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/** {@code key} names nothing any more; {@code removed} is null when it named nothing before either. */
public record ObjectDeleted(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, BlobRef removed)
    implements Event {}
