package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
      "accelerate", "acl", "analytics", "cors", "encryption", "intelligent-tiering", "inventory", "lifecycle",
      "logging", "metrics", "notification", "object-lock", "ownershipControls", "policy", "policyStatus",
      "publicAccessBlock", "replication", "requestPayment", "tagging", "uploads", "versioning", "versions",
      "website", "delete");
  private static final Set<String> UNSUPPORTED_OBJECT = Set.of(
      "acl", "attributes", "legal-hold", "restore", "retention", "select", "tagging", "torrent", "versionId");

  private final S3Addressing addressing;
  private final BucketEndpoint buckets;
  private final ObjectEndpoint objects;
  private final MultipartEndpoint multipart;

  S3Controller(S3Addressing addressing, BucketEndpoint buckets, ObjectEndpoint objects, MultipartEndpoint multipart) {
    this.addressing = addressing;
    this.buckets = buckets;
    this.objects = objects;
    this.multipart = multipart;
  }

  @RequestMapping("/**")
  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Addressing.Target target = addressing.resolve(request.getHeader("Host"), request.getRequestURI());
    String method = request.getMethod();
    if (target.bucket() == null) {
      if (!"GET".equals(method)) {
        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      buckets.listBuckets(response);
    } else if (target.key() == null) {
      rejectUnsupported(request, UNSUPPORTED_BUCKET);
      bucket(method, target.bucket(), request, response);
    } else {
      rejectUnsupported(request, UNSUPPORTED_OBJECT);
      if (request.getHeader("x-amz-copy-source") != null) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "CopyObject is not implemented yet");
      }
      object(method, target, request, response);
    }
  }

  private void bucket(String method, String bucket, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (method) {
      case "PUT" -> buckets.create(bucket, request, response);
      case "HEAD" -> buckets.head(bucket, response);
      case "DELETE" -> buckets.delete(bucket, request, response);
      case "GET" -> {
        if (S3Query.of(request).has("location")) {
          buckets.location(bucket, response);
        } else {
          buckets.listObjects(bucket, request, response);
        }
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void object(String method, S3Addressing.Target target, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean upload = S3Query.of(request).has("uploadId");
    if (upload || S3Query.of(request).has("uploads")) {
      multipartUpload(method, upload, target, request, response);
      return;
    }
    if (S3Query.of(request).has("partNumber")) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Reading one part of an object (?partNumber) is not implemented yet");
    }
    switch (method) {
      case "PUT" -> objects.put(target.bucket(), target.key(), request, response);
      case "GET" -> objects.get(target.bucket(), target.key(), request, response, true);
      case "HEAD" -> objects.get(target.bucket(), target.key(), request, response, false);
      case "DELETE" -> objects.delete(target.bucket(), target.key(), request, response);
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private void multipartUpload(String method, boolean upload, S3Addressing.Target target, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    String bucket = target.bucket();
    String key = target.key();
    if (!upload && "POST".equals(method)) {
      multipart.create(bucket, key, request, response);
    } else if (upload && "PUT".equals(method) && request.getHeader("x-amz-copy-source") == null) {
      multipart.uploadPart(bucket, key, request, response);
    } else if (upload && "POST".equals(method)) {
      multipart.complete(bucket, key, request, response);
    } else if (upload && "DELETE".equals(method)) {
      multipart.abort(bucket, key, request, response);
    } else if (upload && "GET".equals(method)) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "ListParts is not implemented yet");
    } else if (upload && "PUT".equals(method)) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "UploadPartCopy is not implemented yet");
    } else {
      throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }
  }

  private static void rejectUnsupported(HttpServletRequest request, Set<String> unsupported) {
    for (String name : S3Query.of(request).names()) {
      if (unsupported.contains(name)) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "The ?" + name + " sub-resource is not implemented by MockS3 yet");
      }
    }
  }
}
