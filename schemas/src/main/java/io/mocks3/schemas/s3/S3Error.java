package io.mocks3.schemas.s3;

import java.nio.charset.StandardCharsets;

/**
 * An S3 {@code <Error>} document, the one way MockS3 renders an error: the gateway's own errors
 * and the faults the agent injects read byte for byte alike.
 *
 * @param code the S3 error code, e.g. NoSuchKey
 * @param message the human-readable message, or null
 * @param resource the request's path as sent (still percent-encoded), or null
 * @param requestId the request's {@code x-amz-request-id}, or null
 */
public record S3Error(String code, String message, String resource, String requestId) {
  public static final String CONTENT_TYPE = "application/xml";

  public S3Error {
    if (code == null || code.isEmpty()) {
      throw new IllegalArgumentException("an S3 error needs a code");
    }
  }

  public S3Error(S3ErrorCode code, String message, String resource, String requestId) {
    this(code.code(), message, resource, requestId);
  }

  /** The document as S3 writes it; elements whose value is null are left out. */
  public String toXml() {
    StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>");
    element(xml, "Code", code);
    element(xml, "Message", message);
    element(xml, "Resource", resource);
    element(xml, "RequestId", requestId);
    return xml.append("</Error>").toString();
  }

  public byte[] toBytes() {
    return toXml().getBytes(StandardCharsets.UTF_8);
  }

  private static void element(StringBuilder xml, String name, String value) {
    if (value != null) {
      xml.append('<').append(name).append('>');
      escape(xml, value);
      xml.append("</").append(name).append('>');
    }
  }

  /**
   * Escapes markup characters, and replaces what XML 1.0 cannot carry at all (control characters,
   * unpaired surrogates: a key may hold them, and a message may quote a key) with U+FFFD, so that
   * every client's parser reads the document.
   */
  static void escape(StringBuilder xml, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> xml.append("&amp;");
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        case '\r' -> xml.append("&#13;");
        case '\t', '\n' -> xml.append(c);
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            xml.append(c).append(value.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            xml.append('\uFFFD');
          } else {
            xml.append(c);
          }
        }
      }
    }
  }
}
