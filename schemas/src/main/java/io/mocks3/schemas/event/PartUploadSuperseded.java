package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/**
 * An upload of a part that finished after a later-started upload of the same part number: the later
 * one keeps the part, as in S3, and {@code blob} is never used (its chunks are garbage). The client
 * still hears 200 with its ETag, as S3 answers. {@code sequence} is the bucket's unchanged
 * high-water mark, so projections skip it.
 */
public record PartUploadSuperseded(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, int partNumber,
    BlobRef blob)
    implements Event {}
