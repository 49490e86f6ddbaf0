package io.mocks3.gateway.core;

import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.WriteCondition;
import java.util.Map;

/**
 * A CopyObject.
 *
 * @param sourceVersionId the source version ({@code ?versionId=} in the copy source), null for the current one
 * @param sourceConditions the {@code x-amz-copy-source-if-*} headers
 * @param sourceCustomerKeyMd5 the MD5 of the SSE-C key the source is read with, null for none
 * @param replacement the request's metadata when {@code x-amz-metadata-directive: REPLACE}, else null (COPY)
 * @param tags the request's tags when {@code x-amz-tagging-directive: REPLACE}, else null (COPY)
 * @param requested what the request's own headers ask for: of it, the copy takes the Object Lock, ACL and
 *     encryption ({@link ObjectMetadata#NOT_COPIED}), never the source's
 */
public record CopyRequest(
    String sourceBucket,
    String sourceKey,
    String sourceVersionId,
    ReadConditions sourceConditions,
    String sourceCustomerKeyMd5,
    String bucket,
    String key,
    ObjectMetadata replacement,
    Map<String, String> tags,
    ObjectMetadata requested,
    WriteCondition condition,
    Consistency consistency) {}
