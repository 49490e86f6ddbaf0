package io.mocks3.gateway.core;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The HTTP preconditions of a GET or HEAD (and, with the {@code x-amz-copy-source-} prefix, of a
 * copy's source), evaluated as S3 does (RFC 9110 §13.2.2): If-Match, else If-Unmodified-Since,
 * can fail with 412; then If-None-Match, else If-Modified-Since, can answer 304. Unparseable
 * dates are ignored, as S3 ignores them.
 */
public record ReadConditions(String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {
  public static final ReadConditions NONE = new ReadConditions(null, null, null, null);

  /** What the conditions decide for an object with this ETag (unquoted) and modification time. */
  public enum Outcome {
    PROCEED,
    NOT_MODIFIED,
    PRECONDITION_FAILED
  }

  public Outcome evaluate(String etag, Instant lastModified) {
    // HTTP dates have second precision: compare at that precision.
    Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    if (ifMatch != null) {
      if (!matches(ifMatch, etag)) {
        return Outcome.PRECONDITION_FAILED;
      }
    } else {
      Instant since = date(ifUnmodifiedSince);
      if (since != null && modified.isAfter(since)) {
        return Outcome.PRECONDITION_FAILED;
      }
    }
    if (ifNoneMatch != null) {
      if (matches(ifNoneMatch, etag)) {
        return Outcome.NOT_MODIFIED;
      }
    } else {
      Instant since = date(ifModifiedSince);
      if (since != null && !modified.isAfter(since)) {
        return Outcome.NOT_MODIFIED;
      }
    }
    return Outcome.PROCEED;
  }

  /** Whether a list of entity tags ({@code "a", W/"b"} or {@code *}) names {@code etag}. */
  static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || unquote(c).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static String unquote(String etag) {
    String e = etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  private static Instant date(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
