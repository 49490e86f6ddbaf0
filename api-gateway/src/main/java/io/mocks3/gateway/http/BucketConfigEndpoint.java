package io.mocks3.gateway.http;

import io.mocks3.gateway.http.xml.VersioningConfiguration;
import io.mocks3.schemas.Versioning;

import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.CorsConfiguration;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.gateway.http.xml.Tagging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Bucket configuration sub-resources ({@code ?tagging}, {@code ?cors}): one mechanism for all. A
 * PUT parses and validates the document, then stores its canonical XML through the log; GET
 * returns it; DELETE removes it.
 */
class BucketConfigEndpoint {
  static final int MAX_BUCKET_TAGS = 50;
  private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
  private final BucketService buckets;
  private final Consistency defaultConsistency;

  /** A configuration kind: its query parameter, document type and the error when it is unset. */
  enum Kind {
    TAGGING("tagging", Tagging.class, S3ErrorCode.NO_SUCH_TAG_SET),
    CORS("cors", CorsConfiguration.class, S3ErrorCode.NO_SUCH_CORS_CONFIGURATION),
    /** Stored as the bare status (Enabled, Suspended): the projector decides writes by it. */
    VERSIONING(Versioning.KIND, VersioningConfiguration.class, null);

    final String parameter;
    final Class<?> document;
    final S3ErrorCode missing;

    Kind(String parameter, Class<?> document, S3ErrorCode missing) {
      this.parameter = parameter;
      this.document = document;
      this.missing = missing;
    }

    static Kind of(S3Query query) {
      for (Kind kind : values()) {
        if (query.has(kind.parameter)) {
          return kind;
        }
      }
      return null;
    }
  }

  BucketConfigEndpoint(BucketService buckets, Consistency defaultConsistency) {
    this.buckets = buckets;
    this.defaultConsistency = defaultConsistency;
  }

  void handle(Kind kind, String method, String bucket, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Consistency mode = BucketEndpoint.consistency(request, defaultConsistency);
    if (kind == Kind.VERSIONING) {
      versioning(method, bucket, request, response, mode);
      return;
    }
    switch (method) {
      case "GET" -> {
        byte[] xml = buckets.config(bucket, kind.parameter)
            .orElseThrow(() -> new S3Exception(kind.missing))
            .getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/xml");
        response.setContentLength(xml.length);
        response.getOutputStream().write(xml);
      }
      case "PUT" -> {
        Object document = XmlBody.read(request, kind.document);
        validate(document);
        buckets.setConfig(bucket, kind.parameter, new String(S3Xml.write(document), StandardCharsets.UTF_8), mode);
        response.setStatus(kind == Kind.TAGGING ? 204 : 200);
      }
      case "DELETE" -> {
        buckets.setConfig(bucket, kind.parameter, null, mode);
        response.setStatus(204);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  /**
   * GetBucketVersioning answers an empty configuration for a bucket that never had versioning;
   * PutBucketVersioning takes Enabled or Suspended (MFA delete is not supported); there is no delete.
   */
  private void versioning(String method, String bucket, HttpServletRequest request, HttpServletResponse response,
      Consistency mode) throws IOException {
    switch (method) {
      case "GET" -> XmlBody.write(response, new VersioningConfiguration(buckets.config(bucket, Versioning.KIND).orElse(null), null));
      case "PUT" -> {
        VersioningConfiguration document = XmlBody.read(request, VersioningConfiguration.class);
        String status = document.status();
        if (!Versioning.ENABLED.equals(status) && !Versioning.SUSPENDED.equals(status)) {
          throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Status must be Enabled or Suspended");
        }
        if ("Enabled".equals(document.mfaDelete())) {
          throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "MFA delete is not supported by MockS3");
        }
        buckets.setConfig(bucket, Versioning.KIND, status, mode);
        response.setStatus(200);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private static void validate(Object document) {
    if (document instanceof Tagging tagging) {
      ObjectEndpoint.fromTagging(tagging, MAX_BUCKET_TAGS);
    } else if (document instanceof CorsConfiguration cors) {
      List<CorsConfiguration.Rule> rules = cors.rules() == null ? List.of() : cors.rules();
      if (rules.isEmpty() || rules.size() > 100) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A CORS configuration has 1 to 100 rules");
      }
      for (CorsConfiguration.Rule rule : rules) {
        if (rule.allowedMethods() == null || rule.allowedMethods().isEmpty()
            || rule.allowedOrigins() == null || rule.allowedOrigins().isEmpty()) {
          throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Every CORSRule needs an AllowedMethod and an AllowedOrigin");
        }
        for (String method : rule.allowedMethods()) {
          if (!CORS_METHODS.contains(method)) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
          }
        }
        for (String origin : rule.allowedOrigins()) {
          if (origin.indexOf('*') != origin.lastIndexOf('*')) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                "AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
          }
        }
      }
    }
  }
}
