package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** Put/GetBucketLifecycleConfiguration's document. */
@JacksonXmlRootElement(localName = "LifecycleConfiguration")
public record LifecycleConfigurationXml(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules) {

  public record Rule(
      @JacksonXmlProperty(localName = "ID") String id,
      @JacksonXmlProperty(localName = "Filter") Filter filter,
      /** The pre-Filter way to name a prefix. */
      @JacksonXmlProperty(localName = "Prefix") String prefix,
      @JacksonXmlProperty(localName = "Status") String status,
      @JacksonXmlProperty(localName = "Expiration") Expiration expiration,
      @JacksonXmlProperty(localName = "NoncurrentVersionExpiration") NoncurrentVersionExpiration noncurrentVersionExpiration,
      @JacksonXmlProperty(localName = "AbortIncompleteMultipartUpload") AbortIncompleteMultipartUpload abortIncompleteMultipartUpload,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Transition") List<Transition> transitions,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "NoncurrentVersionTransition")
      List<NoncurrentVersionTransition> noncurrentVersionTransitions) {}

  public record Filter(
      @JacksonXmlProperty(localName = "Prefix") String prefix,
      @JacksonXmlProperty(localName = "Tag") Tagging.Tag tag,
      @JacksonXmlProperty(localName = "And") And and,
      @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Long objectSizeGreaterThan,
      @JacksonXmlProperty(localName = "ObjectSizeLessThan") Long objectSizeLessThan) {}

  public record And(
      @JacksonXmlProperty(localName = "Prefix") String prefix,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag") List<Tagging.Tag> tags,
      @JacksonXmlProperty(localName = "ObjectSizeGreaterThan") Long objectSizeGreaterThan,
      @JacksonXmlProperty(localName = "ObjectSizeLessThan") Long objectSizeLessThan) {}

  public record Expiration(
      @JacksonXmlProperty(localName = "Days") Integer days,
      @JacksonXmlProperty(localName = "Date") String date,
      @JacksonXmlProperty(localName = "ExpiredObjectDeleteMarker") Boolean expiredObjectDeleteMarker) {}

  public record NoncurrentVersionExpiration(@JacksonXmlProperty(localName = "NoncurrentDays") Integer noncurrentDays) {}

  public record AbortIncompleteMultipartUpload(@JacksonXmlProperty(localName = "DaysAfterInitiation") Integer daysAfterInitiation) {}

  public record Transition(
      @JacksonXmlProperty(localName = "Days") String days,
      @JacksonXmlProperty(localName = "Date") String date,
      @JacksonXmlProperty(localName = "StorageClass") String storageClass) {}

  public record NoncurrentVersionTransition(
      @JacksonXmlProperty(localName = "NoncurrentDays") String noncurrentDays,
      @JacksonXmlProperty(localName = "StorageClass") String storageClass) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
