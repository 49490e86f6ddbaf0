package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** Get/PutBucketVersioning: no Status element for a bucket whose versioning was never enabled. */
@JacksonXmlRootElement(localName = "VersioningConfiguration")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersioningConfiguration(@JacksonXmlProperty(localName = "Status") String status,
    @JacksonXmlProperty(localName = "MfaDelete") String mfaDelete) {
  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
