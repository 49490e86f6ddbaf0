package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.GatewayProperties;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.core.WriteTimeout;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.schemas.s3.S3Request;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The S3 edge: every request not claimed by the health/actuator endpoints lands here and is
 * routed by its S3 operation ({@link S3Request}: addressing, method, sub-resource). Sub-resources
 * MockS3 does not implement answer 501 NotImplemented rather than being mistaken for a plain list
 * or get; a method no operation has on the resource answers 405 MethodNotAllowed. Every answer names
 * the consistency the request was served in ({@code x-mocks3-consistency}: its own header's, or the
 * gateway's default), so a client can tell which mode it measured. A request's writes wait for their
 * confirmation as long as its {@code x-mocks3-write-timeout} says ({@link WriteTimeout}), or the
 * gateway's {@code mocks3.write-timeout}.
 */
@RestController
class S3Controller {
  private final S3Addressing addressing;
  private final BucketEndpoint buckets;
  private final BucketConfigEndpoint configs;
  private final ObjectEndpoint objects;
  private final ObjectLockEndpoint locks;
  private final AclEndpoint acls;
  private final MultipartEndpoint multipart;
  private final PostObjectEndpoint forms;
  private final Owners owners;
  private final Consistency defaultConsistency;

  S3Controller(S3Addressing addressing, BucketEndpoint buckets, BucketConfigEndpoint configs, ObjectEndpoint objects,
      ObjectLockEndpoint locks, AclEndpoint acls, MultipartEndpoint multipart, PostObjectEndpoint forms, Owners owners,
      GatewayProperties props) {
    this.locks = locks;
    this.acls = acls;
    this.owners = owners;
    this.defaultConsistency = props.consistency();
    this.addressing = addressing;
    this.buckets = buckets;
    this.configs = configs;
    this.objects = objects;
    this.multipart = multipart;
    this.forms = forms;
  }

  @RequestMapping("/**")
  void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Consistency served = BucketEndpoint.consistency(request, defaultConsistency);
    response.setHeader(Consistency.HEADER, served.name().toLowerCase(Locale.ROOT));
    WriteTimeout.during(WriteTimeout.parse(request.getHeader(WriteTimeout.HEADER)), () -> serve(request, response));
  }

  private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Request s3 = addressing.read(request);
    S3Query query = S3Query.of(request);
    PresignedUrls.checkNotExpired(query, Instant.now());
    if (!s3.served()) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
          "The ?" + s3.subresource() + " sub-resource is not implemented by MockS3 yet");
    }
    checkOwner(s3, request);
    if (s3.key() != null) {
      ObjectEndpoint.versionId(query);
      object(s3, request, response);
      return;
    }
    BucketConfigEndpoint.Kind config = configKind(s3);
    if (config != null) {
      configs.handle(config, s3.method(), s3.bucket(), request, response);
    } else {
      bucket(s3, request, response);
    }
  }

  private void bucket(S3Request s3, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String bucket = s3.bucket();
    switch (s3.operation()) {
      case "ListBuckets" -> buckets.listBuckets(request, response);
      case "CreateBucket" -> buckets.create(bucket, request, response);
      case "HeadBucket" -> buckets.head(bucket, response);
      case "DeleteBucket" -> buckets.delete(bucket, request, response);
      case "ListObjects", "ListObjectsV2" -> buckets.listObjects(bucket, request, response);
      case "ListObjectVersions" -> buckets.listVersions(bucket, request, response);
      case "ListMultipartUploads" -> multipart.listUploads(bucket, request, response);
      case "GetBucketLocation" -> buckets.location(bucket, response);
      case "DeleteObjects" -> objects.deleteObjects(bucket, request, response);
      case "PostObject" -> forms.post(bucket, request, response);
      case "GetBucketPolicyStatus" -> configs.policyStatus(bucket, response);
      case "GetBucketAcl" -> acls.getBucketAcl(bucket, bucketOwner(bucket), response);
      case "PutBucketAcl" -> {
        bucketOwner(bucket);
        acls.putBucketAcl(bucket, request, response);
      }
      default -> throw methodNotAllowed(s3);
    }
  }

  private void object(S3Request s3, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String bucket = s3.bucket();
    String key = s3.key();
    switch (s3.operation()) {
      case "PutObject" -> objects.put(bucket, key, request, response);
      case "CopyObject" -> objects.copy(bucket, key, request, response);
      case "GetObject" -> objects.get(bucket, key, request, response, true);
      case "HeadObject" -> objects.get(bucket, key, request, response, false);
      case "DeleteObject" -> objects.delete(bucket, key, request, response);
      case "GetObjectTagging" -> objects.getTagging(bucket, key, request, response);
      case "PutObjectTagging" -> objects.putTagging(bucket, key, request, response);
      case "DeleteObjectTagging" -> objects.deleteTagging(bucket, key, request, response);
      case "GetObjectAttributes" -> objects.attributes(bucket, key, request, response);
      case "GetObjectRetention" -> locks.getRetention(bucket, key, request, response);
      case "PutObjectRetention" -> locks.putRetention(bucket, key, request, response);
      case "GetObjectLegalHold" -> locks.getLegalHold(bucket, key, request, response);
      case "PutObjectLegalHold" -> locks.putLegalHold(bucket, key, request, response);
      case "GetObjectAcl" -> acls.getObjectAcl(bucket, key, bucketOwner(bucket), request, response);
      case "PutObjectAcl" -> acls.putObjectAcl(bucket, key, request, response);
      case "CreateMultipartUpload" -> multipart.create(bucket, key, request, response);
      case "UploadPart" -> multipart.uploadPart(bucket, key, request, response);
      case "UploadPartCopy" -> multipart.uploadPartCopy(bucket, key, request, response);
      case "CompleteMultipartUpload" -> multipart.complete(bucket, key, request, response);
      case "AbortMultipartUpload" -> multipart.abort(bucket, key, request, response);
      case "ListParts" -> multipart.listParts(bucket, key, request, response);
      default -> throw methodNotAllowed(s3);
    }
  }

  /**
   * With {@code mocks3.owners.mode=enforce}, a request on an existing bucket of another owner is
   * AccessDenied (creating it is BucketAlreadyExists, decided by CreateBucket itself).
   */
  private void checkOwner(S3Request s3, HttpServletRequest request) {
    if (owners.enforced() && s3.bucket() != null && !"CreateBucket".equals(s3.operation())) {
      buckets.ownerOf(s3.bucket()).ifPresent(owner -> owners.checkAccess(owners.of(request), owner));
    }
  }

  /** The owner of an existing bucket; NoSuchBucket otherwise. */
  private Owner bucketOwner(String bucket) {
    return buckets.ownerOf(bucket).orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET,
        "The specified bucket does not exist"));
  }

  /** The bucket configuration a request is about; it answers its own 405s. */
  private static BucketConfigEndpoint.Kind configKind(S3Request s3) {
    for (BucketConfigEndpoint.Kind kind : BucketConfigEndpoint.Kind.values()) {
      if (kind.parameter.equals(s3.subresource())) {
        return kind;
      }
    }
    return null;
  }

  /** 405, except that an ACL request on a missing bucket or key says that first, as before. */
  private S3Exception methodNotAllowed(S3Request s3) {
    if ("acl".equals(s3.subresource())) {
      if (s3.key() == null) {
        buckets.requireExisting(s3.bucket());
      } else {
        objects.requireExisting(s3.bucket(), s3.key());
      }
    }
    return new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
  }
}
