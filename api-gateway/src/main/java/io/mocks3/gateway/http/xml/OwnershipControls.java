package io.mocks3.gateway.http.xml;

import java.util.List;
import java.util.Set;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** Get/PutBucketOwnershipControls: {@code <OwnershipControls><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership>}. */
@JacksonXmlRootElement(localName = "OwnershipControls")
public record OwnershipControls(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules) {
  /** S3's object ownership settings. */
  public static final Set<String> SETTINGS = Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter");

  public static OwnershipControls of(String objectOwnership) {
    return new OwnershipControls(List.of(new Rule(objectOwnership)));
  }

  public record Rule(@JacksonXmlProperty(localName = "ObjectOwnership") String objectOwnership) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
