package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The answer to DeleteObjects: what was deleted (omitted in quiet mode) and what failed. */
@JacksonXmlRootElement(localName = "DeleteResult")
public record DeleteResult(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Deleted") List<Deleted> deleted,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Error") List<Error> errors) {

  /** A deleted key; with versioning, the version removed or the delete marker created. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Deleted(
      @JacksonXmlProperty(localName = "Key") String key,
      @JacksonXmlProperty(localName = "VersionId") String versionId,
      @JacksonXmlProperty(localName = "DeleteMarker") Boolean deleteMarker,
      @JacksonXmlProperty(localName = "DeleteMarkerVersionId") String deleteMarkerVersionId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(
      @JacksonXmlProperty(localName = "Key") String key,
      @JacksonXmlProperty(localName = "VersionId") String versionId,
      @JacksonXmlProperty(localName = "Code") String code,
      @JacksonXmlProperty(localName = "Message") String message) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
