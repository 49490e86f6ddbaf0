package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpRange;

/**
 * One byte range of an object. The syntax is Spring's {@link HttpRange}; the semantics are S3's:
 * <ul>
 *   <li>{@code Range}: a header that is not exactly one valid {@code bytes=} range (another unit,
 *       several ranges, last before first, garbage) is ignored and the whole object is returned;
 *       a range that parses but selects nothing of the object ({@code bytes=-0}, a first byte at or
 *       beyond its end, any range of an empty object) is {@code InvalidRange} (416);
 *   <li>{@code x-amz-copy-source-range}: exactly {@code bytes=first-last}, else
 *       {@code InvalidArgument}; a range not inside the source is {@code InvalidRange}.
 * </ul>
 */
public record ByteRange(long first, long last) {
  private static final Pattern COPY_SHAPE = Pattern.compile("bytes=\\d+-\\d+");

  public long length() {
    return last - first + 1;
  }

  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** The range a GET's {@code Range} header selects of an object of {@code size} bytes; empty for the whole object. */
  public static Optional<ByteRange> parse(String header, long size) {
    Optional<HttpRange> range = single(header);
    if (range.isEmpty()) {
      return Optional.empty();
    }
    long first = range.get().getRangeStart(size);
    long last = range.get().getRangeEnd(size);
    if (first >= size || first > last) {
      throw new S3Exception(S3ErrorCode.INVALID_RANGE, "The requested range is not satisfiable (object size " + size + ")");
    }
    return Optional.of(new ByteRange(first, last));
  }

  /** The range of a source object an UploadPartCopy's {@code x-amz-copy-source-range} names. */
  public static ByteRange parseCopySource(String header, long size) {
    String value = header.trim();
    // S3 wants both ends here, where HTTP also allows "bytes=5-" and "bytes=-5".
    if (!COPY_SHAPE.matcher(value).matches()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form bytes=first-last "
          + "where first and last are the zero-based offsets of the first and last bytes to copy");
    }
    Optional<HttpRange> range = single(value); // empty when last < first or an offset overflows
    if (range.isEmpty() || range.get().getRangeEnd(Long.MAX_VALUE) >= size) {
      throw new S3Exception(S3ErrorCode.INVALID_RANGE, "The requested range is not satisfiable");
    }
    return new ByteRange(range.get().getRangeStart(size), range.get().getRangeEnd(size));
  }

  /** The one range {@code header} names, or empty when it does not name exactly one in valid syntax. */
  private static Optional<HttpRange> single(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      List<HttpRange> ranges = HttpRange.parseRanges(header.trim());
      return ranges.size() == 1 ? Optional.of(ranges.get(0)) : Optional.empty();
    } catch (IllegalArgumentException e) { // NumberFormatException included: S3 ignores what it cannot read
      return Optional.empty();
    }
  }
}
