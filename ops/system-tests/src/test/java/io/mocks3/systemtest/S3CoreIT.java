package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Every S3 core operation and its main errors, through the AWS SDK for Java v2 with its defaults. */
@ExtendWith(LocalStackExtension.class)
class S3CoreIT {
  private static S3Client s3;

  @BeforeAll
  static void client() {
    s3 = Clients.s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static String newBucket() {
    String bucket = "core-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  @Test
  void bucketLifecycleWithItsErrors() {
    String bucket = newBucket();
    assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(bucket));
    assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isEmpty();

    // Re-creating your own bucket in us-east-1 answers 200, as S3 does there (S3ListingFidelityIT: other regions).
    assertThat(s3.createBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);

    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
    assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));

    s3.deleteObject(b -> b.bucket(bucket).key("k"));
    s3.deleteBucket(b -> b.bucket(bucket));
    assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
    assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
    assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void objectsRoundTripBytesTypeAndMetadata() {
    String bucket = newBucket();
    byte[] body = "Hello MockS3!".getBytes(StandardCharsets.UTF_8);
    String etag = s3.putObject(b -> b.bucket(bucket).key("dir/hello.txt").contentType("text/plain")
            .metadata(Map.of("owner", "ann", "Project", "chaos")).cacheControl("no-cache")
            .contentDisposition("attachment; filename=\"hello.txt\""),
        RequestBody.fromBytes(body)).eTag();
    assertThat(etag).isEqualTo("\"" + Clients.md5(body) + "\"");

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/hello.txt"));
    assertThat(got.asByteArray()).isEqualTo(body);
    GetObjectResponse r = got.response();
    assertThat(r.eTag()).isEqualTo(etag);
    assertThat(r.contentType()).isEqualTo("text/plain");
    assertThat(r.metadata()).containsEntry("owner", "ann").containsEntry("project", "chaos");
    assertThat(r.cacheControl()).isEqualTo("no-cache");
    assertThat(r.contentDisposition()).isEqualTo("attachment; filename=\"hello.txt\"");
    assertThat(r.lastModified()).isNotNull();

    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/hello.txt"));
    assertThat(head.contentLength()).isEqualTo(body.length);
    assertThat(head.eTag()).isEqualTo(etag);

    s3.deleteObject(b -> b.bucket(bucket).key("dir/hello.txt"));
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/hello.txt")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("dir/hello.txt")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void overwriteReplacesAndLargeBodiesSurviveChunking() {
    String bucket = newBucket();
    byte[] big = new byte[20 * 1024 * 1024 + 17];
    new Random(42).nextBytes(big);
    s3.putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromString("first"));
    s3.putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromBytes(big));

    byte[] back = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray();
    assertThat(Clients.md5(back)).isEqualTo(Clients.md5(big));
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).singleElement()
        .satisfies(o -> assertThat(o.size()).isEqualTo(big.length));
  }

  @Test
  void rangesReturnExactlyTheAskedBytes() {
    String bucket = newBucket();
    byte[] body = new byte[2_000_000];
    new Random(7).nextBytes(body);
    s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromBytes(body));

    ResponseBytes<GetObjectResponse> mid = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=600000-1199999"));
    assertThat(mid.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, 600_000, 1_200_000));
    assertThat(mid.response().contentRange()).isEqualTo("bytes 600000-1199999/2000000");

    byte[] suffix = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-10")).asByteArray();
    assertThat(suffix).isEqualTo(java.util.Arrays.copyOfRange(body, body.length - 10, body.length));

    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=2000000-")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(416);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
        });
  }

  @Test
  void listingsHonourPrefixDelimiterPagingAndStartAfter() {
    String bucket = newBucket();
    for (String key : List.of("a.txt", "b/1", "b/2", "c/x/1", "c/y", "d", "e+f g%h")) {
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
    }
    ListObjectsV2Response root = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
    assertThat(root.contents()).extracting(S3Object::key).containsExactly("a.txt", "d", "e+f g%h");
    assertThat(root.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("b/", "c/");
    assertThat(root.keyCount()).isEqualTo(5);

    ListObjectsV2Response underC = s3.listObjectsV2(b -> b.bucket(bucket).prefix("c/").delimiter("/"));
    assertThat(underC.contents()).extracting(S3Object::key).containsExactly("c/y");
    assertThat(underC.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("c/x/");

    ListObjectsV2Response page1 = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(3));
    assertThat(page1.isTruncated()).isTrue();
    assertThat(page1.contents()).extracting(S3Object::key).containsExactly("a.txt", "b/1", "b/2");
    ListObjectsV2Response page2 =
        s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(3).continuationToken(page1.nextContinuationToken()));
    assertThat(page2.contents()).extracting(S3Object::key).containsExactly("c/x/1", "c/y", "d");
    ListObjectsV2Response page3 =
        s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(3).continuationToken(page2.nextContinuationToken()));
    assertThat(page3.contents()).extracting(S3Object::key).containsExactly("e+f g%h");
    assertThat(page3.isTruncated()).isFalse();

    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("c/y")).contents())
        .extracting(S3Object::key).containsExactly("d", "e+f g%h");

    ListObjectsResponse v1 = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(2));
    assertThat(v1.contents()).extracting(S3Object::key).containsExactly("a.txt");
    assertThat(v1.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("b/");
    assertThat(v1.isTruncated()).isTrue();
    ListObjectsResponse v1next = s3.listObjects(b -> b.bucket(bucket).delimiter("/").marker(v1.nextMarker()));
    assertThat(v1next.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("c/");
    assertThat(v1next.contents()).extracting(S3Object::key).containsExactly("d", "e+f g%h");
  }

  /**
   * With every command of the bucket held 2 s before the projector applies it, a strong PUT waits the
   * 2 s while an eventual one answers at once, its object not yet readable: this fails if eventual
   * mode behaved like strong.
   */
  @Test
  void eventualModeAnswersBeforeTheObjectIsVisibleButItBecomesVisible() throws Exception {
    String bucket = newBucket();
    var held = FaultControl.change("PUT", "/api/v1/chaos/topics/mocks3.commands",
        "{\"delay\": \"2s\", \"delay_rate\": 1.0, \"key_filter\": \"" + bucket + "\"}");
    assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
    try {
      long start = System.nanoTime();
      var eventual = s3.putObject(b -> b.bucket(bucket).key("later").overrideConfiguration(
          c -> c.putHeader("x-mocks3-consistency", "eventual")), RequestBody.fromString("eventually"));
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("eventual PUT under a 2 s command delay")
          .isLessThan(java.time.Duration.ofMillis(1500));
      assertThat(eventual.sdkHttpResponse().firstMatchingHeader("x-mocks3-consistency")).as("the mode it was served in")
          .hasValue("eventual");
      assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("later")).close())
          .as("a strong GET right after the eventual PUT").isInstanceOf(NoSuchKeyException.class);

      start = System.nanoTime();
      var strong = s3.putObject(b -> b.bucket(bucket).key("now"), RequestBody.fromString("strong"));
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("strong PUT under a 2 s command delay")
          .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(2));
      assertThat(strong.sdkHttpResponse().firstMatchingHeader("x-mocks3-consistency")).as("the gateway's default mode")
          .hasValue("strong");
    } finally {
      FaultControl.change("DELETE", "/api/v1/chaos/topics/mocks3.commands", null);
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("later")).asUtf8String()).isEqualTo("eventually"));
  }
}
