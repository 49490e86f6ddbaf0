package io.mocks3.faults.agent;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Describes an HTTP request for rule conditions. {@link #s3} reads it as an S3 request
 * (path-style bucket and key, the S3 operation name); {@link #plain} names the operation by
 * method and first path segment (e.g. "GET /blobs" on a storage node).
 */
public interface HttpTargets {
  FaultTarget of(HttpServletRequest request);

  static HttpTargets s3(String service) {
    return request -> {
      String path = request.getRequestURI();
      String rest = path.startsWith("/") ? path.substring(1) : path;
      int slash = rest.indexOf('/');
      String bucket = rest.isEmpty() ? null : decode(slash < 0 ? rest : rest.substring(0, slash));
      String key = slash < 0 || slash == rest.length() - 1 ? null : decode(rest.substring(slash + 1));
      String query = request.getQueryString() == null ? "" : request.getQueryString();
      String operation = S3Operations.classify(request.getMethod(), bucket != null, key != null, query,
          request.getHeader("x-amz-copy-source") != null);
      return new FaultTarget(service, "http", operation, bucket, key, request::getHeader, request.getMethod() + " " + path);
    };
  }

  static HttpTargets plain(String service) {
    return request -> {
      String path = request.getRequestURI();
      int next = path.indexOf('/', 1);
      String operation = request.getMethod() + " " + (next < 0 ? path : path.substring(0, next));
      return new FaultTarget(service, "http", operation, null, null, request::getHeader, request.getMethod() + " " + path);
    };
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }
}
