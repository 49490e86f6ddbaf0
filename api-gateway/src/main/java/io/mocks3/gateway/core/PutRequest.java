package io.mocks3.gateway.core;

import io.mocks3.schemas.command.ObjectMetadata;

/**
 * What a PutObject carries beside its body.
 *
 * @param contentMd5 the Content-MD5 header (base64), or null
 */
public record PutRequest(String bucket, String key, ObjectMetadata metadata, String contentMd5, Consistency consistency) {}
