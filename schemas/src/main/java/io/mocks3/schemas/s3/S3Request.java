package io.mocks3.schemas.s3;

import io.mocks3.schemas.s3.SubResources.SubResource;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An HTTP request read as S3 reads it: which bucket and key it addresses (path-style
 * {@code host/bucket/key} or virtual-hosted-style {@code bucket.<base domain>/key}) and which API
 * operation it is. The gateway routes by it, the fault agent matches rules by it, the history
 * records it: one reading, so they cannot disagree.
 *
 * @param operation the operation as the AWS API reference names it (PutObject, DeleteBucketLifecycle,
 *     GetBucketPolicy, ...; MockS3's {@code ?mocks3-origin} is Get/Put/DeleteBucketOrigin), or
 *     {@link #METHOD_NOT_ALLOWED} when no operation has this method on this resource
 * @param method the HTTP method
 * @param bucket the bucket, or null for the service ({@code GET /})
 * @param key the object key, percent-decoded once ('+' stays a plus), or null for a bucket request
 * @param versionId the {@code versionId} parameter as sent, or null
 * @param uploadId the {@code uploadId} parameter, or null
 * @param subresource the query parameter that decided the operation ({@code lifecycle}, {@code uploads},
 *     {@code delete}, ...), or null for a plain object or bucket request
 * @param served false when MockS3 does not implement the sub-resource (the gateway answers 501)
 * @param copySource the object {@code x-amz-copy-source} names, for CopyObject and UploadPartCopy
 *     whose header reads; else null
 * @param query all query parameters
 */
public record S3Request(
    String operation,
    String method,
    String bucket,
    String key,
    String versionId,
    String uploadId,
    String subresource,
    boolean served,
    CopySource copySource,
    QueryParameters query) {
  /** The "operation" of a method no S3 operation has on the resource (the gateway answers 405). */
  public static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";
  /** The "operation" of a request that does not read as S3 (the gateway answers 400). */
  public static final String MALFORMED = "MalformedRequest";
  public static final String COPY_SOURCE_HEADER = "x-amz-copy-source";

  /**
   * Reads a request.
   *
   * @param host the Host header (with or without port), or null
   * @param rawPath the path as sent, still percent-encoded
   * @param rawQuery the query string as sent, or null
   * @param header a request header by name, null when absent
   * @param baseDomains the host names under which {@code <bucket>.<domain>} is virtual-hosted-style
   * @throws MalformedS3Request for a broken percent-escape in the path (InvalidURI) or query (InvalidArgument)
   */
  public static S3Request parse(String method, String host, String rawPath, String rawQuery,
      UnaryOperator<String> header, Set<String> baseDomains) {
    Target target = Target.of(host, rawPath, baseDomains);
    QueryParameters query = QueryParameters.parse(rawQuery);
    String copyHeader = header == null ? null : header.apply(COPY_SOURCE_HEADER);
    Decision decision = decide(method, target, query, copyHeader != null);
    CopySource copySource = decision.operation.equals("CopyObject") || decision.operation.equals("UploadPartCopy")
        ? CopySource.parseOrNull(copyHeader) : null;
    return new S3Request(decision.operation, method, target.bucket, target.key, query.get("versionId"),
        query.get("uploadId"), decision.subresource, decision.served, copySource, query);
  }

  /** The bucket and key addressed: either may be null (service level, bucket level). */
  private record Target(String bucket, String key) {
    static Target of(String host, String rawPath, Set<String> baseDomains) {
      String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
      String virtualBucket = virtualHostBucket(host, baseDomains);
      if (virtualBucket != null) {
        return new Target(virtualBucket, path.length() > 1 ? decodePath(path.substring(1)) : null);
      }
      String rest = path.substring(1);
      if (rest.isEmpty()) {
        return new Target(null, null);
      }
      int slash = rest.indexOf('/');
      if (slash < 0) {
        return new Target(decodePath(rest), null);
      }
      String key = rest.substring(slash + 1);
      return new Target(decodePath(rest.substring(0, slash)), key.isEmpty() ? null : decodePath(key));
    }

    private static String virtualHostBucket(String hostHeader, Set<String> baseDomains) {
      if (hostHeader == null) {
        return null;
      }
      String host = hostHeader.toLowerCase(Locale.ROOT);
      int colon = host.lastIndexOf(':');
      if (colon > 0 && !host.endsWith("]")) {
        host = host.substring(0, colon);
      }
      for (String domain : baseDomains) {
        String suffix = "." + domain.toLowerCase(Locale.ROOT);
        if (host.endsWith(suffix) && host.length() > suffix.length()) {
          return host.substring(0, host.length() - suffix.length());
        }
      }
      return null;
    }

    private static String decodePath(String raw) {
      return Percent.decodePath(raw, S3ErrorCode.INVALID_URI, S3ErrorCode.INVALID_URI.defaultMessage());
    }
  }

  private record Decision(String operation, String subresource, boolean served) {
    static Decision of(SubResource sub, String method) {
      return new Decision(sub.operation(method), sub.parameter(), sub.served());
    }

    static Decision plain(String operation) {
      return new Decision(operation, null, true);
    }
  }

  private static Decision decide(String method, Target target, QueryParameters query, boolean copy) {
    if (target.bucket == null) {
      return Decision.plain("GET".equals(method) ? "ListBuckets" : METHOD_NOT_ALLOWED);
    }
    return target.key == null ? bucketOperation(method, query) : objectOperation(method, query, copy);
  }

  private static Decision bucketOperation(String method, QueryParameters query) {
    SubResource sub = SubResources.firstSent(query, SubResources.BUCKET_UNSERVED);
    sub = sub != null ? sub : SubResources.first(query, SubResources.BUCKET);
    if (sub != null) {
      return Decision.of(sub, method);
    }
    return switch (method) {
      case "PUT" -> Decision.plain("CreateBucket");
      case "HEAD" -> Decision.plain("HeadBucket");
      case "DELETE" -> Decision.plain("DeleteBucket");
      // A POST to the bucket itself is an HTML form upload (PostObject); its key is a form field.
      case "POST" -> query.has("delete") ? new Decision("DeleteObjects", "delete", true) : Decision.plain("PostObject");
      case "GET" -> listing(query);
      default -> Decision.plain(METHOD_NOT_ALLOWED);
    };
  }

  private static Decision listing(QueryParameters query) {
    if (query.has("location")) {
      return new Decision("GetBucketLocation", "location", true);
    }
    if (query.has("versions")) {
      return new Decision("ListObjectVersions", "versions", true);
    }
    if (query.has("uploads")) {
      return new Decision("ListMultipartUploads", "uploads", true);
    }
    return Decision.plain("2".equals(query.get("list-type")) ? "ListObjectsV2" : "ListObjects");
  }

  private static Decision objectOperation(String method, QueryParameters query, boolean copy) {
    SubResource sub = SubResources.firstSent(query, SubResources.OBJECT_UNSERVED);
    sub = sub != null ? sub : SubResources.first(query, SubResources.OBJECT);
    if (sub != null) {
      Decision decision = Decision.of(sub, method);
      return copy && decision.operation.equals("UploadPart") ? new Decision("UploadPartCopy", sub.parameter(), true)
          : decision;
    }
    return Decision.plain(switch (method) {
      case "PUT" -> copy ? "CopyObject" : "PutObject";
      case "GET" -> "GetObject";
      case "HEAD" -> "HeadObject";
      case "DELETE" -> "DeleteObject";
      default -> METHOD_NOT_ALLOWED;
    });
  }
}
