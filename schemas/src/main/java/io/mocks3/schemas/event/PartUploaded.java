package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/** {@code replaced} is the blob of an earlier upload of the same part number, if any. */
public record PartUploaded(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, int partNumber,
    BlobRef blob, BlobRef replaced)
    implements Event {}
