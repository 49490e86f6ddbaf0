package io.mocks3.gateway.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of an S3 request, parsed from the raw query string only. The servlet
 * parameter API must not be used here: for a form content type it reads the request body as
 * parameters, and an S3 body is object bytes whatever its Content-Type says.
 */
final class S3Query {
  private static final String ATTRIBUTE = S3Query.class.getName();
  private final Map<String, String> values;

  private S3Query(Map<String, String> values) {
    this.values = values;
  }

  static S3Query of(HttpServletRequest request) {
    Object cached = request.getAttribute(ATTRIBUTE);
    if (cached instanceof S3Query query) {
      return query;
    }
    S3Query query = parse(request.getQueryString());
    request.setAttribute(ATTRIBUTE, query);
    return query;
  }

  static S3Query parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.putIfAbsent(name, value);
      }
    }
    return new S3Query(Collections.unmodifiableMap(values));
  }

  /** The parameter's value ("" for a bare flag such as {@code ?uploads}), or null when absent. */
  String get(String name) {
    return values.get(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Set<String> names() {
    return values.keySet();
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new io.mocks3.gateway.core.S3Exception(io.mocks3.gateway.core.S3ErrorCode.INVALID_ARGUMENT,
          "Malformed query parameter: " + raw);
    }
  }
}
