package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/** Part {@code partNumber} (1..10000) of an upload is the blob already on {@code mocks3.blobs}. */
public record UploadPart(
    String commandId, BucketName bucket, ObjectKey key, String uploadId, int partNumber, BlobRef blob, Instant issuedAt)
    implements UploadCommand {}
