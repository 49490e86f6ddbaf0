package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.util.Map;

/**
 * The {@code Checksum<ALGORITHM>} elements of S3's XML bodies (absent ones omitted), and for a
 * whole object its {@code ChecksumType}: COMPOSITE for a multipart object's checksum of part
 * checksums ("-N" suffix), FULL_OBJECT otherwise.
 */
public record Checksums(
    @JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
    @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
    @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
    @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
    @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256,
    @JacksonXmlProperty(localName = "ChecksumType") String type) {

  /** An object's checksums, with their type. */
  public static Checksums of(Map<ChecksumAlgorithm, String> values) {
    return new Checksums(values.get(ChecksumAlgorithm.CRC32), values.get(ChecksumAlgorithm.CRC32C),
        values.get(ChecksumAlgorithm.CRC64NVME), values.get(ChecksumAlgorithm.SHA1), values.get(ChecksumAlgorithm.SHA256),
        typeOf(values));
  }

  /** A part's checksums: S3 gives parts no ChecksumType. */
  public static Checksums ofPart(Map<ChecksumAlgorithm, String> values) {
    Checksums all = of(values);
    return new Checksums(all.crc32, all.crc32c, all.crc64nvme, all.sha1, all.sha256, null);
  }

  /** COMPOSITE when any value is a checksum of checksums ("-N"), FULL_OBJECT otherwise; null for none. */
  public static String typeOf(Map<ChecksumAlgorithm, String> values) {
    if (values.isEmpty()) {
      return null;
    }
    return values.values().stream().anyMatch(v -> v.contains("-")) ? "COMPOSITE" : "FULL_OBJECT";
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
