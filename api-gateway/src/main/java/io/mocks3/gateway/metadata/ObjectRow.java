package io.mocks3.gateway.metadata;

import io.mocks3.schemas.BlobId;
import java.time.Instant;
import java.util.Map;

/** One object as the read model holds it. {@code etag} is the hex MD5, unquoted. */
public record ObjectRow(
    String key,
    BlobId blobId,
    long size,
    String etag,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata,
    Instant lastModified) {}
