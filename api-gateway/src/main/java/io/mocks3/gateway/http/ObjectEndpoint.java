package io.mocks3.gateway.http;

import io.mocks3.gateway.core.ByteRange;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.ObjectService;
import io.mocks3.gateway.core.PutRequest;
import io.mocks3.gateway.core.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.core.StoredObject;
import io.mocks3.gateway.metadata.ObjectRow;
import io.mocks3.schemas.command.ObjectMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Object-level operations and the mapping between HTTP headers and stored object metadata. */
class ObjectEndpoint {
  /** Standard headers S3 stores with an object and returns on GET/HEAD. */
  static final List<String> STORED_HEADERS =
      List.of("Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires");
  private static final String USER_META = "x-amz-meta-";
  private final ObjectService objects;
  private final Consistency defaultConsistency;

  ObjectEndpoint(ObjectService objects, Consistency defaultConsistency) {
    this.objects = objects;
    this.defaultConsistency = defaultConsistency;
  }

  void put(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    PutRequest put = new PutRequest(bucket, key, metadataOf(request), request.getHeader("Content-MD5"),
        BucketEndpoint.consistency(request, defaultConsistency));
    String etag;
    try (InputStream body = bodyOf(request)) {
      etag = objects.put(put, body);
    }
    response.setHeader("ETag", etag);
    response.setStatus(200);
  }

  void get(String bucket, String key, HttpServletRequest request, HttpServletResponse response, boolean withBody)
      throws IOException {
    StoredObject object = objects.get(bucket, key);
    ObjectRow row = object.row();
    Optional<ByteRange> range = ByteRange.parse(request.getHeader("Range"), row.size());
    writeHeaders(object, response);
    if (range.isPresent()) {
      response.setStatus(206);
      response.setHeader("Content-Range", range.get().contentRange(row.size()));
    } else {
      response.setStatus(200);
    }
    long length = range.map(ByteRange::length).orElse(row.size());
    response.setContentLengthLong(length);
    if (!withBody || length == 0) {
      return;
    }
    try (InputStream in = objects.open(object, range.orElse(null)); OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  void delete(String bucket, String key, HttpServletRequest request, HttpServletResponse response) {
    objects.delete(bucket, key, BucketEndpoint.consistency(request, defaultConsistency));
    response.setStatus(204);
  }

  private static void writeHeaders(StoredObject object, HttpServletResponse response) {
    ObjectRow row = object.row();
    response.setHeader("ETag", object.etag());
    response.setHeader("Last-Modified", HttpDates.format(row.lastModified()));
    response.setHeader("Accept-Ranges", "bytes");
    response.setHeader("Content-Type", row.contentType());
    row.headers().forEach(response::setHeader);
    row.userMetadata().forEach((name, value) -> response.setHeader(USER_META + name, value));
  }

  /** The body as the client meant it: aws-chunked framing removed, its declared length enforced. */
  static InputStream bodyOf(HttpServletRequest request) throws IOException {
    InputStream raw = request.getInputStream();
    if (!AwsChunkedInputStream.applies(request.getHeader("x-amz-content-sha256"), request.getHeader("Content-Encoding"))) {
      return raw;
    }
    String decoded = request.getHeader("x-amz-decoded-content-length");
    long expected = decoded == null ? -1 : parseLength(decoded);
    return new LengthCheckingInputStream(new AwsChunkedInputStream(raw), expected);
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-decoded-content-length is not a number");
    }
  }

  static ObjectMetadata metadataOf(HttpServletRequest request) {
    Map<String, String> headers = new TreeMap<>();
    for (String name : STORED_HEADERS) {
      String value = request.getHeader(name);
      if (name.equals("Content-Encoding") && value != null) {
        value = withoutAwsChunked(value);
      }
      if (value != null && !value.isEmpty()) {
        headers.put(name, value);
      }
    }
    Map<String, String> user = new TreeMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith(USER_META) && lower.length() > USER_META.length()) {
        user.put(lower.substring(USER_META.length()), String.join(",", Collections.list(request.getHeaders(name))));
      }
    }
    return new ObjectMetadata(request.getHeader("Content-Type"), headers, user);
  }

  private static String withoutAwsChunked(String contentEncoding) {
    return String.join(",", java.util.Arrays.stream(contentEncoding.split(","))
        .map(String::trim)
        .filter(e -> !e.isEmpty() && !e.equalsIgnoreCase("aws-chunked"))
        .toList());
  }
}
