package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/** Bind {@code key} to a blob whose chunks are already on {@code mocks3.blobs}. */
public record PutObject(
    String commandId, BucketName bucket, ObjectKey key, BlobRef blob, ObjectMetadata metadata, Instant issuedAt)
    implements ObjectCommand {}
