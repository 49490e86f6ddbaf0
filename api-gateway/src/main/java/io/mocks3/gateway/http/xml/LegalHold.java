package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** Get/PutObjectLegalHold: {@code <LegalHold><Status>ON</Status></LegalHold>}. */
@JacksonXmlRootElement(localName = "LegalHold")
public record LegalHold(@JacksonXmlProperty(localName = "Status") String status) {

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
