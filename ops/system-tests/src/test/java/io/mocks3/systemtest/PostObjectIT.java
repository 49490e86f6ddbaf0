package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * POST object, the browser's upload, sent as a browser sends it (multipart/form-data, the file
 * last) and read back with the SDK v2: fields become metadata, tags and checksums; the policy's
 * conditions, expiry and length range are enforced; what is refused stores nothing.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PostObjectIT {
  private static final String BOUNDARY = "----mocks3form" + UUID.randomUUID();
  private static S3Client s3;
  private static String bucket;

  @BeforeAll
  static void bucket() {
    s3 = Clients.s3();
    bucket = "post-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Test
  void aFormUploadStoresTheFileWithItsFieldsAndAnswersAsAsked() throws Exception {
    byte[] file = "posted by a form".getBytes(StandardCharsets.UTF_8);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", "uploads/${filename}");
    fields.put("Content-Type", "text/plain");
    fields.put("x-amz-meta-origin", "form");
    fields.put("tagging", "<Tagging><TagSet><Tag><Key>via</Key><Value>post</Value></Tag></TagSet></Tagging>");
    fields.put("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(file)));
    fields.put("success_action_status", "201");
    fields.put("policy", policy(Instant.now().plus(1, ChronoUnit.HOURS), "{\"bucket\": \"" + bucket + "\"}",
        "[\"starts-with\", \"$key\", \"uploads/\"]", "[\"starts-with\", \"$Content-Type\", \"text/\"]",
        "{\"x-amz-meta-origin\": \"form\"}", "[\"starts-with\", \"$tagging\", \"\"]",
        "[\"starts-with\", \"$x-amz-checksum-sha256\", \"\"]", "{\"success_action_status\": \"201\"}",
        "[\"content-length-range\", 1, 1024]"));

    HttpResponse<String> posted = post(fields, "note.txt", file);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    assertThat(posted.body()).contains("<Bucket>" + bucket + "</Bucket>", "<Key>uploads/note.txt</Key>",
        "<ETag>\"" + Clients.md5(file) + "\"</ETag>", "/" + bucket + "/uploads/note.txt</Location>");

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/note.txt")
        .checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(file);
    assertThat(got.response().contentType()).isEqualTo("text/plain");
    assertThat(got.response().metadata()).containsEntry("origin", "form");
    assertThat(got.response().checksumSHA256()).isEqualTo(fields.get("x-amz-checksum-sha256"));
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("uploads/note.txt")).tagSet())
        .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("via=post"));

    // Without a policy: 204 by default, a redirect when asked, with the bucket, key and ETag.
    HttpResponse<String> plain = post(Map.of("key", "plain.txt"), "x", file);
    assertThat(plain.statusCode()).isEqualTo(204);
    assertThat(plain.headers().firstValue("ETag")).hasValue("\"" + Clients.md5(file) + "\"");
    HttpResponse<String> redirected = post(Map.of("key", "r.txt", "success_action_redirect", "http://example.com/done?x=1"), "x", file);
    assertThat(redirected.statusCode()).isEqualTo(303);
    assertThat(redirected.headers().firstValue("Location")).hasValue("http://example.com/done?x=1&bucket=" + bucket
        + "&key=r.txt&etag=%22" + Clients.md5(file) + "%22");
  }

  @Test
  void whatThePolicyForbidsIsRefusedAndStoresNothing() throws Exception {
    byte[] file = new byte[2048];
    String range = "[\"content-length-range\", 1, 1024]";
    String key = "[\"starts-with\", \"$key\", \"refused/\"]";
    Instant later = Instant.now().plus(1, ChronoUnit.HOURS);

    assertRefused(post(Map.of("key", "refused/big", "policy", policy(later, key, range)), "f", file), 400, "EntityTooLarge");
    assertRefused(post(Map.of("key", "other/k", "policy", policy(later, key)), "f", new byte[1]), 403, "AccessDenied");
    assertRefused(post(Map.of("key", "refused/extra", "x-amz-meta-extra", "1", "policy", policy(later, key)), "f", new byte[1]),
        403, "AccessDenied");
    assertRefused(post(Map.of("key", "refused/late", "policy", policy(Instant.now().minusSeconds(60), key)), "f", new byte[1]),
        403, "AccessDenied");
    assertRefused(post(Map.of("key", "refused/bad", "policy", "bm90IGpzb24="), "f", new byte[1]), 400, "InvalidPolicyDocument");
    assertRefused(post(Map.of("key", "refused/sum", "x-amz-checksum-crc32", "AAAAAA=="), "f", new byte[10]), 400, "BadDigest");
    assertRefused(post(Map.of("policy", policy(later)), "f", new byte[1]), 400, "InvalidArgument");
    HttpResponse<String> notAForm = Clients.http("POST", "/" + bucket, "key=k".getBytes(), "Content-Type",
        "application/x-www-form-urlencoded");
    assertRefused(notAForm, 412, "PreconditionFailed");

    for (String refused : new String[] {"refused/big", "other/k", "refused/extra", "refused/late", "refused/bad", "refused/sum"}) {
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s3.headObject(b -> b.bucket(bucket).key(refused))))
          .as(refused).isInstanceOf(NoSuchKeyException.class);
    }
  }

  private static void assertRefused(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("<Code>" + code + "</Code>");
  }

  private static String policy(Instant expiration, String... conditions) {
    String json = "{\"expiration\": \"" + expiration.truncatedTo(ChronoUnit.SECONDS) + "\", \"conditions\": ["
        + String.join(", ", conditions) + "]}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The form as a browser sends it: every field, then the file. */
  private static HttpResponse<String> post(Map<String, String> fields, String fileName, byte[] file) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Clients.http("POST", "/" + bucket, body.toByteArray(), "Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
  }
}
