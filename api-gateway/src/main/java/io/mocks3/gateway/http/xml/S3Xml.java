package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.dataformat.xml.XmlFactory;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlWriteFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import org.codehaus.stax2.XMLOutputFactory2;
import tools.jackson.databind.DeserializationFeature;

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
    return MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
  }

  /** The body as {@code type}; a {@link tools.jackson.core.JacksonException} when it is not that document. */
  public static <T> T read(byte[] body, Class<T> type) {
    return MAPPER.readValue(body, type);
  }

  /** S3's timestamp format in XML bodies: ISO 8601 with milliseconds, UTC. */
  public static String timestamp(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  /**
   * Jackson 2's defaults (Jackson 3 changed some, e.g. alphabetical property order): the answers stay byte for byte
   * what S3XmlWireTest's fixtures hold.
   */
  private static XmlMapper mapper() {
    XMLOutputFactory output = XMLOutputFactory.newFactory();
    output.setProperty(XMLOutputFactory2.P_TEXT_ESCAPER, XmlText.ESCAPER);
    // No input factory of its own: Jackson then makes its default one, with external entities off.
    XmlFactory factory = XmlFactory.builderWithJackson2Defaults().xmlOutputFactory(output)
        .enable(XmlWriteFeature.WRITE_XML_DECLARATION).build();
    return XmlMapper.builder(factory)
        .configureForJackson2()
        .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}
