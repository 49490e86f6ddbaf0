package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;
import java.util.List;

/**
 * Bind {@code key} to content whose blobs are already on the storage nodes: a PUT body's blob, or
 * (CopyObject) the source object's {@code blob} and, for a multipart source, its ordered
 * {@code parts}. Nothing is copied: blobs are immutable and may be shared by many keys.
 *
 * @param condition precondition on the key's current object; null or {@link WriteCondition#NONE} for none
 */
public record PutObject(
    String commandId,
    BucketName bucket,
    ObjectKey key,
    BlobRef blob,
    List<BlobRef> parts,
    ObjectMetadata metadata,
    WriteCondition condition,
    Instant issuedAt)
    implements ObjectCommand {}
