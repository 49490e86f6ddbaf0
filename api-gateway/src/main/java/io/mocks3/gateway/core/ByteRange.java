package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an object, from an HTTP {@code Range} header. As in AWS S3, a header that
 * does not parse as a single {@code bytes=} range is ignored (the whole object is returned); a
 * range that parses but starts beyond the object is {@code InvalidRange} (416).
 */
public record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  public long length() {
    return last - first + 1;
  }

  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          throw unsatisfiable(size);
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
        return Optional.empty();
      }
      if (first >= size) {
        throw unsatisfiable(size);
      }
      return Optional.of(new ByteRange(first, last));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static S3Exception unsatisfiable(long size) {
    return new S3Exception(S3ErrorCode.INVALID_RANGE, "The requested range is not satisfiable (object size " + size + ")");
  }
}
