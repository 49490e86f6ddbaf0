package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.ObjectMetadata;
import java.time.Instant;

/** {@code key} now names {@code blob}; {@code replaced} is the blob it named before, if any. */
public record ObjectCreated(
    String commandId,
    BucketName bucket,
    long sequence,
    Instant at,
    ObjectKey key,
    BlobRef blob,
    ObjectMetadata metadata,
    BlobRef replaced)
    implements Event {}
