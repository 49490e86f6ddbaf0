package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** Get/PutPublicAccessBlock: four switches, each false when left out. */
@JacksonXmlRootElement(localName = "PublicAccessBlockConfiguration")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicAccessBlockConfiguration(
    @JacksonXmlProperty(localName = "BlockPublicAcls") Boolean blockPublicAcls,
    @JacksonXmlProperty(localName = "IgnorePublicAcls") Boolean ignorePublicAcls,
    @JacksonXmlProperty(localName = "BlockPublicPolicy") Boolean blockPublicPolicy,
    @JacksonXmlProperty(localName = "RestrictPublicBuckets") Boolean restrictPublicBuckets) {

  /** With every switch stated, as S3 answers it. */
  public PublicAccessBlockConfiguration stated() {
    return new PublicAccessBlockConfiguration(Boolean.TRUE.equals(blockPublicAcls), Boolean.TRUE.equals(ignorePublicAcls),
        Boolean.TRUE.equals(blockPublicPolicy), Boolean.TRUE.equals(restrictPublicBuckets));
  }

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
