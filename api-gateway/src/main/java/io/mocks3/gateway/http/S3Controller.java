package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The S3 edge: every request not claimed by the health/actuator endpoints lands here and is
 * routed by method, addressing (service, bucket or object) and sub-resource query parameter.
 * Sub-resources MockS3 does not implement answer 501 NotImplemented rather than being mistaken
 * for a plain list or get.
 */
@RestController
class S3Controller {
  private static final Set<String> UNSUPPORTED_BUCKET = Set.of(
      "accelerate", "analytics", "encryption", "intelligent-tiering", "inventory",
      "logging", "metrics", "object-lock", "ownershipControls", "policy", "policyStatus",
      "publicAccessBlock", "replication", "requestPayment", "website");
  private static final Set<String> UNSUPPORTED_OBJECT = Set.of(
      "legal-hold", "restore", "retention", "select", "torrent");

  private final S3Addressing addressing;
  private final BucketEndpoint buckets;
  private final BucketConfigEndpoint configs;
  private final ObjectEndpoint objects;
  private final MultipartEndpoint multipart;

  S3Controller(S3Addressing addressing, BucketEndpoint buckets, BucketConfigEndpoint configs, ObjectEndpoint objects,
      MultipartEndpoint multipart) {
    this.addressing = addressing;
    this.buckets = buckets;
    this.configs = configs;
    this.objects = objects;
    this.multipart = multipart;
  }

  @RequestMapping("/**")
  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Addressing.Target target = addressing.resolve(request.getHeader("Host"), request.getRequestURI());
    S3Query query = S3Query.of(request);
    PresignedUrls.checkNotExpired(query, Instant.now());
    String method = request.getMethod();
    if (target.bucket() == null) {
      if (!"GET".equals(method)) {
        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      buckets.listBuckets(response);
    } else if (target.key() == null) {
      rejectUnsupported(query, UNSUPPORTED_BUCKET);
      bucket(method, target.bucket(), query, request, response);
    } else {
      rejectUnsupported(query, UNSUPPORTED_OBJECT);
      ObjectEndpoint.versionId(query);
      object(method, target, query, request, response);
    }
  }

  private void bucket(String method, String bucket, S3Query query, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (query.has("acl")) {
      buckets.requireExisting(bucket);
      acl(method, request, response);
      return;
    }
    BucketConfigEndpoint.Kind config = BucketConfigEndpoint.Kind.of(query);
    if (config != null) {
      configs.handle(config, method, bucket, request, response);
      return;
    }
    switch (method) {
      case "PUT" -> buckets.create(bucket, request, response);
      case "HEAD" -> buckets.head(bucket, response);
      case "DELETE" -> buckets.delete(bucket, request, response);
      case "POST" -> {
        if (!query.has("delete")) {
          throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        objects.deleteObjects(bucket, request, response);
      }
      case "GET" -> {
        if (query.has("location")) {
          buckets.location(bucket, response);
        } else if (query.has("versions")) {
          buckets.listVersions(bucket, request, response);
        } else if (query.has("uploads")) {
          multipart.listUploads(bucket, request, response);
        } else {
          buckets.listObjects(bucket, request, response);
        }
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void object(String method, S3Addressing.Target target, S3Query query, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    String bucket = target.bucket();
    String key = target.key();
    boolean copy = request.getHeader("x-amz-copy-source") != null;
    if (query.has("uploadId") || query.has("uploads")) {
      multipartUpload(method, query.has("uploadId"), copy, bucket, key, request, response);
      return;
    }
    if (query.has("tagging")) {
      switch (method) {
        case "GET" -> objects.getTagging(bucket, key, request, response);
        case "PUT" -> objects.putTagging(bucket, key, request, response);
        case "DELETE" -> objects.deleteTagging(bucket, key, request, response);
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      return;
    }
    if (query.has("acl")) {
      objects.requireExisting(bucket, key);
      acl(method, request, response);
      return;
    }
    if (query.has("attributes")) {
      if (!"GET".equals(method)) {
        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      objects.attributes(bucket, key, request, response);
      return;
    }
    switch (method) {
      case "PUT" -> {
        if (copy) {
          objects.copy(bucket, key, request, response);
        } else {
          objects.put(bucket, key, request, response);
        }
      }
      case "GET" -> objects.get(bucket, key, request, response, true);
      case "HEAD" -> objects.get(bucket, key, request, response, false);
      case "DELETE" -> objects.delete(bucket, key, request, response);
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void multipartUpload(String method, boolean upload, boolean copy, String bucket, String key,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!upload && "POST".equals(method)) {
      multipart.create(bucket, key, request, response);
    } else if (upload && "PUT".equals(method)) {
      if (copy) {
        multipart.uploadPartCopy(bucket, key, request, response);
      } else {
        multipart.uploadPart(bucket, key, request, response);
      }
    } else if (upload && "POST".equals(method)) {
      multipart.complete(bucket, key, request, response);
    } else if (upload && "DELETE".equals(method)) {
      multipart.abort(bucket, key, request, response);
    } else if (upload && "GET".equals(method)) {
      multipart.listParts(bucket, key, request, response);
    } else {
      throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private static void acl(String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (method) {
      case "GET" -> Acl.write(response);
      case "PUT" -> Acl.put(request, response);
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private static void rejectUnsupported(S3Query query, Set<String> unsupported) {
    for (String name : query.names()) {
      if (unsupported.contains(name)) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "The ?" + name + " sub-resource is not implemented by MockS3 yet");
      }
    }
  }
}
