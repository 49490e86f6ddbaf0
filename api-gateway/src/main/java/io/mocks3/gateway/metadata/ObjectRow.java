package io.mocks3.gateway.metadata;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One object as the read model holds it. {@code etag} is unquoted: the hex MD5, or
 * "md5-of-md5s-N" for a completed multipart upload, whose bytes are {@code parts} in order.
 */
public record ObjectRow(
    String key,
    BlobId blobId,
    long size,
    String etag,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata,
    Instant lastModified,
    List<BlobRef> parts) {

  /** The blobs whose concatenation is the object. */
  public List<BlobRef> content() {
    return parts == null ? List.of(new BlobRef(blobId, size, etag)) : parts;
  }
}
