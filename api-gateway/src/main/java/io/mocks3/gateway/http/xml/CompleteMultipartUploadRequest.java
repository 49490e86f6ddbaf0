package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The body of CompleteMultipartUpload: the parts, by number and ETag, in the client's order. */
@JacksonXmlRootElement(localName = "CompleteMultipartUpload")
public record CompleteMultipartUploadRequest(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts) {

  public record Part(
      @JacksonXmlProperty(localName = "PartNumber") Integer partNumber,
      @JacksonXmlProperty(localName = "ETag") String etag) {}
}
