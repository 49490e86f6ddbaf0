package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * Get/PutObjectLockConfiguration: {@code <ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>
 * <Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule>}, the rule optional.
 */
@JacksonXmlRootElement(localName = "ObjectLockConfiguration")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectLockConfigurationXml(@JacksonXmlProperty(localName = "ObjectLockEnabled") String objectLockEnabled,
    @JacksonXmlProperty(localName = "Rule") Rule rule) {

  public record Rule(@JacksonXmlProperty(localName = "DefaultRetention") DefaultRetention defaultRetention) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DefaultRetention(@JacksonXmlProperty(localName = "Mode") String mode,
      @JacksonXmlProperty(localName = "Days") Integer days, @JacksonXmlProperty(localName = "Years") Integer years) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
