package io.mocks3.gateway.core;

/**
 * What an UploadPartCopy names: the part to write, and the source object ({@code sourceVersionId}:
 * that version, null for the current one), its preconditions and the byte range to copy
 * ({@code x-amz-copy-source-range}, null for all), the MD5 of the SSE-C key the source is read with
 * and of the one the part is written with (null for none).
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
    String sourceCustomerKeyMd5,
    String customerKeyMd5,
    String range,
    Consistency consistency) {}
