package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The body of a CopyObject answer (root CopyObjectResult) or of an UploadPartCopy (root CopyPartResult). */
@JacksonXmlRootElement(localName = "CopyObjectResult")
public record CopyObjectResult(
    @JacksonXmlProperty(localName = "LastModified") String lastModified,
    @JacksonXmlProperty(localName = "ETag") String etag,
    @JsonUnwrapped Checksums checksums) {

  @JacksonXmlRootElement(localName = "CopyPartResult")
  public record CopyPartResult(
      @JacksonXmlProperty(localName = "LastModified") String lastModified,
      @JacksonXmlProperty(localName = "ETag") String etag) {
  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
  }

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
