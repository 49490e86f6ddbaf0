package io.mocks3.readmodel;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.ObjectMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One object as the read model holds it. {@code etag} is unquoted: the hex MD5, or
 * "md5-of-md5s-N" for a completed multipart upload, whose bytes are {@code parts} in order.
 * {@code checksums} are base64; a multipart object's end in "-N" (S3's COMPOSITE type).
 * {@code versionId} is null for an object written while its bucket never had versioning.
 */
public record ObjectRow(
    String key,
    BlobId blobId,
    long size,
    String etag,
    String contentType,
    Map<String, String> headers,
    Map<String, String> userMetadata,
    Map<String, String> tags,
    Map<ChecksumAlgorithm, String> checksums,
    Instant lastModified,
    List<BlobRef> parts,
    String versionId) {

  /** The blob that describes the whole object (for a multipart object, its manifest). */
  public BlobRef blob() {
    return new BlobRef(blobId, size, etag, checksums);
  }

  /** The blobs whose concatenation is the object. */
  public List<BlobRef> content() {
    return parts == null ? List.of(blob()) : parts;
  }

  public ObjectMetadata metadata() {
    return new ObjectMetadata(contentType, headers, userMetadata, tags);
  }
}
