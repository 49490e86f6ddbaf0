package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/**
 * A CompleteMultipartUpload repeated, with the same parts, after the upload was completed (a client
 * retrying a completion whose answer was lost): nothing changes, and the client hears the
 * completion's outcome again, as S3 answers it. {@code sequence} is the bucket's unchanged
 * high-water mark, so projections skip it.
 *
 * @param blob the completed object (multipart ETag, checksums)
 * @param versionId the version the completion created; null in a bucket that never had versioning
 */
public record MultipartCompletionRepeated(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, BlobRef blob,
    String versionId)
    implements Event {}
