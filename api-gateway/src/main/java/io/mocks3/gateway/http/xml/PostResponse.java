package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The body of a POST object answered with {@code success_action_status} 201. */
@JacksonXmlRootElement(localName = "PostResponse")
public record PostResponse(
    @JacksonXmlProperty(localName = "Location") String location,
    @JacksonXmlProperty(localName = "Bucket") String bucket,
    @JacksonXmlProperty(localName = "Key") String key,
    @JacksonXmlProperty(localName = "ETag") String etag) {

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
