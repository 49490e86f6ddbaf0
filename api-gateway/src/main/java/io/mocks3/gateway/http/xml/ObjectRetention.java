package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** Get/PutObjectRetention: {@code <Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate>}. */
@JacksonXmlRootElement(localName = "Retention")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRetention(@JacksonXmlProperty(localName = "Mode") String mode,
    @JacksonXmlProperty(localName = "RetainUntilDate") String retainUntilDate) {

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
