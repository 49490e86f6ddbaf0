package io.mocks3.gateway.http;

import tools.jackson.core.JacksonException;
import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.CreateBucketConfiguration;
import io.mocks3.gateway.http.xml.ListAllMyBucketsResult;
import io.mocks3.gateway.http.xml.LocationConstraint;
import io.mocks3.gateway.http.xml.OwnershipControls;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.acl.Grant;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Service- and bucket-level operations: ListBuckets, Create/Head/DeleteBucket, location, listings. */
class BucketEndpoint {
  static final String REGION = "us-east-1";
  private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;
  /** ListBuckets' largest page, and its default: S3's default quota of buckets per account is 10,000. */
  private static final int MAX_BUCKETS = 10_000;
  private final BucketService buckets;
  private final BucketListings listings;
  private final Consistency defaultConsistency;
  private final Owners owners;

  BucketEndpoint(BucketService buckets, Consistency defaultConsistency, Owners owners) {
    this.buckets = buckets;
    this.listings = new BucketListings(buckets);
    this.defaultConsistency = defaultConsistency;
    this.owners = owners;
  }

  /**
   * ListBuckets: the requester's buckets in name order (the read model's), those under {@code prefix}; with
   * {@code max-buckets} (1 to 10,000) a page of them, and a {@code ContinuationToken} for the next
   * while more follow (the token is the one ListObjectsV2 uses, over bucket names).
   */
  void listBuckets(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Owner requester = owners.of(request);
    S3Query query = S3Query.of(request);
    String prefix = ListingRequest.text(query, "prefix");
    String token = ListingRequest.text(query, "continuation-token");
    String after = token == null ? null : BucketListings.decodeToken(token);
    int max = maxBuckets(query.get("max-buckets"));
    List<ListAllMyBucketsResult.Bucket> all = buckets.list().stream()
        .filter(b -> owners.lists(requester, Owners.shown(b.owner())))
        .filter(b -> (prefix == null || b.name().startsWith(prefix)) && (after == null || b.name().compareTo(after) > 0))
        .map(b -> new ListAllMyBucketsResult.Bucket(b.name(), S3Xml.timestamp(b.createdAt())))
        .toList();
    List<ListAllMyBucketsResult.Bucket> page = all.size() > max ? all.subList(0, max) : all;
    String next = page.size() < all.size() ? BucketListings.encodeToken(page.get(page.size() - 1).name()) : null;
    writeXml(response, new ListAllMyBucketsResult(requester, page, next, prefix));
  }

  private static int maxBuckets(String value) {
    if (value == null) {
      return MAX_BUCKETS;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_BUCKETS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the same answer as out of range
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "max-buckets must be an integer between 1 and " + MAX_BUCKETS);
  }

  /** The owner of an existing bucket (who created it); empty when there is no such bucket. */
  Optional<Owner> ownerOf(String bucket) {
    return buckets.find(bucket).map(b -> Owners.shown(b.owner()));
  }

  /**
   * CreateBucket. Re-creating a bucket its owner already has answers 200 in us-east-1 (S3's legacy
   * behaviour there, which clients' "ensure bucket" code relies on) and BucketAlreadyOwnedByYou
   * for any other region.
   */
  void create(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String region = requestedRegion(request);
    Owner requester = owners.of(request);
    Optional<Owner> owner = ownerOf(bucket);
    if (owner.isPresent()) {
      if (owners.refuses(requester, owner.get())) {
        throw new S3Exception(S3ErrorCode.BUCKET_ALREADY_EXISTS);
      }
      if (!REGION.equals(region)) {
        throw new S3Exception(S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU,
            "Your previous request to create the named bucket succeeded and you already own it.");
      }
    } else {
      String ownership = objectOwnership(request);
      Map<String, String> acl = Acl.ofHeaders(request, owners::knows);
      List<Grant> grants = Acls.grants(acl, requester.id());
      if ("BucketOwnerEnforced".equals(ownership) && grants != null && !AclEndpoint.ownerOnly(grants, requester)) {
        throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
      }
      Consistency mode = consistency(request, defaultConsistency);
      buckets.create(bucket, Owners.stored(requester), objectLockRequested(request), mode);
      // The bucket's first configurations follow its CreateBucket on its partition: applied in that order.
      if (ownership != null) {
        buckets.setConfig(bucket, BucketConfigEndpoint.OWNERSHIP_KIND,
            new String(S3Xml.write(OwnershipControls.of(ownership)), StandardCharsets.UTF_8), mode);
      }
      if (!acl.isEmpty()) {
        buckets.setConfig(bucket, Acls.KIND, Json.mapper().writeValueAsString(acl), mode);
      }
    }
    response.setHeader("Location", "/" + bucket);
    response.setStatus(200);
  }

  /** {@code x-amz-object-ownership}: one of S3's settings, or null when absent; InvalidArgument otherwise. */
  private static String objectOwnership(HttpServletRequest request) {
    String value = request.getHeader("x-amz-object-ownership");
    if (value != null && !OwnershipControls.SETTINGS.contains(value.trim())) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid x-amz-object-ownership header: " + value);
    }
    return value == null ? null : value.trim();
  }

  /** {@code x-amz-bucket-object-lock-enabled}: true or false (absent: false), anything else InvalidArgument. */
  private static boolean objectLockRequested(HttpServletRequest request) {
    String value = request.getHeader("x-amz-bucket-object-lock-enabled");
    if (value == null || value.trim().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("true")) {
      return true;
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-bucket-object-lock-enabled must be true or false");
  }

  /** The region a CreateBucketConfiguration body asks for; us-east-1 without one (or with an empty constraint). */
  private static String requestedRegion(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = RequestBody.of(request).stream()) {
      body = in.readNBytes(MAX_CONFIGURATION_BYTES + 1);
    }
    if (body.length > MAX_CONFIGURATION_BYTES) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "The CreateBucketConfiguration is larger than " + MAX_CONFIGURATION_BYTES + " bytes");
    }
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return REGION;
    }
    try {
      CreateBucketConfiguration configuration = S3Xml.read(body, CreateBucketConfiguration.class);
      String region = configuration == null ? null : configuration.locationConstraint();
      return region == null || region.isBlank() ? REGION : region.trim();
    } catch (JacksonException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
  }

  void requireExisting(String bucket) {
    buckets.require(bucket);
  }

  void head(String bucket, HttpServletResponse response) {
    buckets.require(bucket);
    response.setHeader("x-amz-bucket-region", REGION);
    response.setStatus(200);
  }

  void delete(String bucket, HttpServletRequest request, HttpServletResponse response) {
    buckets.delete(bucket, consistency(request, defaultConsistency));
    response.setStatus(204);
  }

  void location(String bucket, HttpServletResponse response) throws IOException {
    buckets.require(bucket);
    writeXml(response, new LocationConstraint(null));
  }

  /** A listing shows the bucket's owner as every object's: buckets own their objects (S3's default ownership). */
  void listObjects(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    listings.listObjects(bucket, Owners.shown(buckets.require(bucket).owner()), request, response);
  }

  void listVersions(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    listings.listVersions(bucket, Owners.shown(buckets.require(bucket).owner()), request, response);
  }

  static Consistency consistency(HttpServletRequest request, Consistency fallback) {
    return Consistency.parse(request.getHeader(Consistency.HEADER), fallback);
  }

  static void writeXml(HttpServletResponse response, Object body) throws IOException {
    XmlBody.write(response, body);
  }
}
