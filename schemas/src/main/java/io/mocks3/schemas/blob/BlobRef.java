package io.mocks3.schemas.blob;

import io.mocks3.schemas.BlobId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an object's bytes live and what they are: blob id, length, hex MD5 and the additional
 * checksums (base64) the client asked for when it wrote them.
 */
public record BlobRef(BlobId id, long size, String md5Hex, Map<ChecksumAlgorithm, String> checksums) {
  public BlobRef {
    if (size < 0) {
      throw new IllegalArgumentException("negative blob size");
    }
    checksums = checksums == null || checksums.isEmpty() ? Map.of() : new TreeMap<>(checksums);
  }

  /** A blob with no additional checksums. */
  public static BlobRef of(BlobId id, long size, String md5Hex) {
    return new BlobRef(id, size, md5Hex, Map.of());
  }
}
