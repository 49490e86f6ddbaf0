package io.mocks3.schemas.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The two percent-decodings S3 requests use. */
final class Percent {
  private Percent() {}

  /** RFC 3986 decoding of a path or header: unlike form decoding, '+' stays a plus. */
  static String decodePath(String raw, S3ErrorCode error, String message) {
    return decode(raw.replace("+", "%2B"), error, message);
  }

  /** Form decoding of a query name or value: '+' is a space, as S3 and every SDK treat it. */
  static String decodeQuery(String raw) {
    return decode(raw, S3ErrorCode.INVALID_ARGUMENT, "Malformed query parameter: " + raw);
  }

  private static String decode(String raw, S3ErrorCode error, String message) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MalformedS3Request(error, message);
    }
  }
}
