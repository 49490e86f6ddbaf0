package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.QueryParameters;
import io.mocks3.schemas.s3.S3Request;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * The query parameters of an S3 request: the gateway's handle on {@link QueryParameters}, read
 * from the raw query string only (never the servlet parameter API, which reads form bodies).
 */
final class S3Query {
  private static final String ATTRIBUTE = S3Query.class.getName();
  private final QueryParameters parameters;

  private S3Query(QueryParameters parameters) {
    this.parameters = parameters;
  }

  static S3Query of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof S3Query query) {
      return query;
    }
    S3Request s3 = S3Addressing.cached(request);
    S3Query query = s3 != null ? new S3Query(s3.query()) : parse(request.getQueryString());
    request.setAttribute(ATTRIBUTE, query);
    return query;
  }

  /** A malformed escape answers InvalidArgument. */
  static S3Query parse(String rawQuery) {
    return new S3Query(S3Addressing.readable(() -> QueryParameters.parse(rawQuery)));
  }

  /** The parameter's value ("" for a bare flag such as {@code ?uploads}), or null when absent. */
  String get(String name) {
    return parameters.get(name);
  }

  boolean has(String name) {
    return parameters.has(name);
  }

  Set<String> names() {
    return parameters.names();
  }
}
