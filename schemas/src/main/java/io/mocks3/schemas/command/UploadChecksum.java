package io.mocks3.schemas.command;

import io.mocks3.schemas.blob.ChecksumAlgorithm;

/**
 * The checksum a multipart upload declared on creation. {@code fullObject}: the completed object's
 * checksum is the algorithm's CRC of all its bytes (FULL_OBJECT, CRCs only); otherwise it is the
 * checksum of the parts' checksums with a "-N" suffix (COMPOSITE).
 */
public record UploadChecksum(ChecksumAlgorithm algorithm, boolean fullObject) {
  public static final String COMPOSITE = "COMPOSITE";
  public static final String FULL_OBJECT = "FULL_OBJECT";

  /** S3's default type: FULL_OBJECT for CRC64NVME (its only type), COMPOSITE for the others. */
  public static UploadChecksum withDefaultType(ChecksumAlgorithm algorithm) {
    return new UploadChecksum(algorithm, algorithm == ChecksumAlgorithm.CRC64NVME);
  }

  public String type() {
    return fullObject ? FULL_OBJECT : COMPOSITE;
  }
}
