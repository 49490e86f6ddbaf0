package io.mocks3.gateway.http;

import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.ObjectService;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.AccessControlPolicy;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.OwnershipControls;
import io.mocks3.gateway.http.xml.PublicAccessBlockConfiguration;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.acl.Grant;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * Get/PutBucketAcl, Get/PutObjectAcl, and the ACL a write asks for. A bucket's ACL is its {@code acl}
 * configuration, an object version's is among its stored headers ({@link Acls}). A write is refused as
 * S3 refuses it: a public grant where the bucket's public access block has BlockPublicAcls (403
 * AccessDenied), any ACL but the owner's where its ownership controls say BucketOwnerEnforced (400
 * AccessControlListNotSupported). Stored and answered, not evaluated: see {@link Owners}.
 */
class AclEndpoint {
  private static final TypeReference<Map<String, String>> STORED = new TypeReference<>() {};
  private final BucketService buckets;
  private final ObjectService objects;
  private final Owners owners;
  private final Consistency defaultConsistency;

  AclEndpoint(BucketService buckets, ObjectService objects, Owners owners, Consistency defaultConsistency) {
    this.buckets = buckets;
    this.objects = objects;
    this.owners = owners;
    this.defaultConsistency = defaultConsistency;
  }

  void getBucketAcl(String bucket, Owner owner, HttpServletResponse response) throws IOException {
    Acl.write(response, owner, bucketAcl(buckets, bucket));
  }

  /** The bucket's stored ACL; empty for the default. */
  static Map<String, String> bucketAcl(BucketService buckets, String bucket) {
    return buckets.config(bucket, Acls.KIND).map(json -> Json.mapper().readValue(json, STORED)).orElse(Map.of());
  }

  void putBucketAcl(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> acl = requested(bucket, request);
    buckets.setConfig(bucket, Acls.KIND, Json.mapper().writeValueAsString(acl),
        BucketEndpoint.consistency(request, defaultConsistency));
    response.setStatus(200);
  }

  void getObjectAcl(String bucket, String key, Owner owner, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String versionId = ObjectEndpoint.versionId(S3Query.of(request));
    Acl.write(response, owner, objects.get(bucket, key, versionId).row().headers());
  }

  void putObjectAcl(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String versionId = ObjectEndpoint.versionId(S3Query.of(request));
    objects.get(bucket, key, versionId); // NoSuchKey, NoSuchVersion before the body is judged
    objects.setAcl(bucket, key, versionId, requested(bucket, request));
    response.setStatus(200);
  }

  /** The ACL a write's headers ask for (empty: none), once the bucket allows it. */
  Map<String, String> forWrite(String bucket, HttpServletRequest request) {
    Map<String, String> acl = Acl.ofHeaders(request, owners::knows);
    allowed(bucket, acl);
    return acl;
  }

  /** A PutBucketAcl's or PutObjectAcl's ACL: its headers, else its AccessControlPolicy body. */
  private Map<String, String> requested(String bucket, HttpServletRequest request) throws IOException {
    Map<String, String> acl = Acl.ofHeaders(request, owners::knows);
    byte[] body;
    try (InputStream in = RequestBody.of(request).stream()) {
      body = in.readNBytes(64 * 1024);
    }
    boolean hasBody = !new String(body, StandardCharsets.UTF_8).isBlank();
    if (acl.isEmpty() && !hasBody) {
      throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR, "The request names no ACL: a canned ACL, grant headers or a body");
    }
    if (!acl.isEmpty() && hasBody) {
      throw new S3Exception(S3ErrorCode.UNEXPECTED_CONTENT, "This request does not support content");
    }
    if (acl.isEmpty()) {
      acl = Acl.ofPolicy(XmlBody.parse(body, AccessControlPolicy.class), owners::knows);
    }
    allowed(bucket, acl);
    return acl;
  }

  /** S3's refusals of an ACL by the bucket's public access block and ownership controls. */
  private void allowed(String bucket, Map<String, String> acl) {
    if (acl.isEmpty()) {
      return;
    }
    Owner owner = Owners.shown(buckets.require(bucket).owner());
    List<Grant> grants = Acls.grants(acl, owner.id());
    if (grants.stream().anyMatch(Grant::isPublic) && blocksPublicAcls(bucket)) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Access Denied: the bucket's public access block refuses public ACLs");
    }
    if (!ownerOnly(grants, owner) && "BucketOwnerEnforced".equals(objectOwnership(bucket))) {
      throw new S3Exception(S3ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
    }
  }

  /** Whether {@code grants} give nothing to anyone but {@code owner} (all BucketOwnerEnforced allows). */
  static boolean ownerOnly(List<Grant> grants, Owner owner) {
    return grants.stream().allMatch(g -> g.type().equals(Grant.CANONICAL_USER) && g.grantee().equals(owner.id()));
  }

  private boolean blocksPublicAcls(String bucket) {
    return buckets.config(bucket, BucketConfigEndpoint.Kind.PUBLIC_ACCESS_BLOCK.parameter).map(xml -> parse(xml, PublicAccessBlockConfiguration.class))
        .map(block -> Boolean.TRUE.equals(block.blockPublicAcls())).orElse(false);
  }

  private String objectOwnership(String bucket) {
    return buckets.config(bucket, BucketConfigEndpoint.OWNERSHIP_KIND).map(xml -> parse(xml, OwnershipControls.class))
        .map(controls -> controls.rules().get(0).objectOwnership()).orElse(null);
  }

  private static <T> T parse(String stored, Class<T> type) {
    try {
      return XmlBody.parse(stored.getBytes(StandardCharsets.UTF_8), type);
    } catch (IOException e) {
      throw new IllegalStateException("a stored " + type.getSimpleName() + " does not read", e);
    }
  }
}
