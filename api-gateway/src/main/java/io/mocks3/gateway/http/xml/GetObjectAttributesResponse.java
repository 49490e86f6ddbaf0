package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** GetObjectAttributes: only the attributes asked for are present. The ETag is unquoted here. */
@JacksonXmlRootElement(localName = "GetObjectAttributesResponse")
public record GetObjectAttributesResponse(
    @JacksonXmlProperty(localName = "ETag") String etag,
    @JacksonXmlProperty(localName = "Checksum") Checksums checksum,
    @JacksonXmlProperty(localName = "ObjectParts") ObjectParts objectParts,
    @JacksonXmlProperty(localName = "StorageClass") String storageClass,
    @JacksonXmlProperty(localName = "ObjectSize") Long objectSize) {

  public record ObjectParts(
      @JacksonXmlProperty(localName = "PartsCount") int totalPartsCount,
      @JacksonXmlProperty(localName = "PartNumberMarker") int partNumberMarker,
      @JacksonXmlProperty(localName = "NextPartNumberMarker") int nextPartNumberMarker,
      @JacksonXmlProperty(localName = "MaxParts") int maxParts,
      @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts) {}

  public record Part(
      @JacksonXmlProperty(localName = "PartNumber") int partNumber,
      @JacksonXmlProperty(localName = "Size") long size,
      @JsonUnwrapped Checksums checksums) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
