package io.mocks3.gateway.http.xml;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.codehaus.stax2.io.EscapingWriterFactory;

/**
 * Text in S3's XML answers as S3 writes it when a key (or any text) holds a character XML 1.0
 * cannot carry (U+0001, U+FFFF...): as a character reference ({@code &#x1;}) instead of failing the
 * whole answer. Clients parse that only leniently, which is why S3 (and MockS3) offer
 * {@code encoding-type=url} for listings; a carriage return is written as {@code &#xD;} so that a
 * parser's end-of-line handling cannot turn it into another key.
 */
public final class XmlText implements EscapingWriterFactory {
  private XmlText() {}

  static final XmlText ESCAPER = new XmlText();

  /** Text escaping: the XML 1.0 markup characters, and character references for what XML 1.0 cannot hold. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\r' -> out.append("&#xD;");
        default -> {
          boolean valid = c == '\t' || c == '\n' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000;
          if (valid) {
            out.appendCodePoint(c);
          } else {
            out.append("&#x").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append(';');
          }
        }
      }
    });
    return out.toString();
  }

  @Override
  public Writer createEscapingWriterFor(Writer w, String enc) {
    return new FilterWriter(w) {
      @Override
      public void write(int c) throws IOException {
        out.write(escape(Character.toString((char) c)));
      }

      @Override
      public void write(char[] buf, int off, int len) throws IOException {
        out.write(escape(new String(buf, off, len)));
      }

      @Override
      public void write(String s, int off, int len) throws IOException {
        out.write(escape(s.substring(off, off + len)));
      }
    };
  }

  @Override
  public Writer createEscapingWriterFor(OutputStream out, String enc) {
    return createEscapingWriterFor(new OutputStreamWriter(out, StandardCharsets.UTF_8), enc);
  }
}
