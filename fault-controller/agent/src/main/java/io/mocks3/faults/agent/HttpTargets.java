package io.mocks3.faults.agent;

import io.mocks3.schemas.s3.MalformedS3Request;
import io.mocks3.schemas.s3.S3Request;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Describes an HTTP request for rule conditions. {@link #s3} reads it as the gateway does
 * ({@link S3Request}: path- or virtual-hosted-style bucket and key, the AWS operation name);
 * {@link #plain} names the operation by method and first path segment (e.g. "GET /blobs" on a
 * storage node).
 */
public interface HttpTargets {
  FaultTarget of(HttpServletRequest request);

  /**
   * @param baseDomains the host names under which {@code <bucket>.<domain>} is virtual-hosted-style
   *     (the gateway's {@code mocks3.base-domains})
   */
  static HttpTargets s3(String service, Set<String> baseDomains) {
    Set<String> domains = Set.copyOf(baseDomains);
    return request -> {
      String description = request.getMethod() + " " + request.getRequestURI();
      try {
        S3Request s3 = S3Request.parse(request.getMethod(), request.getHeader("Host"), request.getRequestURI(),
            request.getQueryString(), request::getHeader, domains);
        return new FaultTarget(service, "http", s3.operation(), s3.bucket(), s3.key(), request::getHeader, description);
      } catch (MalformedS3Request e) {
        // The gateway answers it 400; rules on "any request" still see it.
        return new FaultTarget(service, "http", S3Request.MALFORMED, null, null, request::getHeader, description);
      }
    };
  }

  /**
   * Path-style only: a virtual-hosted-style request reads as a request for a bucket named like
   * its path. For callers that do not know the base domains yet; prefer {@link #s3(String, Set)}.
   */
  static HttpTargets s3(String service) {
    return s3(service, Set.of());
  }

  static HttpTargets plain(String service) {
    return request -> {
      String path = request.getRequestURI();
      int next = path.indexOf('/', 1);
      String operation = request.getMethod() + " " + (next < 0 ? path : path.substring(0, next));
      return new FaultTarget(service, "http", operation, null, null, request::getHeader, request.getMethod() + " " + path);
    };
  }
}
