package io.mocks3.readmodel;

/**
 * One version of a key as the consistency check compares it: a delete marker, or the blob it
 * stands on ({@code blobId}, {@code size}, {@code etag}). {@code current}: read from objects.
 */
public record StoredVersion(String bucket, String key, String versionId, boolean deleteMarker, String blobId, long size,
    String etag, boolean current) {

  /** "bucket/key#versionId": the identity the check names and orders by. */
  public String id() {
    return bucket + "/" + key + "#" + versionId;
  }
}
