package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Listings as S3 answers them (issue 23), through the AWS SDK for Java v2 and, where the SDK hides the wire, plain HTTP. */
@ExtendWith(LocalStackExtension.class)
class S3ListingFidelityIT {
  private final S3Client s3 = Clients.s3();

  private String bucket(String name) {
    String bucket = name + "-" + Long.toHexString(System.nanoTime());
    s3.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  private void put(String bucket, String key, String body) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
  }

  /** A "null" version written before versioning, three versions of one key, two of another, a delete marker. */
  private String versionedBucket() {
    String bucket = bucket("versions");
    put(bucket, "before", "written while versioning was off");
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    for (int i = 0; i < 3; i++) {
      put(bucket, "before", "version " + i);
    }
    put(bucket, "gone", "soon deleted");
    s3.deleteObject(b -> b.bucket(bucket).key("gone"));
    put(bucket, "other", "one");
    put(bucket, "other", "two");
    return bucket;
  }

  @Test
  void versionsPastOnePage_ContinueExactlyFromTheMarkers_IncludingTheNullVersion() {
    String bucket = versionedBucket();
    ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket(bucket));
    List<String> expected = entries(all);
    assertThat(expected).hasSize(8).contains("before#null");
    for (int size = 1; size <= 3; size++) {
      assertThat(pagedVersions(bucket, size, false)).as("max-keys %d", size).isEqualTo(expected);
    }
    ObjectVersion newest = all.versions().get(0);
    assertThat(newest.isLatest()).isTrue();
    assertThat(newest.eTag()).startsWith("\"");
    assertThat(newest.size()).isEqualTo(9L);
    assertThat(newest.owner().id()).isNotBlank();
    assertThat(newest.storageClassAsString()).isEqualTo("STANDARD");
    assertThat(all.versions()).filteredOn(v -> v.key().equals("before")).extracting(ObjectVersion::isLatest)
        .containsExactly(true, false, false, false);
    DeleteMarkerEntry marker = all.deleteMarkers().get(0);
    assertThat(marker.isLatest()).isTrue();
    assertThat(marker.owner().id()).isNotBlank();
  }

  @Test
  void aCleanUpThatDeletesEachPageBeforeTheNext_EmptiesTheBucket() {
    String bucket = versionedBucket();
    assertThat(pagedVersions(bucket, 2, true)).hasSize(8);
    assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
    s3.deleteBucket(b -> b.bucket(bucket));
  }

  private List<String> pagedVersions(String bucket, int size, boolean deleteEach) {
    List<String> seen = new ArrayList<>();
    String keyMarker = null;
    String versionMarker = null;
    for (int page = 0; page < 20; page++) {
      String k = keyMarker;
      String v = versionMarker;
      ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(size).keyMarker(k).versionIdMarker(v));
      seen.addAll(entries(r));
      if (deleteEach) {
        r.versions().forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key()).versionId(o.versionId())));
        r.deleteMarkers().forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key()).versionId(o.versionId())));
      }
      if (!r.isTruncated()) {
        return seen;
      }
      keyMarker = r.nextKeyMarker();
      versionMarker = r.nextVersionIdMarker();
    }
    throw new AssertionError("no end after 20 pages: " + seen);
  }

  /** A page's versions and delete markers in S3's order: by key, newest first within a key. */
  private static List<String> entries(ListObjectVersionsResponse r) {
    record Entry(String key, java.time.Instant modified, String id) {}
    List<Entry> entries = new ArrayList<>();
    r.versions().forEach(v -> entries.add(new Entry(v.key(), v.lastModified(), v.versionId())));
    r.deleteMarkers().forEach(d -> entries.add(new Entry(d.key(), d.lastModified(), d.versionId())));
    entries.sort(java.util.Comparator.comparing(Entry::key).thenComparing(Entry::modified, java.util.Comparator.reverseOrder()));
    return entries.stream().map(e -> e.key() + "#" + e.id()).toList();
  }

  @Test
  void urlEncodingIsS3s_OnTheWire_AndTheSdkDecodesItBack() throws Exception {
    String bucket = bucket("encoded");
    for (String key : List.of("foo+1/bar", "foo/bar/xyzzy", "quux ab/thud", "asdf+b", "ctl\u0001char")) {
      put(bucket, key, "x");
    }
    String xml = Clients.http("GET", "/" + bucket + "?list-type=2&delimiter=/&encoding-type=url&start-after=a%20", null).body();
    assertThat(xml).contains("<Key>asdf%2Bb</Key>", "<Key>ctl%01char</Key>", "<Prefix>foo%2B1/</Prefix>", "<Prefix>foo/</Prefix>",
        "<Prefix>quux%20ab/</Prefix>", "<StartAfter>a%20</StartAfter>", "<Delimiter>/</Delimiter>", "<EncodingType>url</EncodingType>");
    ListObjectsV2Response sdk = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/").encodingType(EncodingType.URL));
    assertThat(sdk.contents()).extracting(S3Object::key).containsExactly("asdf+b", "ctl\u0001char");
    assertThat(sdk.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("foo+1/", "foo/", "quux ab/");
    List<String> paged = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(1).encodingType(EncodingType.URL))
        .contents().forEach(o -> paged.add(o.key()));
    assertThat(paged).containsExactly("asdf+b", "ctl\u0001char", "foo+1/bar", "foo/bar/xyzzy", "quux ab/thud");
  }

  @Test
  void multipartUploadsAreListedUrlEncodedWhenAsked_AndTheSdkDecodesThem() throws Exception {
    String bucket = bucket("uploads");
    s3.createMultipartUpload(b -> b.bucket(bucket).key("a b+c"));
    s3.createMultipartUpload(b -> b.bucket(bucket).key("d/e f"));
    // Its answer names the key as &#x1;, which the SDK's XML 1.0 parser refuses (as from S3): created by hand.
    assertThat(Clients.http("POST", "/" + bucket + "/ctl%01char?uploads", null).body()).contains("<Key>ctl&#x1;char</Key>");
    String xml = Clients.http("GET", "/" + bucket + "?uploads&delimiter=/&encoding-type=url", null).body();
    assertThat(xml).contains("<Key>a%20b%2Bc</Key>", "<Key>ctl%01char</Key>", "<Prefix>d/</Prefix>", "<EncodingType>url</EncodingType>");
    assertThat(Clients.http("GET", "/" + bucket + "?uploads", null).body()).contains("<Key>ctl&#x1;char</Key>")
        .doesNotContain("EncodingType");
    assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).encodingType(EncodingType.URL)).uploads())
        .extracting(software.amazon.awssdk.services.s3.model.MultipartUpload::key).containsExactly("a b+c", "ctl\u0001char", "d/e f");
    assertThat(Clients.http("GET", "/" + bucket + "?uploads&encoding-type=base64", null).statusCode()).isEqualTo(400);
  }

  @Test
  void maxKeysZeroIsEmptyAndNotTruncated_AnEmptyDelimiterIsNone() throws Exception {
    String bucket = bucket("edges");
    put(bucket, "a/1", "x");
    put(bucket, "b", "x");
    ListObjectsV2Response zero = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(0));
    assertThat(zero.contents()).isEmpty();
    assertThat(zero.isTruncated()).isFalse();
    assertThat(zero.keyCount()).isZero();
    String empty = Clients.http("GET", "/" + bucket + "?list-type=2&delimiter=", null).body();
    assertThat(empty).contains("<Key>a/1</Key>", "<Key>b</Key>").doesNotContain("<CommonPrefixes>", "<Delimiter>");
  }

  @Test
  void prefixAndDelimiterAcrossPages_EveryCommonPrefixOnce_NeverSplit() {
    String bucket = bucket("rolled");
    for (String key : List.of("p/a/1", "p/a/2", "p/a/3", "p/b", "p/c/1", "p/c/2", "p/d", "q/1")) {
      put(bucket, key, "x");
    }
    for (int size = 1; size <= 3; size++) {
      int max = size;
      List<String> entries = new ArrayList<>();
      String token = null;
      do {
        String t = token;
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix("p/").delimiter("/").maxKeys(max).continuationToken(t));
        r.commonPrefixes().forEach(p -> entries.add(p.prefix()));
        r.contents().forEach(o -> entries.add(o.key()));
        assertThat(r.keyCount()).isLessThanOrEqualTo(max);
        token = r.nextContinuationToken();
      } while (token != null);
      assertThat(entries).as("max-keys %d", size).containsExactlyInAnyOrder("p/a/", "p/b", "p/c/", "p/d");
    }
  }

  @Test
  void fetchOwnerShowsTheOwnerInV2_V1AlwaysDoes() {
    String bucket = bucket("owner");
    put(bucket, "k", "x");
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents().get(0).owner()).isNull();
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).fetchOwner(true)).contents().get(0).owner().id()).isNotBlank();
    assertThat(s3.listObjects(b -> b.bucket(bucket)).contents().get(0).owner().id()).isNotBlank();
  }

  @Test
  void recreatingYourBucketIs200InUsEast1_AndAlreadyOwnedByYouElsewhere() throws Exception {
    String bucket = bucket("again");
    put(bucket, "kept", "x");
    s3.createBucket(b -> b.bucket(bucket));
    assertThat(Clients.keys(s3, bucket)).containsExactly("kept");
    HttpResponse<String> elsewhere = Clients.http("PUT", "/" + bucket, ("<CreateBucketConfiguration><LocationConstraint>eu-west-1"
        + "</LocationConstraint></CreateBucketConfiguration>").getBytes(StandardCharsets.UTF_8));
    assertThat(elsewhere.statusCode()).isEqualTo(409);
    assertThat(elsewhere.body()).contains("<Code>BucketAlreadyOwnedByYou</Code>");
  }

  @Test
  void aNulInAnyListingParameterIsInvalidArgument() throws Exception {
    String bucket = bucket("nul");
    for (String query : List.of("?delimiter=%00", "?prefix=a%00", "?marker=%00", "?list-type=2&start-after=%00",
        "?versions&key-marker=%00", "?versions&prefix=%00&delimiter=/")) {
      HttpResponse<String> r = Clients.http("GET", "/" + bucket + query, null);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.body()).as(query).contains("<Code>InvalidArgument</Code>");
    }
    assertThatThrownBy(() -> s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("k").versionIdMarker("not-a-version")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
  }

  @Test
  void aBodyShorterThanItsContentLengthIsRequestTimeout_AndNothingIsStored() throws IOException {
    String bucket = bucket("short");
    int port = LocalStackExtension.gateway().getPort();
    long started = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /" + bucket + "/short HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly ten b")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      FuzzRequests.Answer answer = FuzzRequests.Answer.read(socket.getInputStream());
      assertThat(answer.status()).as(answer.text()).isEqualTo(400);
      assertThat(answer.text()).contains("<Code>RequestTimeout</Code>");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(20));
    assertThat(Clients.keys(s3, bucket)).isEmpty();
  }
}
