package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** A bucket's CORS configuration, request and response. */
@JacksonXmlRootElement(localName = "CORSConfiguration")
public record CorsConfiguration(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CORSRule") List<Rule> rules) {

  public record Rule(
      @JacksonXmlProperty(localName = "ID") String id,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedHeader") List<String> allowedHeaders,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedMethod") List<String> allowedMethods,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "AllowedOrigin") List<String> allowedOrigins,
      @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "ExposeHeader") List<String> exposeHeaders,
      @JacksonXmlProperty(localName = "MaxAgeSeconds") Integer maxAgeSeconds) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
