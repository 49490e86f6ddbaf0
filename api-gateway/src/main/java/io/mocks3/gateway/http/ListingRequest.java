package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.S3ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * The parameters every listing shares (ListObjects, ListObjectsV2, ListObjectVersions), read as
 * S3 reads them: an empty delimiter is no delimiter, max-keys is capped at 1000, and with
 * {@code encoding-type=url} the answer's keys, prefixes and markers are URL-encoded.
 *
 * <p>A NUL character in any listing parameter is InvalidArgument naming the parameter: no key
 * can hold one (PutObject refuses it, as PostgreSQL text cannot store it), so S3's answer of an
 * empty listing would need the NUL echoed in an XML 1.0 document, which cannot carry it.
 */
record ListingRequest(String prefix, String delimiter, int maxKeys, String encodingType) {
  static final int MAX_KEYS = 1000;

  static ListingRequest of(S3Query query) {
    String encodingType = text(query, "encoding-type");
    if (encodingType != null && !"url".equals(encodingType)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
    }
    String delimiter = text(query, "delimiter");
    return new ListingRequest(text(query, "prefix"), delimiter == null || delimiter.isEmpty() ? null : delimiter,
        maxKeys(query.get("max-keys")), encodingType);
  }

  /** The parameter's value, or null when absent; a NUL character in it is InvalidArgument naming it. */
  static String text(S3Query query, String name) {
    String value = query.get(name);
    if (value != null && value.indexOf('\0') >= 0) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The " + name + " parameter may not contain the NUL character");
    }
    return value;
  }

  /** A key, prefix or marker as the answer shows it: URL-encoded when the request asked for it, null stays null. */
  String show(String value) {
    return value == null || encodingType == null ? value : urlEncode(value);
  }

  /**
   * S3's URL encoding of keys in listings: every byte of the UTF-8 form percent-encoded except
   * the unreserved characters of RFC 3986 and '/' (a space is %20, a '+' is %2B), as the
   * s3-tests conformance suite checks it against AWS.
   */
  static String urlEncode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static int maxKeys(String value) {
    if (value == null) {
      return MAX_KEYS;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.min(n, MAX_KEYS);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range");
    }
  }
}
