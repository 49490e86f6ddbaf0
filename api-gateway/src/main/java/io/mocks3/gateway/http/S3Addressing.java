package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.MalformedS3Request;
import io.mocks3.schemas.s3.S3Request;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a servlet request as {@link S3Request} (path-style or virtual-hosted-style under the
 * configured base domains), once per request. Keys are taken from the raw, still-encoded path and
 * decoded once, so "a//b", "a%2Fb" and "../x" reach the store exactly as the client named them.
 */
final class S3Addressing {
  private static final String ATTRIBUTE = S3Request.class.getName();
  private final Set<String> baseDomains;

  S3Addressing(List<String> baseDomains) {
    this.baseDomains = Set.copyOf(baseDomains);
  }

  /** Bucket and key of a request; either may be null (service level, bucket level). */
  record Target(String bucket, String key) {}

  /** The request as S3 reads it; a request that does not read answers InvalidURI or InvalidArgument. */
  S3Request read(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof S3Request cached) {
      return cached;
    }
    S3Request s3 = readable(() -> S3Request.parse(request.getMethod(), request.getHeader("Host"),
        request.getRequestURI(), request.getQueryString(), request::getHeader, baseDomains));
    request.setAttribute(ATTRIBUTE, s3);
    return s3;
  }

  /** The request's S3 reading if {@link #read} made one. */
  static S3Request cached(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof S3Request s3 ? s3 : null;
  }

  Target resolve(String hostHeader, String rawPath) {
    S3Request s3 = readable(() -> S3Request.parse("GET", hostHeader, rawPath, null, null, baseDomains));
    return new Target(s3.bucket(), s3.key());
  }

  /** Runs a reading of the request; one that does not read answers its S3 error. */
  static <T> T readable(Supplier<T> reading) {
    try {
      return reading.get();
    } catch (MalformedS3Request e) {
      throw new S3Exception(e.code(), e.getMessage());
    }
  }
}
