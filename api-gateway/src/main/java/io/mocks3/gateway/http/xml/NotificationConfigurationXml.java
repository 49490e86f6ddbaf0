package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * A bucket's notification configuration, request and response: topic, queue and (Lambda)
 * cloud-function destinations, each with its event types and key filter.
 */
@JacksonXmlRootElement(localName = "NotificationConfiguration")
public record NotificationConfigurationXml(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "TopicConfiguration") List<Entry> topics,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "QueueConfiguration") List<Entry> queues,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CloudFunctionConfiguration") List<Entry> functions,
    @JacksonXmlProperty(localName = "EventBridgeConfiguration") String eventBridge) {

  /** One destination; exactly one of topic, queue and cloudFunction is set, as its element says. */
  public record Entry(
      @JacksonXmlProperty(localName = "Id") String id,
      @JacksonXmlProperty(localName = "Topic") String topic,
      @JacksonXmlProperty(localName = "Queue") String queue,
      @JacksonXmlProperty(localName = "CloudFunction") String cloudFunction,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Event") List<String> events,
      @JacksonXmlProperty(localName = "Filter") Filter filter) {}

  public record Filter(@JacksonXmlProperty(localName = "S3Key") S3Key s3Key) {}

  public record S3Key(
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "FilterRule") List<FilterRule> rules) {}

  public record FilterRule(@JacksonXmlProperty(localName = "Name") String name, @JacksonXmlProperty(localName = "Value") String value) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
