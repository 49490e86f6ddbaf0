package io.mocks3.gateway.http;

import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.history.HistoryCapture;
import io.mocks3.gateway.http.xml.ListBucketResult;
import io.mocks3.gateway.http.xml.ListVersionsResult;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.readmodel.ListPage;
import io.mocks3.readmodel.ListQuery;
import io.mocks3.readmodel.ObjectRow;
import io.mocks3.readmodel.VersionPage;
import io.mocks3.readmodel.VersionRow;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** ListObjects, ListObjectsV2 and ListObjectVersions: the query read as S3 reads it, the answer S3 gives. */
final class BucketListings {
  /** A version id MockS3 hands out (a command id), as ObjectEndpoint checks a versionId parameter. */
  private static final Pattern VERSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String STANDARD = "STANDARD";
  private final BucketService buckets;

  BucketListings(BucketService buckets) {
    this.buckets = buckets;
  }

  void listObjects(String bucket, Owner owner, HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Query query = S3Query.of(request);
    ListingRequest listing = ListingRequest.of(query);
    boolean v2 = "2".equals(query.get("list-type"));
    String token = ListingRequest.text(query, "continuation-token");
    String startAfter = ListingRequest.text(query, "start-after");
    String marker = ListingRequest.text(query, "marker");
    String after = v2 ? (token != null ? decodeToken(token) : startAfter) : marker;

    ListPage page = buckets.listObjects(bucket, new ListQuery(listing.prefix(), listing.delimiter(), after, listing.maxKeys()));
    // Complete: every key under the prefix (max-keys=0 answers none of them, untruncated, and is not).
    HistoryCapture.listed(request, listing.prefix(), page.objects().stream().map(ObjectRow::key).toList(),
        listing.delimiter() == null && (after == null || after.isEmpty()) && !page.truncated() && listing.maxKeys() > 0);
    Owner shown = !v2 || "true".equals(query.get("fetch-owner")) ? owner : null;
    List<ListBucketResult.Content> contents = page.objects().stream()
        .map(o -> new ListBucketResult.Content(listing.show(o.key()), S3Xml.timestamp(o.lastModified()), quoted(o.etag()),
            o.size(), shown, STANDARD))
        .toList();
    List<ListBucketResult.CommonPrefix> prefixes = prefixes(listing, page.commonPrefixes());
    String next = page.truncated() ? page.lastEntry() : null;
    ListBucketResult result = v2
        ? new ListBucketResult(bucket, prefixShown(listing), null, null, listing.show(startAfter), token,
            next == null ? null : encodeToken(next), contents.size() + prefixes.size(), listing.maxKeys(),
            listing.show(listing.delimiter()), listing.encodingType(), page.truncated(), contents, prefixes)
        : new ListBucketResult(bucket, prefixShown(listing), marker == null ? "" : listing.show(marker),
            listing.delimiter() == null ? null : listing.show(next), null, null, null, null, listing.maxKeys(),
            listing.show(listing.delimiter()), listing.encodingType(), page.truncated(), contents, prefixes);
    write(response, result);
  }

  /** ListObjectVersions: every version and delete marker, keys in order, newest version first. */
  void listVersions(String bucket, Owner owner, HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Query query = S3Query.of(request);
    ListingRequest listing = ListingRequest.of(query);
    String keyMarker = ListingRequest.text(query, "key-marker");
    String versionIdMarker = versionIdMarker(ListingRequest.text(query, "version-id-marker"), keyMarker);
    VersionPage page = buckets.listVersions(bucket,
        new ListQuery(listing.prefix(), listing.delimiter(), keyMarker, listing.maxKeys()), versionIdMarker);
    List<ListVersionsResult.Version> versions = new ArrayList<>();
    List<ListVersionsResult.DeleteMarker> markers = new ArrayList<>();
    for (VersionRow v : page.versions()) {
      String lastModified = S3Xml.timestamp(v.lastModified());
      if (v.deleteMarker()) {
        markers.add(new ListVersionsResult.DeleteMarker(listing.show(v.key()), v.versionId(), v.latest(), lastModified, owner));
      } else {
        versions.add(new ListVersionsResult.Version(listing.show(v.key()), v.versionId(), v.latest(), lastModified,
            quoted(v.object().etag()), v.object().size(), owner, STANDARD));
      }
    }
    write(response, new ListVersionsResult(bucket, prefixShown(listing),
        keyMarker == null ? "" : listing.show(keyMarker), versionIdMarker == null ? "" : versionIdMarker,
        listing.show(page.nextKeyMarker()), page.nextVersionIdMarker(), listing.maxKeys(), listing.show(listing.delimiter()),
        listing.encodingType(), page.truncated(), versions, markers, prefixes(listing, page.commonPrefixes())));
  }

  /**
   * The version-id marker: "null" (the version written while versioning was off) or an id MockS3
   * could have handed out; anything else is S3's InvalidArgument, as is a marker without a key marker.
   */
  static String versionIdMarker(String marker, String keyMarker) {
    if (marker == null || marker.isEmpty()) {
      return null;
    }
    if (keyMarker == null || keyMarker.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "A version-id marker cannot be specified without a key marker.");
    }
    if (!marker.equals(Versioning.NULL_VERSION) && !VERSION_ID.matcher(marker).matches()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid version id specified");
    }
    return marker;
  }

  private static void write(HttpServletResponse response, Object listing) throws IOException {
    byte[] xml = S3Xml.write(listing);
    response.setStatus(200);
    response.setContentType("application/xml");
    response.setContentLength(xml.length);
    response.getOutputStream().write(xml);
  }

  private static String prefixShown(ListingRequest listing) {
    return listing.prefix() == null ? "" : listing.show(listing.prefix());
  }

  private static List<ListBucketResult.CommonPrefix> prefixes(ListingRequest listing, List<String> prefixes) {
    return prefixes.stream().map(p -> new ListBucketResult.CommonPrefix(listing.show(p))).toList();
  }

  private static String quoted(String etag) {
    return "\"" + etag + "\"";
  }

  static String encodeToken(String lastEntry) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEntry.getBytes(StandardCharsets.UTF_8));
  }

  /** The entry a continuation token resumes after; a token MockS3 cannot have made is InvalidArgument. */
  static String decodeToken(String token) {
    try {
      String after = StandardCharsets.UTF_8.newDecoder()
          .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(token))).toString();
      if (after.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("a key has no NUL");
      }
      return after;
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
  }
}
