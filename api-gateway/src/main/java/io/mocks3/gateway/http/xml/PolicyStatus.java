package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** GetBucketPolicyStatus: {@code <PolicyStatus><IsPublic>false</IsPublic></PolicyStatus>}. */
@JacksonXmlRootElement(localName = "PolicyStatus")
public record PolicyStatus(@JacksonXmlProperty(localName = "IsPublic") boolean isPublic) {

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
