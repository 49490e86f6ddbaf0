package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.S3Xml;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies that are S3 XML documents (bounded in size), and XML answers. */
final class XmlBody {
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  private XmlBody() {}

  /** The body parsed as {@code type}; MalformedXML when it is empty, too large or not that document. */
  static <T> T read(HttpServletRequest request, Class<T> type) throws IOException {
    byte[] body;
    try (InputStream in = RequestBody.of(request).stream()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "The XML body is larger than " + MAX_BYTES + " bytes");
    }
    return parse(body, type);
  }

  /** {@code body} parsed as {@code type}; MalformedXML when it is empty or not that document. */
  static <T> T parse(byte[] body, Class<T> type) throws IOException {
    try {
      T parsed = body.length == 0 ? null : S3Xml.read(body, type);
      if (parsed == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML);
      }
      return parsed;
    } catch (tools.jackson.core.JacksonException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
  }

  static void write(HttpServletResponse response, Object body) throws IOException {
    byte[] xml = S3Xml.write(body);
    response.setStatus(200);
    response.setContentType("application/xml");
    response.setContentLength(xml.length);
    response.getOutputStream().write(xml);
  }
}
