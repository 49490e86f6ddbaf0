package io.mocks3.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User metadata values as S3 treats non-ASCII text (RFC 2047): encoded words ({@code =?UTF-8?B?...?=},
 * {@code =?charset?Q?...?=}) are decoded before storing, and a stored value with non-ASCII
 * characters is answered as one {@code =?UTF-8?B?...?=} word; ASCII values pass unchanged.
 */
final class MimeHeaderValues {
  private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
  /** Whitespace between two encoded words is not part of the text (RFC 2047 section 6.2). */
  private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

  private MimeHeaderValues() {}

  /** The text a header value stands for: encoded words decoded; raw UTF-8 bytes (read as ISO-8859-1) as UTF-8. */
  static String decode(String value) {
    String text = asUtf8(value);
    if (!text.contains("=?")) {
      return text;
    }
    Matcher m = ENCODED_WORD.matcher(BETWEEN_WORDS.matcher(text).replaceAll("$1$2"));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = decodeWord(m.group(1), m.group(2), m.group(3));
      m.appendReplacement(out, Matcher.quoteReplacement(word == null ? m.group() : word));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The value as a header may carry it: as is when ASCII, else one base64 UTF-8 encoded word. */
  static String encode(String value) {
    if (value.chars().allMatch(c -> c < 0x80)) {
      return value;
    }
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
  }

  private static String decodeWord(String charsetName, String encoding, String text) {
    try {
      Charset charset = Charset.forName(charsetName);
      byte[] bytes = encoding.equalsIgnoreCase("B") ? Base64.getDecoder().decode(text) : quotedPrintable(text);
      return new String(bytes, charset);
    } catch (IllegalArgumentException e) {
      // an unknown charset or bad base64: not an encoded word after all, kept as written
      return null;
    }
  }

  /** RFC 2047's "Q" encoding: "_" is a space, "=XX" a byte. */
  private static byte[] quotedPrintable(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && i + 2 < text.length()) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /**
   * The servlet container reads header bytes as ISO-8859-1: a client that sent UTF-8 bytes as they
   * are gets them back as the characters they encode. Anything that is not valid UTF-8 stays as read.
   */
  private static String asUtf8(String value) {
    if (value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xFF)) {
      return value;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
    } catch (CharacterCodingException e) {
      return value;
    }
  }
}
