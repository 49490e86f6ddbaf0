package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Multipart uploads through the SDK: completion without copying, ranges across parts, the errors,
 * and the task that aborts abandoned uploads.
 */
@ExtendWith(LocalStackExtension.class)
class MultipartIT {
  private static final int MIB = 1024 * 1024;
  private static S3Client s3;
  private static String bucket;

  @BeforeAll
  static void setUp() {
    s3 = Clients.s3();
    bucket = "mpu-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static String errorCode(Runnable call) {
    try {
      call.run();
      return null;
    } catch (S3Exception e) {
      return e.awsErrorDetails().errorCode();
    }
  }

  @Test
  void partsCompleteIntoOneObjectReadableAcrossPartBoundaries() {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("video.bin").contentType("video/mp4")).uploadId();
    Random random = new Random(5);
    byte[][] parts = {new byte[5 * MIB], new byte[5 * MIB + 123], new byte[777]};
    List<CompletedPart> completed = new ArrayList<>();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i++) {
      random.nextBytes(parts[i]);
      int number = i + 1;
      String etag = s3.uploadPart(b -> b.bucket(bucket).key("video.bin").uploadId(uploadId).partNumber(number),
          RequestBody.fromBytes(parts[i])).eTag();
      assertThat(etag).isEqualTo("\"" + Clients.md5(parts[i]) + "\"");
      completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      whole.writeBytes(parts[i]);
    }
    String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key("video.bin").uploadId(uploadId)
        .multipartUpload(m -> m.parts(completed))).eTag();
    assertThat(etag).endsWith("-3\"");

    byte[] all = whole.toByteArray();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("video.bin")).asByteArray()).isEqualTo(all);
    byte[] across = s3.getObjectAsBytes(b -> b.bucket(bucket).key("video.bin")
        .range("bytes=" + (5 * MIB - 10) + "-" + (10 * MIB + 200))).asByteArray();
    assertThat(across).isEqualTo(Arrays.copyOfRange(all, 5 * MIB - 10, 10 * MIB + 201));
    var head = s3.headObject(b -> b.bucket(bucket).key("video.bin"));
    assertThat(head.eTag()).isEqualTo(etag);
    assertThat(head.contentLength()).isEqualTo(all.length);
    assertThat(head.contentType()).isEqualTo("video/mp4");

    assertThat(errorCode(() -> s3.uploadPart(b -> b.bucket(bucket).key("video.bin").uploadId(uploadId).partNumber(4),
        RequestBody.fromString("late")))).as("the upload is gone once completed").isEqualTo("NoSuchUpload");
  }

  @Test
  void completionRulesAreEnforced() {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("rules.bin")).uploadId();
    String small1 = s3.uploadPart(b -> b.bucket(bucket).key("rules.bin").uploadId(uploadId).partNumber(1),
        RequestBody.fromString("tiny")).eTag();
    String small2 = s3.uploadPart(b -> b.bucket(bucket).key("rules.bin").uploadId(uploadId).partNumber(2),
        RequestBody.fromString("tiny too")).eTag();
    CompletedPart p1 = CompletedPart.builder().partNumber(1).eTag(small1).build();
    CompletedPart p2 = CompletedPart.builder().partNumber(2).eTag(small2).build();

    assertThat(errorCode(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("rules.bin").uploadId(uploadId)
        .multipartUpload(m -> m.parts(p2, p1))))).isEqualTo("InvalidPartOrder");
    assertThat(errorCode(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("rules.bin").uploadId(uploadId)
        .multipartUpload(m -> m.parts(p1, p2))))).isEqualTo("EntityTooSmall");
    assertThat(errorCode(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("rules.bin").uploadId(uploadId)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build())))))
        .isEqualTo("InvalidPart");
    assertThat(errorCode(() -> s3.uploadPart(b -> b.bucket(bucket).key("rules.bin").uploadId(uploadId).partNumber(10_001),
        RequestBody.fromString("x")))).isEqualTo("InvalidArgument");

    s3.completeMultipartUpload(b -> b.bucket(bucket).key("rules.bin").uploadId(uploadId).multipartUpload(m -> m.parts(p2)));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("rules.bin")).asUtf8String()).isEqualTo("tiny too");
  }

  @Test
  void abortedUploadsAreGone() {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("aborted.bin")).uploadId();
    s3.uploadPart(b -> b.bucket(bucket).key("aborted.bin").uploadId(uploadId).partNumber(1), RequestBody.fromString("x"));
    s3.abortMultipartUpload(b -> b.bucket(bucket).key("aborted.bin").uploadId(uploadId));

    assertThat(errorCode(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("aborted.bin").uploadId(uploadId))))
        .isEqualTo("NoSuchUpload");
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("aborted.bin")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(errorCode(() -> s3.uploadPart(b -> b.bucket(bucket).key("aborted.bin").uploadId("no-such-upload").partNumber(1),
        RequestBody.fromString("x")))).isEqualTo("NoSuchUpload");
  }

  @Test
  void anAbandonedUploadIsAbortedByTheCleanupTaskAndAYoungOneIsKept() throws Exception {
    String own = "mpu-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(own));
    String abandoned = s3.createMultipartUpload(b -> b.bucket(own).key("left.bin")).uploadId();
    s3.uploadPart(b -> b.bucket(own).key("left.bin").uploadId(abandoned).partNumber(1), RequestBody.fromString("part"));

    // Nothing is an hour old yet.
    assertThat(cleanup(own, "1h").body()).isEqualTo("{\"aborted\":[]}");
    assertThat(s3.listMultipartUploads(b -> b.bucket(own)).uploads()).hasSize(1);

    // An injected task failure leaves the upload for the next sweep.
    try {
      FaultControl.createRule("{\"name\": \"sweep fails\", \"service\": \"tasks\", \"conditions\": [{\"type\": \"operation\","
          + " \"value\": \"AbortAbandonedUpload\"}, {\"type\": \"bucket\", \"value\": \"" + own + "\"}],"
          + " \"action\": {\"type\": \"http_error\", \"http_code\": 500}}");
      assertThat(cleanup(own, "0s").body()).isEqualTo("{\"aborted\":[]}");
      assertThat(s3.listMultipartUploads(b -> b.bucket(own)).uploads()).hasSize(1);
    } finally {
      FaultControl.clear();
    }

    HttpResponse<String> swept = cleanup(own, "0s");
    assertThat(swept.statusCode()).isEqualTo(200);
    assertThat(swept.body()).contains(abandoned, "left.bin");
    await().atMost(Duration.ofSeconds(10)).until(() -> s3.listMultipartUploads(b -> b.bucket(own)).uploads().isEmpty());
    assertThat(errorCode(() -> s3.uploadPart(b -> b.bucket(own).key("left.bin").uploadId(abandoned).partNumber(2),
        RequestBody.fromString("late")))).isEqualTo("NoSuchUpload");
    s3.deleteBucket(b -> b.bucket(own));
  }

  private static HttpResponse<String> cleanup(String bucket, String olderThan) throws Exception {
    URI uri = URI.create(LocalStackExtension.layout().url(StackLayout.TASKS)
        + "/admin/tasks/multipart-cleanup?older-than=" + olderThan + "&bucket=" + bucket);
    return HttpClient.newHttpClient().send(FaultControl.authorized(HttpRequest.newBuilder(uri)).timeout(java.time.Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
