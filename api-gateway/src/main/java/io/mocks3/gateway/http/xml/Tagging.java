package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * Object and bucket tagging, request and response: {@code <Tagging><TagSet><Tag>...}. (TagSet is
 * its own record: Jackson cannot bind a wrapped list to a record component.)
 */
@JacksonXmlRootElement(localName = "Tagging")
public record Tagging(@JacksonXmlProperty(localName = "TagSet") TagSet tagSet) {
  public static Tagging of(List<Tag> tags) {
    return new Tagging(new TagSet(tags));
  }

  /** The tags, empty for an absent or empty TagSet. */
  public List<Tag> tags() {
    return tagSet == null || tagSet.tags() == null ? List.of() : tagSet.tags();
  }

  public record TagSet(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tag> tags) {}

  public record Tag(@JacksonXmlProperty(localName = "Key") String key, @JacksonXmlProperty(localName = "Value") String value) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
