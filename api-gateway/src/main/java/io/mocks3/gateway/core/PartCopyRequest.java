package io.mocks3.gateway.core;

/**
 * What an UploadPartCopy names: the part to write, and the source object ({@code sourceVersionId}:
 * that version, null for the current one), its preconditions and the byte range to copy
 * ({@code x-amz-copy-source-range}, null for all).
 */
public record PartCopyRequest(
    String bucket,
    String key,
    String uploadId,
    String partNumber,
    String sourceBucket,
    String sourceKey,
    String sourceVersionId,
    ReadConditions sourceConditions,
    String range,
    Consistency consistency) {}
