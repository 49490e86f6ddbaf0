package io.mocks3.gateway.http;

import io.mocks3.gateway.core.BucketService;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.CorsConfiguration;
import io.mocks3.gateway.http.xml.S3Xml;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;

/**
 * S3's CORS, from the bucket's {@code ?cors} configuration: answers preflight OPTIONS requests
 * itself, and adds the Access-Control headers to any request with an Origin that a rule allows.
 * Requests without an Origin header cost nothing here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CorsFilter extends OncePerRequestFilter {
  private final S3Addressing addressing;
  private final BucketService buckets;

  CorsFilter(S3Addressing addressing, BucketService buckets) {
    this.addressing = addressing;
    this.buckets = buckets;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader("Origin");
    boolean preflight = "OPTIONS".equals(request.getMethod());
    if (origin == null && !preflight) {
      chain.doFilter(request, response);
      return;
    }
    try {
      S3Addressing.Target target = addressing.resolve(request.getHeader("Host"), request.getRequestURI());
      if (preflight) {
        preflight(target, origin, request, response);
        return;
      }
      if (target.bucket() != null) {
        rules(target.bucket()).flatMap(cors -> match(cors, origin, request.getMethod(), List.of()))
            .ifPresent(rule -> allow(rule, origin, response));
      }
    } catch (S3Exception e) {
      if (preflight) {
        S3ErrorHandler.write(e.code(), e.getMessage(), request, response);
        return;
      }
      // A bad bucket name or a missing bucket: the request itself will answer with that error.
    }
    chain.doFilter(request, response);
  }

  private void preflight(S3Addressing.Target target, String origin, HttpServletRequest request, HttpServletResponse response) {
    String method = request.getHeader("Access-Control-Request-Method");
    if (origin == null || method == null || target.bucket() == null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Insufficient information. Origin request header needed.");
    }
    List<String> headers = splitList(request.getHeader("Access-Control-Request-Headers"));
    CorsConfiguration cors = rules(target.bucket())
        .orElseThrow(() -> new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN, "CORSResponse: CORS is not enabled for this bucket."));
    CorsConfiguration.Rule rule = match(cors, origin, method, headers)
        .orElseThrow(() -> new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN));
    allow(rule, origin, response);
    response.setHeader("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    if (!headers.isEmpty()) {
      response.setHeader("Access-Control-Allow-Headers", String.join(", ", headers));
    }
    if (rule.maxAgeSeconds() != null) {
      response.setHeader("Access-Control-Max-Age", String.valueOf(rule.maxAgeSeconds()));
    }
    response.setStatus(200);
  }

  private Optional<CorsConfiguration> rules(String bucket) {
    return buckets.config(bucket, BucketConfigEndpoint.Kind.CORS.parameter).map(xml -> {
      try {
        return S3Xml.read(xml.getBytes(StandardCharsets.UTF_8), CorsConfiguration.class);
      } catch (JacksonException e) {
        throw new IllegalStateException("stored CORS configuration of " + bucket + " does not parse", e);
      }
    });
  }

  private static void allow(CorsConfiguration.Rule rule, String origin, HttpServletResponse response) {
    boolean any = rule.allowedOrigins().contains("*");
    response.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
    if (!any) {
      response.setHeader("Access-Control-Allow-Credentials", "true");
    }
    response.setHeader("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    if (rule.exposeHeaders() != null && !rule.exposeHeaders().isEmpty()) {
      response.setHeader("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    }
    if (rule.allowedMethods() != null) {
      response.setHeader("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    }
  }

  /** The first rule allowing this origin, method and every requested header (S3 evaluates rules in order). */
  static Optional<CorsConfiguration.Rule> match(CorsConfiguration cors, String origin, String method, List<String> headers) {
    if (cors.rules() == null) {
      return Optional.empty();
    }
    return cors.rules().stream()
        .filter(rule -> rule.allowedOrigins().stream().anyMatch(pattern -> wildcard(pattern, origin, false)))
        .filter(rule -> rule.allowedMethods().contains(method))
        .filter(rule -> headers.stream().allMatch(header -> rule.allowedHeaders() != null
            && rule.allowedHeaders().stream().anyMatch(pattern -> wildcard(pattern, header, true))))
        .findFirst();
  }

  /** A pattern with at most one '*' matching any run of characters. */
  static boolean wildcard(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    int star = p.indexOf('*');
    if (star < 0) {
      return p.equals(v);
    }
    String head = p.substring(0, star);
    String tail = p.substring(star + 1);
    return v.length() >= head.length() + tail.length() && v.startsWith(head) && v.endsWith(tail);
  }

  private static List<String> splitList(String header) {
    return header == null ? List.of()
        : Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
