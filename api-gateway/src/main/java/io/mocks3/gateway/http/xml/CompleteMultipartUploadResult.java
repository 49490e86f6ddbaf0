package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

@JacksonXmlRootElement(localName = "CompleteMultipartUploadResult")
public record CompleteMultipartUploadResult(
    @JacksonXmlProperty(localName = "Location") String location,
    @JacksonXmlProperty(localName = "Bucket") String bucket,
    @JacksonXmlProperty(localName = "Key") String key,
    @JacksonXmlProperty(localName = "ETag") String etag,
    @com.fasterxml.jackson.annotation.JsonUnwrapped Checksums checksums) {
  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
