package io.mocks3.gateway.core;

import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.lock.ObjectLock;
import java.util.Map;

/**
 * A CopyObject.
 *
 * @param sourceVersionId the source version ({@code ?versionId=} in the copy source), null for the current one
 * @param sourceConditions the {@code x-amz-copy-source-if-*} headers
 * @param replacement the request's metadata when {@code x-amz-metadata-directive: REPLACE}, else null (COPY)
 * @param tags the request's tags when {@code x-amz-tagging-directive: REPLACE}, else null (COPY)
 * @param lock the Object Lock the request asks for (null: none); a copy never takes the source's
 * @param acl the ACL the request asks for, stored form (empty: the default); nor the source's ACL
 */
public record CopyRequest(
    String sourceBucket,
    String sourceKey,
    String sourceVersionId,
    ReadConditions sourceConditions,
    String bucket,
    String key,
    ObjectMetadata replacement,
    Map<String, String> tags,
    ObjectLock lock,
    Map<String, String> acl,
    WriteCondition condition,
    Consistency consistency) {}
