package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.util.Map;

/** The {@code Checksum<ALGORITHM>} elements of S3's XML bodies (absent ones omitted). */
public record Checksums(
    @JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
    @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
    @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
    @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
    @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256) {

  public static Checksums of(Map<ChecksumAlgorithm, String> values) {
    return new Checksums(values.get(ChecksumAlgorithm.CRC32), values.get(ChecksumAlgorithm.CRC32C),
        values.get(ChecksumAlgorithm.CRC64NVME), values.get(ChecksumAlgorithm.SHA1), values.get(ChecksumAlgorithm.SHA256));
  }

  /** Checksums as clients send them in CompleteMultipartUpload, back to a map. */
  public Map<ChecksumAlgorithm, String> asMap() {
    Map<ChecksumAlgorithm, String> map = new java.util.EnumMap<>(ChecksumAlgorithm.class);
    if (crc32 != null) map.put(ChecksumAlgorithm.CRC32, crc32);
    if (crc32c != null) map.put(ChecksumAlgorithm.CRC32C, crc32c);
    if (crc64nvme != null) map.put(ChecksumAlgorithm.CRC64NVME, crc64nvme);
    if (sha1 != null) map.put(ChecksumAlgorithm.SHA1, sha1);
    if (sha256 != null) map.put(ChecksumAlgorithm.SHA256, sha256);
    return map;
  }
}
