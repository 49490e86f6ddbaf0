package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** GetBucketVersioning: no Status element for a bucket whose versioning was never enabled. */
@JacksonXmlRootElement(localName = "VersioningConfiguration")
public record VersioningConfiguration(@JacksonXmlProperty(localName = "Status") String status) {
  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
