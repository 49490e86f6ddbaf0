package io.mocks3.schemas.s3;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of an S3 request, read from the raw query string: names and values
 * form-decoded, the first of repeated names wins, a bare flag ({@code ?uploads}) has value "".
 * A server must not use its servlet parameter API for S3: for a form content type that reads the
 * body, and an S3 body is object bytes whatever its Content-Type says.
 */
public record QueryParameters(Map<String, String> values) {
  public static final QueryParameters NONE = new QueryParameters(Map.of());

  public QueryParameters {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** @throws MalformedS3Request (InvalidArgument) for a broken percent-escape */
  public static QueryParameters parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = Percent.decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : Percent.decodeQuery(pair.substring(eq + 1));
      values.putIfAbsent(name, value);
    }
    return new QueryParameters(values);
  }

  /** The parameter's value ("" for a bare flag), or null when absent. */
  public String get(String name) {
    return values.get(name);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The names in the order the request sent them. */
  public Set<String> names() {
    return values.keySet();
  }
}
