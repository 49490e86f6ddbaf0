package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;

/** Start a multipart upload of {@code key}; the gateway chose {@code uploadId}. */
public record CreateMultipartUpload(
    String commandId, BucketName bucket, ObjectKey key, String uploadId, ObjectMetadata metadata, Instant issuedAt)
    implements UploadCommand {}
