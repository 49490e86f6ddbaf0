package io.mocks3.schemas.s3;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sub-resources (query parameters) that decide an S3 operation, with the operation of each
 * method, as the AWS API reference names it. A sub-resource claims the request whatever its
 * method: a method it has no operation for is {@link S3Request#METHOD_NOT_ALLOWED}. Order is
 * precedence, the gateway's: {@code ?acl&tagging} on a bucket is an ACL request.
 */
final class SubResources {
  /** A sub-resource and its operations; {@code served} false: MockS3 answers 501 NotImplemented. */
  record SubResource(String parameter, boolean served, Map<String, String> byMethod) {
    String operation(String method) {
      return byMethod.getOrDefault(method, S3Request.METHOD_NOT_ALLOWED);
    }
  }

  static final List<SubResource> BUCKET = List.of(
      served("acl", "GetBucketAcl", "PutBucketAcl", null, null),
      served("tagging", "GetBucketTagging", "PutBucketTagging", "DeleteBucketTagging", null),
      served("cors", "GetBucketCors", "PutBucketCors", "DeleteBucketCors", null),
      served("versioning", "GetBucketVersioning", "PutBucketVersioning", null, null),
      served("notification", "GetBucketNotificationConfiguration", "PutBucketNotificationConfiguration", null, null),
      served("object-lock", "GetObjectLockConfiguration", "PutObjectLockConfiguration", null, null),
      served("policy", "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", null),
      served("policyStatus", "GetBucketPolicyStatus", null, null, null),
      served("encryption", "GetBucketEncryption", "PutBucketEncryption", "DeleteBucketEncryption", null),
      served("publicAccessBlock", "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock", null),
      served("ownershipControls", "GetBucketOwnershipControls", "PutBucketOwnershipControls",
          "DeleteBucketOwnershipControls", null),
      served("lifecycle", "GetBucketLifecycleConfiguration", "PutBucketLifecycleConfiguration", "DeleteBucketLifecycle",
          null),
      // MockS3's own: the upstream a bucket's missing keys are back-filled from.
      served("mocks3-origin", "GetBucketOrigin", "PutBucketOrigin", "DeleteBucketOrigin", null));

  static final List<SubResource> BUCKET_UNSERVED = List.of(
      unserved("accelerate", "GetBucketAccelerateConfiguration", "PutBucketAccelerateConfiguration", null, null),
      unserved("analytics", "GetBucketAnalyticsConfiguration", "PutBucketAnalyticsConfiguration",
          "DeleteBucketAnalyticsConfiguration", null),
      unserved("intelligent-tiering", "GetBucketIntelligentTieringConfiguration",
          "PutBucketIntelligentTieringConfiguration", "DeleteBucketIntelligentTieringConfiguration", null),
      unserved("inventory", "GetBucketInventoryConfiguration", "PutBucketInventoryConfiguration",
          "DeleteBucketInventoryConfiguration", null),
      unserved("logging", "GetBucketLogging", "PutBucketLogging", null, null),
      unserved("metrics", "GetBucketMetricsConfiguration", "PutBucketMetricsConfiguration",
          "DeleteBucketMetricsConfiguration", null),
      unserved("replication", "GetBucketReplication", "PutBucketReplication", "DeleteBucketReplication", null),
      unserved("requestPayment", "GetBucketRequestPayment", "PutBucketRequestPayment", null, null),
      unserved("website", "GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite", null));

  /** uploadId before uploads: with both, the request is about the upload. */
  static final List<SubResource> OBJECT = List.of(
      served("uploadId", "ListParts", "UploadPart", "AbortMultipartUpload", "CompleteMultipartUpload"),
      served("uploads", null, null, null, "CreateMultipartUpload"),
      served("tagging", "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", null),
      served("acl", "GetObjectAcl", "PutObjectAcl", null, null),
      served("attributes", "GetObjectAttributes", null, null, null),
      served("retention", "GetObjectRetention", "PutObjectRetention", null, null),
      served("legal-hold", "GetObjectLegalHold", "PutObjectLegalHold", null, null));

  static final List<SubResource> OBJECT_UNSERVED = List.of(
      unserved("restore", null, null, null, "RestoreObject"),
      unserved("select", null, null, null, "SelectObjectContent"),
      unserved("torrent", "GetObjectTorrent", null, null, null));

  private SubResources() {}

  /** The first of the request's parameters, in the order it sent them, that is one of {@code table}. */
  static SubResource firstSent(QueryParameters query, List<SubResource> table) {
    for (String name : query.names()) {
      for (SubResource sub : table) {
        if (sub.parameter().equals(name)) {
          return sub;
        }
      }
    }
    return null;
  }

  /** The first of {@code table}, in its order, that the request has. */
  static SubResource first(QueryParameters query, List<SubResource> table) {
    for (SubResource sub : table) {
      if (query.has(sub.parameter())) {
        return sub;
      }
    }
    return null;
  }

  private static SubResource served(String parameter, String get, String put, String delete, String post) {
    return new SubResource(parameter, true, byMethod(get, put, delete, post));
  }

  private static SubResource unserved(String parameter, String get, String put, String delete, String post) {
    return new SubResource(parameter, false, byMethod(get, put, delete, post));
  }

  private static Map<String, String> byMethod(String get, String put, String delete, String post) {
    Map<String, String> map = new HashMap<>();
    String[] methods = {"GET", "PUT", "DELETE", "POST"};
    String[] operations = {get, put, delete, post};
    for (int i = 0; i < operations.length; i++) {
      if (operations[i] != null) {
        map.put(methods[i], operations[i]);
      }
    }
    return Map.copyOf(map);
  }
}
