package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

@JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
public record ListAllMyBucketsResult(
    @JacksonXmlProperty(localName = "Owner") Owner owner,
    @JacksonXmlElementWrapper(localName = "Buckets") @JacksonXmlProperty(localName = "Bucket") List<Bucket> buckets,
    /** Where the next page starts; null on the last one. */
    @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken,
    @JacksonXmlProperty(localName = "Prefix") String prefix) {

  public record Bucket(
      @JacksonXmlProperty(localName = "Name") String name,
      @JacksonXmlProperty(localName = "CreationDate") String creationDate) {}

  /** The S3 namespace, written as an attribute so that child elements inherit it. */
  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
