package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The body of DeleteObjects. */
@JacksonXmlRootElement(localName = "Delete")
public record Delete(
    @JacksonXmlProperty(localName = "Quiet") Boolean quiet,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Object") List<ObjectIdentifier> objects) {

  public record ObjectIdentifier(
      @JacksonXmlProperty(localName = "Key") String key, @JacksonXmlProperty(localName = "VersionId") String versionId) {}
}
