package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.util.List;
import java.util.Map;

/** The body of CompleteMultipartUpload: the parts, by number and ETag, in the client's order. */
@JacksonXmlRootElement(localName = "CompleteMultipartUpload")
public record CompleteMultipartUploadRequest(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts) {

  /** A chosen part: its number, ETag and the checksums the client states for it (absent ones null). */
  public record Part(
      @JacksonXmlProperty(localName = "PartNumber") Integer partNumber,
      @JacksonXmlProperty(localName = "ETag") String etag,
      @JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
      @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
      @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
      @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
      @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256) {

    public Map<ChecksumAlgorithm, String> checksums() {
      return new Checksums(crc32, crc32c, crc64nvme, sha1, sha256, null).asMap();
    }
  }
}
