package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;
import java.util.List;

/** The upload is gone; {@code parts} are the blobs it held, now garbage. */
public record MultipartUploadAborted(
    String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, String uploadId, List<BlobRef> parts)
    implements Event {}
