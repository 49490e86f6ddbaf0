package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3's write path as clients meet it, through the AWS SDK v2: a completion retried after its answer
 * was lost, parts re-sent, conditional writes (one winner among racers), version ids, delete
 * markers, metadata and tags; and a fault rule still fails a completion.
 */
@ExtendWith(LocalStackExtension.class)
class S3WritePathFidelityIT {
  private static final int MIB = 1024 * 1024;
  private static S3Client s3;
  private static String bucket;
  private static String versioned;

  @BeforeAll
  static void setUp() {
    s3 = Clients.s3();
    bucket = "wpf-" + UUID.randomUUID().toString().substring(0, 8);
    versioned = "wpfv-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    s3.createBucket(b -> b.bucket(versioned));
    s3.putBucketVersioning(b -> b.bucket(versioned).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static S3Exception failure(Runnable call) {
    try {
      call.run();
    } catch (S3Exception e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  private static byte[] bytes(int size, int seed) {
    byte[] data = new byte[size];
    new java.util.Random(seed).nextBytes(data);
    return data;
  }

  private static CompletedPart upload(String b, String key, String uploadId, int number, byte[] data) {
    String etag = s3.uploadPart(r -> r.bucket(b).key(key).uploadId(uploadId).partNumber(number), RequestBody.fromBytes(data))
        .eTag();
    return CompletedPart.builder().partNumber(number).eTag(etag).build();
  }

  private static CompleteMultipartUploadResponse complete(String b, String key, String uploadId, List<CompletedPart> parts) {
    return s3.completeMultipartUpload(r -> r.bucket(b).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
  }

  @Test
  void aCompletionRetriedAfterItSucceededAnswersTheSameObject_AndOtherPartsAreNoSuchUpload() {
    String key = "retried.bin";
    String uploadId = s3.createMultipartUpload(r -> r.bucket(versioned).key(key)).uploadId();
    List<CompletedPart> parts = List.of(upload(versioned, key, uploadId, 1, bytes(5 * MIB, 1)),
        upload(versioned, key, uploadId, 2, bytes(100, 2)));
    CompleteMultipartUploadResponse first = complete(versioned, key, uploadId, parts);

    CompleteMultipartUploadResponse again = complete(versioned, key, uploadId, parts);

    assertThat(first.versionId()).isNotBlank();
    assertThat(again.eTag()).isEqualTo(first.eTag()).endsWith("-2\"");
    assertThat(again.versionId()).isEqualTo(first.versionId());
    assertThat(s3.listObjectVersions(r -> r.bucket(versioned).prefix(key)).versions()).hasSize(1);
    S3Exception other = failure(() -> complete(versioned, key, uploadId, parts.subList(0, 1)));
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
  }

  /** A body that hands out {@code first} bytes, then waits for {@code release} before the rest. */
  private static final class HeldBody extends InputStream {
    private final byte[] data;
    private final int first;
    private final CountDownLatch release;
    private final AtomicLong served = new AtomicLong();
    private int position;

    HeldBody(byte[] data, int first, CountDownLatch release) {
      this.data = data;
      this.first = first;
      this.release = release;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= data.length) {
        return -1;
      }
      if (position >= first) {
        try {
          if (!release.await(2, TimeUnit.MINUTES)) {
            throw new IOException("the held body was never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      int n = Math.min(len, (position < first ? first : data.length) - position);
      System.arraycopy(data, position, b, off, n);
      position += n;
      served.addAndGet(n);
      return n;
    }
  }

  @Test
  void aPartSentAgainWhileTheFirstUploadIsStillRunning_TheLastStartedWinsThoughItFinishedFirst() throws Exception {
    String key = "resent.bin";
    String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    byte[] slow = bytes(24 * MIB, 3);
    byte[] fast = bytes(1000, 4);
    CountDownLatch release = new CountDownLatch(1);
    // Far more than socket buffers hold: once it is all read, the gateway is taking the body in.
    HeldBody held = new HeldBody(slow, 16 * MIB, release);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> firstStarted = pool.submit(() -> s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId)
          .partNumber(1), RequestBody.fromContentProvider(() -> held, slow.length, "application/octet-stream")).eTag());
      await().atMost(Duration.ofSeconds(60)).until(() -> held.served.get() >= 16 * MIB);
      CompletedPart lastStarted = upload(bucket, key, uploadId, 1, fast);
      release.countDown();
      assertThat(firstStarted.get(2, TimeUnit.MINUTES)).isEqualTo("\"" + Clients.md5(slow) + "\"");

      assertThat(s3.listParts(r -> r.bucket(bucket).key(key).uploadId(uploadId)).parts())
          .singleElement().satisfies(p -> assertThat(p.eTag()).isEqualTo(lastStarted.eTag()));
      complete(bucket, key, uploadId, List.of(lastStarted));
      assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(fast);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void conditionalPutsAndCompletionsAnswerAsS3_AlsoOverADeleteMarker() {
    String key = "cond.txt";
    String etag = s3.putObject(r -> r.bucket(versioned).key(key), RequestBody.fromString("one")).eTag();
    S3Exception exists = failure(() -> s3.putObject(r -> r.bucket(versioned).key(key).ifNoneMatch("*"), RequestBody.fromString("x")));
    S3Exception differs = failure(() -> s3.putObject(r -> r.bucket(versioned).key(key).ifMatch("\"0000\""), RequestBody.fromString("x")));
    String swapped = s3.putObject(r -> r.bucket(versioned).key(key).ifMatch(etag), RequestBody.fromString("two")).eTag();
    assertThat(List.of(exists, differs)).allSatisfy(e -> {
      assertThat(e.statusCode()).isEqualTo(412);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
    });
    assertThat(swapped).isEqualTo("\"" + Clients.md5("two".getBytes(StandardCharsets.UTF_8)) + "\"");

    s3.deleteObject(r -> r.bucket(versioned).key(key));
    S3Exception missing = failure(() -> s3.putObject(r -> r.bucket(versioned).key(key).ifMatch(swapped), RequestBody.fromString("x")));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
    s3.putObject(r -> r.bucket(versioned).key(key).ifNoneMatch("*"), RequestBody.fromString("three"));

    String uploadId = s3.createMultipartUpload(r -> r.bucket(versioned).key(key)).uploadId();
    List<CompletedPart> parts = List.of(upload(versioned, key, uploadId, 1, "four".getBytes(StandardCharsets.UTF_8)));
    S3Exception completeExists = failure(() -> s3.completeMultipartUpload(r -> r.bucket(versioned).key(key).uploadId(uploadId)
        .ifNoneMatch("*").multipartUpload(m -> m.parts(parts))));
    assertThat(completeExists.statusCode()).isEqualTo(412);
    String current = s3.headObject(r -> r.bucket(versioned).key(key)).eTag();
    assertThat(s3.completeMultipartUpload(r -> r.bucket(versioned).key(key).uploadId(uploadId).ifMatch(current)
        .multipartUpload(m -> m.parts(parts))).eTag()).endsWith("-1\"");
  }

  @Test
  void racingCreateOnlyWritesHaveExactlyOneWinner() throws Exception {
    String key = "race-" + UUID.randomUUID();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = "writer " + i;
        statuses.add(pool.submit(() -> {
          start.await();
          try {
            s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString(body));
            return 200;
          } catch (S3Exception e) {
            return e.statusCode();
          }
        }));
      }
      start.countDown();
      List<Integer> answers = new ArrayList<>();
      for (Future<Integer> f : statuses) {
        answers.add(f.get(2, TimeUnit.MINUTES));
      }
      assertThat(answers).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyWriteToAVersionedBucketAnswersItsVersion_AndADeleteMarkerAnswersAsS3() throws Exception {
    String key = "marked.txt";
    String put = s3.putObject(r -> r.bucket(versioned).key(key), RequestBody.fromString("v1")).versionId();
    String copied = s3.copyObject(r -> r.sourceBucket(versioned).sourceKey(key).destinationBucket(versioned)
        .destinationKey(key + ".copy")).versionId();
    String uploadId = s3.createMultipartUpload(r -> r.bucket(versioned).key(key)).uploadId();
    String completed = complete(versioned, key, uploadId, List.of(upload(versioned, key, uploadId, 1, bytes(10, 5)))).versionId();
    assertThat(List.of(put, copied, completed)).allSatisfy(v -> assertThat(v).isNotBlank()).doesNotHaveDuplicates();

    String marker = s3.deleteObject(r -> r.bucket(versioned).key(key)).versionId();
    String path = "/" + versioned + "/" + key;
    for (String method : List.of("HEAD", "GET")) {
      HttpResponse<String> current = Clients.http(method, path, null);
      assertThat(current.statusCode()).as(method).isEqualTo(404);
      assertThat(current.headers().firstValue("x-amz-delete-marker")).as(method).hasValue("true");
      assertThat(current.headers().firstValue("x-amz-version-id")).as(method).hasValue(marker);
    }
    HttpResponse<String> named = Clients.http("GET", path + "?versionId=" + marker, null);
    assertThat(named.statusCode()).isEqualTo(405);
    assertThat(named.body()).contains("<Code>MethodNotAllowed</Code>");
    assertThat(named.headers().firstValue("x-amz-delete-marker")).hasValue("true");
    assertThat(named.headers().firstValue("x-amz-version-id")).hasValue(marker);
  }

  @Test
  void metadataRoundTripsAsS3_NonAsciiAsRfc2047Words_StandardHeadersExactly() throws Exception {
    String key = "meta.txt";
    Map<String, String> sent = Map.of("ascii", "plain value", "utf8", "=?UTF-8?B?Y2Fmw6kg4pyT?=",
        "latin", "=?ISO-8859-1?Q?caf=E9?=");
    s3.putObject(r -> r.bucket(bucket).key(key).metadata(sent).cacheControl("max-age=60, must-revalidate")
        .contentDisposition("attachment; filename=\"resume.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt")
        .contentEncoding("identity").contentLanguage("fr-CA"), RequestBody.fromString("x"));

    HttpResponse<String> head = Clients.http("HEAD", "/" + bucket + "/" + key, null);
    assertThat(head.headers().firstValue("x-amz-meta-ascii")).hasValue("plain value");
    assertThat(head.headers().firstValue("x-amz-meta-utf8")).hasValue("=?UTF-8?B?Y2Fmw6kg4pyT?=");
    assertThat(head.headers().firstValue("x-amz-meta-latin")).hasValue("=?UTF-8?B?Y2Fmw6k=?=");
    assertThat(head.headers().firstValue("Cache-Control")).hasValue("max-age=60, must-revalidate");
    assertThat(head.headers().firstValue("Content-Encoding")).hasValue("identity");
    assertThat(head.headers().firstValue("Content-Language")).hasValue("fr-CA");
    assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).contentDisposition())
        .isEqualTo("attachment; filename=\"resume.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt");

    // Content-Encoding is kept as written, less the aws-chunked that only framed the upload.
    for (String[] sentAndKept : new String[][] {{"deflate, gzip", "deflate, gzip"}, {"aws-chunked, gzip", "gzip"},
        {"gzip, aws-chunked", "gzip"}, {"aws-chunked", null}}) {
      s3.putObject(r -> r.bucket(bucket).key("encoded.txt").contentEncoding(sentAndKept[0]), RequestBody.fromString("x"));
      assertThat(Clients.http("HEAD", "/" + bucket + "/encoded.txt", null).headers().firstValue("Content-Encoding"))
          .as(sentAndKept[0]).isEqualTo(java.util.Optional.ofNullable(sentAndKept[1]));
    }
    // Named but not framed (no STREAMING- payload hash, no decoded length): the body is stored as sent.
    assertThat(Clients.http("PUT", "/" + bucket + "/unframed.txt", "plain".getBytes(StandardCharsets.UTF_8),
        "Content-Encoding", "gzip, aws-chunked").statusCode()).isEqualTo(200);
    assertThat(Clients.http("GET", "/" + bucket + "/unframed.txt", null).body()).isEqualTo("plain");

    String expires = "Wed, 21 Oct 2026 07:28:00 GMT";
    Clients.http("PUT", "/" + bucket + "/expiring.txt", "x".getBytes(StandardCharsets.UTF_8), "Expires", expires);
    assertThat(Clients.http("HEAD", "/" + bucket + "/expiring.txt", null).headers().firstValue("Expires")).hasValue(expires);
  }

  @Test
  void tagsGivenWhenAMultipartUploadIsCreatedAreOnTheCompletedObject() {
    String key = "tagged.bin";
    String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).tagging("team=chaos&tier=gold%20plus")).uploadId();
    complete(bucket, key, uploadId, List.of(upload(bucket, key, uploadId, 1, bytes(10, 6))));
    assertThat(s3.getObjectTagging(r -> r.bucket(bucket).key(key)).tagSet())
        .extracting(t -> t.key() + "=" + t.value()).containsExactlyInAnyOrder("team=chaos", "tier=gold plus");
  }

  @Test
  void aFaultRuleOnCompleteMultipartUploadFires_AndTheRetryAfterItsRemovalCompletes() {
    String key = "faulted.bin";
    String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> parts = List.of(upload(bucket, key, uploadId, 1, bytes(10, 7)));
    String rule = FaultControl.createRule("""
        {"name": "complete fails", "service": "gateway", "enabled": true,
         "conditions": [{"type": "operation", "value": "CompleteMultipartUpload"}, {"type": "bucket", "value": "%s"}],
         "action": {"type": "http_error", "http_code": 500, "error_code": "InternalError"}}""".formatted(bucket));
    try {
      S3Exception failed = failure(() -> complete(bucket, key, uploadId, parts));
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(FaultControl.injections(rule)).isPositive();
    } finally {
      FaultControl.mocks3().rules().remove(rule);
      FaultControl.inForce();
    }
    assertThat(complete(bucket, key, uploadId, parts).eTag()).endsWith("-1\"");
  }
}
