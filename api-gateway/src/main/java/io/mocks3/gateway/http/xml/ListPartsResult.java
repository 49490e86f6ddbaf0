package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

@JacksonXmlRootElement(localName = "ListPartsResult")
public record ListPartsResult(
    @JacksonXmlProperty(localName = "Bucket") String bucket,
    @JacksonXmlProperty(localName = "Key") String key,
    @JacksonXmlProperty(localName = "UploadId") String uploadId,
    @JacksonXmlProperty(localName = "PartNumberMarker") int partNumberMarker,
    @JacksonXmlProperty(localName = "NextPartNumberMarker") Integer nextPartNumberMarker,
    @JacksonXmlProperty(localName = "MaxParts") int maxParts,
    @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts,
    @JacksonXmlProperty(localName = "Initiator") Owner initiator,
    @JacksonXmlProperty(localName = "Owner") Owner owner,
    @JacksonXmlProperty(localName = "StorageClass") String storageClass) {

  public record Part(
      @JacksonXmlProperty(localName = "PartNumber") int partNumber,
      @JacksonXmlProperty(localName = "LastModified") String lastModified,
      @JacksonXmlProperty(localName = "ETag") String etag,
      @JacksonXmlProperty(localName = "Size") long size,
      @JsonUnwrapped Checksums checksums) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
