package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import org.codehaus.stax2.XMLOutputFactory2;

/**
 * Writes and reads S3's XML bodies; the DTOs in this package carry the element names. Text that
 * XML 1.0 cannot carry is written as character references ({@link XmlText}), as S3 does.
 */
public final class S3Xml {
  public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final XmlMapper MAPPER = mapper();

  private S3Xml() {}

  public static byte[] write(Object body) {
    try {
      return MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  public static <T> T read(byte[] body, Class<T> type) throws java.io.IOException {
    return MAPPER.readValue(body, type);
  }

  /** S3's timestamp format in XML bodies: ISO 8601 with milliseconds, UTC. */
  public static String timestamp(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  private static XmlMapper mapper() {
    XMLOutputFactory output = XMLOutputFactory.newFactory();
    output.setProperty(XMLOutputFactory2.P_TEXT_ESCAPER, XmlText.ESCAPER);
    // No input factory of its own: Jackson then makes its default one, with external entities off.
    XmlMapper m = new XmlMapper(new XmlFactory(null, output));
    m.enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION);
    m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    m.configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return m;
  }
}
