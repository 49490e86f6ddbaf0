package io.mocks3.gateway.http;

import io.mocks3.gateway.history.HistoryCapture;
import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.ListAllMyBucketsResult;
import io.mocks3.gateway.http.xml.ListBucketResult;
import io.mocks3.gateway.http.xml.ListVersionsResult;
import io.mocks3.gateway.http.xml.LocationConstraint;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.readmodel.ListPage;
import io.mocks3.readmodel.ListQuery;
import io.mocks3.readmodel.VersionPage;
import io.mocks3.readmodel.VersionRow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/** Service- and bucket-level operations: ListBuckets, Create/Head/DeleteBucket, location, listings. */
class BucketEndpoint {
  static final String REGION = "us-east-1";
  private static final int MAX_KEYS = 1000;
  private final BucketService buckets;
  private final Consistency defaultConsistency;

  BucketEndpoint(BucketService buckets, Consistency defaultConsistency) {
    this.buckets = buckets;
    this.defaultConsistency = defaultConsistency;
  }

  void listBuckets(HttpServletResponse response) throws IOException {
    List<ListAllMyBucketsResult.Bucket> all = buckets.list().stream()
        .map(b -> new ListAllMyBucketsResult.Bucket(b.name(), S3Xml.timestamp(b.createdAt())))
        .toList();
    writeXml(response, new ListAllMyBucketsResult(Owner.DEFAULT, all));
  }

  void create(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    buckets.create(bucket, consistency(request, defaultConsistency));
    response.setHeader("Location", "/" + bucket);
    response.setStatus(200);
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

  void listObjects(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean v2 = "2".equals(S3Query.of(request).get("list-type"));
    String prefix = S3Query.of(request).get("prefix");
    String delimiter = S3Query.of(request).get("delimiter");
    String encodingType = S3Query.of(request).get("encoding-type");
    if (encodingType != null && !"url".equals(encodingType)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
    }
    int maxKeys = maxKeys(S3Query.of(request).get("max-keys"));
    UnaryOperator<String> enc = "url".equals(encodingType) ? BucketEndpoint::urlEncode : s -> s;
    String token = S3Query.of(request).get("continuation-token");
    String startAfter = S3Query.of(request).get("start-after");
    String marker = S3Query.of(request).get("marker");
    String after = v2 ? (token != null ? decodeToken(token) : startAfter) : marker;

    ListPage page = buckets.listObjects(bucket, new ListQuery(prefix, delimiter, after, maxKeys));
    HistoryCapture.listed(request, prefix, page.objects().stream().map(o -> o.key()).toList(),
        delimiter == null && after == null && !page.truncated());
    List<ListBucketResult.Content> contents = page.objects().stream()
        .map(o -> new ListBucketResult.Content(enc.apply(o.key()), S3Xml.timestamp(o.lastModified()),
            "\"" + o.etag() + "\"", o.size(), v2 ? null : Owner.DEFAULT, "STANDARD"))
        .toList();
    List<ListBucketResult.CommonPrefix> prefixes =
        page.commonPrefixes().stream().map(p -> new ListBucketResult.CommonPrefix(enc.apply(p))).toList();
    String next = page.truncated() ? page.lastEntry() : null;
    ListBucketResult result = v2
        ? new ListBucketResult(bucket, nullableEnc(enc, prefix, ""), null, null, nullableEnc(enc, startAfter, null), token,
            next == null ? null : encodeToken(next), contents.size() + prefixes.size(), maxKeys,
            nullableEnc(enc, delimiter, null), encodingType, page.truncated(), contents, prefixes)
        : new ListBucketResult(bucket, nullableEnc(enc, prefix, ""), nullableEnc(enc, marker, ""),
            delimiter == null ? null : nullableEnc(enc, next, null), null, null, null, null, maxKeys,
            nullableEnc(enc, delimiter, null), encodingType, page.truncated(), contents, prefixes);
    writeXml(response, result);
  }

  /** ListObjectVersions: every version and delete marker, keys in order, newest version first. */
  void listVersions(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Query query = S3Query.of(request);
    String prefix = query.get("prefix");
    String delimiter = query.get("delimiter");
    String encodingType = query.get("encoding-type");
    if (encodingType != null && !"url".equals(encodingType)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
    }
    UnaryOperator<String> enc = "url".equals(encodingType) ? BucketEndpoint::urlEncode : s -> s;
    int maxKeys = maxKeys(query.get("max-keys"));
    String keyMarker = query.get("key-marker");
    String versionIdMarker = query.get("version-id-marker");
    if (versionIdMarker != null && !versionIdMarker.isEmpty() && (keyMarker == null || keyMarker.isEmpty())) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "A version-id marker cannot be specified without a key marker.");
    }
    VersionPage page = buckets.listVersions(bucket, new ListQuery(prefix, delimiter, keyMarker, maxKeys), versionIdMarker);
    List<ListVersionsResult.Version> versions = new ArrayList<>();
    List<ListVersionsResult.DeleteMarker> markers = new ArrayList<>();
    for (VersionRow v : page.versions()) {
      String lastModified = S3Xml.timestamp(v.lastModified());
      if (v.deleteMarker()) {
        markers.add(new ListVersionsResult.DeleteMarker(enc.apply(v.key()), v.versionId(), v.latest(), lastModified, Owner.DEFAULT));
      } else {
        versions.add(new ListVersionsResult.Version(enc.apply(v.key()), v.versionId(), v.latest(), lastModified,
            "\"" + v.object().etag() + "\"", v.object().size(), Owner.DEFAULT, "STANDARD"));
      }
    }
    List<ListVersionsResult.CommonPrefix> prefixes =
        page.commonPrefixes().stream().map(p -> new ListVersionsResult.CommonPrefix(enc.apply(p))).toList();
    writeXml(response, new ListVersionsResult(bucket, nullableEnc(enc, prefix, ""), nullableEnc(enc, keyMarker, ""),
        versionIdMarker == null ? "" : versionIdMarker, nullableEnc(enc, page.nextKeyMarker(), null), page.nextVersionIdMarker(),
        maxKeys, nullableEnc(enc, delimiter, null), encodingType, page.truncated(), versions, markers, prefixes));
  }

  private static String nullableEnc(UnaryOperator<String> enc, String value, String fallback) {
    return value == null ? fallback : enc.apply(value);
  }

  private static int maxKeys(String value) {
    if (value == null) {
      return MAX_KEYS;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.min(n, MAX_KEYS);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range");
    }
  }

  private static String encodeToken(String lastEntry) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEntry.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Consistency consistency(HttpServletRequest request, Consistency fallback) {
    return Consistency.parse(request.getHeader(Consistency.HEADER), fallback);
  }

  static void writeXml(HttpServletResponse response, Object body) throws IOException {
    XmlBody.write(response, body);
  }
}
