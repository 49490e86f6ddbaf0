package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Bucket lifecycle rules through a real SDK, and the task workers acting on them. The suite's
 * lifecycle "day" is 2 s ({@code mocks3.lifecycle-day}); each test runs the sweep itself
 * ({@code POST :8083/admin/tasks/lifecycle}) rather than wait for its schedule.
 */
@ExtendWith(LocalStackExtension.class)
class LifecycleIT {
  @Test
  void aConfigurationRoundTrips_AndBadOnesAreS3Errors() throws Exception {
    try (S3Client s3 = Clients.s3()) {
      String bucket = "lifecycle-config";
      s3.createBucket(b -> b.bucket(bucket));
      assertThat(errorOf(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)))).isEqualTo("NoSuchLifecycleConfiguration");

      LifecycleRule logs = LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED)
          .filter(LifecycleRuleFilter.builder().prefix("logs/").build())
          .expiration(e -> e.days(30)).build();
      LifecycleRule versions = LifecycleRule.builder().id("versions").status(ExpirationStatus.DISABLED)
          .filter(LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder().prefix("data/")
              .tags(Tag.builder().key("tier").value("scratch").build()).objectSizeGreaterThan(1024L).build()).build())
          .noncurrentVersionExpiration(n -> n.noncurrentDays(7))
          .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2)).build();
      LifecycleRule archive = LifecycleRule.builder().id("archive").status(ExpirationStatus.ENABLED)
          .filter(LifecycleRuleFilter.builder().prefix("").build())
          .transitions(t -> t.days(90).storageClass(TransitionStorageClass.GLACIER)).build();
      s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(logs, versions, archive)));

      List<LifecycleRule> stored = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
      assertThat(stored).extracting(LifecycleRule::id).containsExactly("logs", "versions", "archive");
      assertThat(stored.get(0).filter().prefix()).isEqualTo("logs/");
      assertThat(stored.get(0).expiration().days()).isEqualTo(30);
      assertThat(stored.get(1).status()).isEqualTo(ExpirationStatus.DISABLED);
      assertThat(stored.get(1).filter().and().prefix()).isEqualTo("data/");
      assertThat(stored.get(1).filter().and().tags()).containsExactly(Tag.builder().key("tier").value("scratch").build());
      assertThat(stored.get(1).filter().and().objectSizeGreaterThan()).isEqualTo(1024L);
      assertThat(stored.get(1).noncurrentVersionExpiration().noncurrentDays()).isEqualTo(7);
      assertThat(stored.get(1).abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(2);
      assertThat(stored.get(2).transitions().get(0).storageClass()).isEqualTo(TransitionStorageClass.GLACIER);

      LifecycleRule zeroDays = logs.toBuilder().expiration(e -> e.days(0)).build();
      assertThat(errorOf(() -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(zeroDays)))))
          .isEqualTo("InvalidArgument");
      assertThat(errorOf(() -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(logs, logs)))))
          .isEqualTo("InvalidArgument");
      HttpResponse<String> badStatus = Clients.http("PUT", "/" + bucket + "?lifecycle", ("<LifecycleConfiguration><Rule><ID>x</ID>"
          + "<Filter><Prefix>a/</Prefix></Filter><Status>Sometimes</Status><Expiration><Days>1</Days></Expiration></Rule>"
          + "</LifecycleConfiguration>").getBytes());
      assertThat(badStatus.statusCode()).isEqualTo(400);
      assertThat(badStatus.body()).contains("<Code>MalformedXML</Code>");
      HttpResponse<String> notMidnight = Clients.http("PUT", "/" + bucket + "?lifecycle", ("<LifecycleConfiguration><Rule>"
          + "<Prefix>a/</Prefix><Status>Enabled</Status><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>"
          + "</LifecycleConfiguration>").getBytes());
      assertThat(notMidnight.body()).contains("<Code>InvalidArgument</Code>").contains("midnight");
      // Nothing stored was changed by the bad ones.
      assertThat(s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()).hasSize(3);

      // A rule written the way that predates Filter (its own Prefix) is answered that way.
      HttpResponse<String> legacy = Clients.http("PUT", "/" + bucket + "?lifecycle", ("<LifecycleConfiguration><Rule>"
          + "<ID>old</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule>"
          + "</LifecycleConfiguration>").getBytes());
      assertThat(legacy.statusCode()).isEqualTo(200);
      assertThat(Clients.http("GET", "/" + bucket + "?lifecycle", null).body())
          .contains("<ID>old</ID><Prefix>tmp/</Prefix><Status>Enabled</Status>").doesNotContain("<Filter>");

      s3.deleteBucketLifecycle(b -> b.bucket(bucket));
      assertThat(errorOf(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)))).isEqualTo("NoSuchLifecycleConfiguration");
    }
  }

  @Test
  void expirationRemovesWhatItsRulesMatch_OnceTheirDaysHavePassed() throws Exception {
    String bucket = "lifecycle-expire";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(
          LifecycleRule.builder().id("tmp").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/"))
              .expiration(e -> e.days(1)).abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build(),
          LifecycleRule.builder().id("scratch-tagged").status(ExpirationStatus.ENABLED)
              .filter(f -> f.tag(Tag.builder().key("scratch").value("yes").build())).expiration(e -> e.days(1)).build(),
          LifecycleRule.builder().id("off").status(ExpirationStatus.DISABLED).filter(f -> f.prefix("keep/"))
              .expiration(e -> e.days(1)).build())));
      for (String key : List.of("tmp/a", "tmp/b", "keep/c", "other/d")) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
      }
      s3.putObject(b -> b.bucket(bucket).key("other/tagged").tagging("scratch=yes"), RequestBody.fromString("scratch"));
      String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("tmp/upload")).uploadId();
      double expired = Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"expiration\"}");

      // A day (2 s) after they were written, the sweep expires them.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
        Clients.runTask("lifecycle");
        Set<String> left = Clients.keys(s3, bucket);
        return !left.contains("tmp/a") && !left.contains("tmp/b") && !left.contains("other/tagged");
      });
      // Not yet a day old: left alone.
      s3.putObject(b -> b.bucket(bucket).key("tmp/fresh"), RequestBody.fromString("written just now"));
      Clients.runTask("lifecycle");
      assertThat(Clients.keys(s3, bucket)).containsExactlyInAnyOrder("keep/c", "other/d", "tmp/fresh");
      assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).noneMatch(u -> u.uploadId().equals(upload));
      // Counted as sent: a sweep that runs before the last one's deletes are projected sends them again.
      assertThat(Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"expiration\"}") - expired)
          .isGreaterThanOrEqualTo(3);
    }
  }

  /**
   * {@code x-amz-expiration} names the rule and the midnight (here: the next even second) at which the
   * object expires, on PUT, HEAD, GET, copy and CompleteMultipartUpload, from the configuration in force at the request; the
   * sweep removes the object then and not before.
   */
  @Test
  void theExpirationHeaderNamesTheRuleAndTheMidnightItsObjectExpiresAt_AndTheSweepKeepsToIt() throws Exception {
    String bucket = "lifecycle-header";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      LifecycleRule tmp = LifecycleRule.builder().id("tmp").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/"))
          .expiration(e -> e.days(1)).build();
      LifecycleRule tagged = LifecycleRule.builder().id("scratch-tagged").status(ExpirationStatus.ENABLED)
          .filter(f -> f.tag(Tag.builder().key("scratch").value("yes").build())).expiration(e -> e.days(3)).build();
      LifecycleRule off = LifecycleRule.builder().id("off").status(ExpirationStatus.DISABLED).filter(f -> f.prefix("off/"))
          .expiration(e -> e.days(1)).build();
      s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(tmp, tagged, off)));

      Instant before = Instant.now();
      String put = s3.putObject(b -> b.bucket(bucket).key("tmp/a"), RequestBody.fromString("a")).expiration();
      Instant after = Instant.now();
      Instant expires = expiry(put, "tmp");
      // Written between before and after, one 2-second day later, rounded up to the next even second.
      assertThat(expires.getEpochSecond() % 2).isZero();
      assertThat(expires).isBetween(before.plusSeconds(2), after.plusSeconds(4));
      assertThat(s3.headObject(b -> b.bucket(bucket).key("tmp/a")).expiration()).isEqualTo(put);
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tmp/a")).response().expiration()).isEqualTo(put);
      assertThat(s3.headObject(b -> b.bucket(bucket).key("tmp/a").versionId("null")).expiration())
          .as("the current version, named by its id").isEqualTo(put);
      String copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("tmp/a").destinationBucket(bucket)
          .destinationKey("tmp/copy")).expiration();
      assertThat(expiry(copied, "tmp")).isAfterOrEqualTo(expires);
      String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("tmp/multi")).uploadId();
      String part = s3.uploadPart(b -> b.bucket(bucket).key("tmp/multi").uploadId(upload).partNumber(1),
          RequestBody.fromString("part")).eTag();
      String completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key("tmp/multi").uploadId(upload)
          .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part)))).expiration();
      assertThat(expiry(completed, "tmp")).isAfterOrEqualTo(expires);

      String scratch = s3.putObject(b -> b.bucket(bucket).key("other/tagged").tagging("scratch=yes"),
          RequestBody.fromString("t")).expiration();
      assertThat(expiry(scratch, "scratch-tagged")).isBetween(before.plusSeconds(6), Instant.now().plusSeconds(8));
      assertThat(s3.putObject(b -> b.bucket(bucket).key("off/x"), RequestBody.fromString("x")).expiration())
          .as("a disabled rule").isNull();
      assertThat(s3.putObject(b -> b.bucket(bucket).key("other/plain"), RequestBody.fromString("p")).expiration())
          .as("no rule matches").isNull();

      // The sweep keeps the object until its expiry and removes it after.
      Clients.runTask("lifecycle");
      if (Instant.now().isBefore(expires)) {
        assertThat(Clients.keys(s3, bucket)).as("swept before %s", expires).contains("tmp/a");
      }
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
        Clients.runTask("lifecycle");
        return !Clients.keys(s3, bucket).contains("tmp/a");
      });
      assertThat(Instant.now()).isAfterOrEqualTo(expires);

      // The configuration in force answers: without the tagged rule, no header at once; without any, none.
      s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(tmp)));
      assertThat(s3.headObject(b -> b.bucket(bucket).key("other/tagged")).expiration()).isNull();
      expiry(s3.putObject(b -> b.bucket(bucket).key("tmp/late"), RequestBody.fromString("l")).expiration(), "tmp");
      s3.deleteBucketLifecycle(b -> b.bucket(bucket));
      assertThat(s3.headObject(b -> b.bucket(bucket).key("tmp/late")).expiration()).isNull();
    }
  }

  private static final Pattern EXPIRATION = Pattern.compile("expiry-date=\"([^\"]+)\", rule-id=\"([^\"]*)\"");

  /** The expiry an {@code x-amz-expiration} names, after checking its form and rule. */
  private static Instant expiry(String header, String ruleId) {
    assertThat(header).as("x-amz-expiration").isNotNull();
    Matcher m = EXPIRATION.matcher(header);
    assertThat(m.matches()).as(header).isTrue();
    assertThat(m.group(2)).isEqualTo(ruleId);
    assertThat(m.group(1)).as("an IMF-fixdate, two-digit day").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    return ZonedDateTime.parse(m.group(1), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  @Test
  void inAVersionedBucket_ExpirationAddsAMarker_NoncurrentVersionsGo_AndTheLoneMarkerIsRemoved() throws Exception {
    String bucket = "lifecycle-versions";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
      s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(
          LifecycleRule.builder().id("all").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
              .expiration(e -> e.days(1)).noncurrentVersionExpiration(n -> n.noncurrentDays(1)).build(),
          LifecycleRule.builder().id("markers").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
              .expiration(e -> e.expiredObjectDeleteMarker(true)).build())));
      s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one"));
      s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("two"));
      double marked = Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"expiration\"}");
      double noncurrent = Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"noncurrent\"}");
      double markers = Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"delete_marker\"}");

      // The current version gets a delete marker; each noncurrent version goes a day after it became
      // noncurrent; then the marker, the key's only version, goes too.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        Clients.runTask("lifecycle");
        var versions = s3.listObjectVersions(b -> b.bucket(bucket));
        return versions.versions().isEmpty() && versions.deleteMarkers().isEmpty();
      });
      // Bounds, as above: an expiry is counted as sent, and a sweep that runs before the last one's
      // deletes are projected sends them again. What happened to this bucket is checked exactly above.
      assertThat(Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"expiration\"}") - marked)
          .isGreaterThanOrEqualTo(1);
      assertThat(Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"noncurrent\"}") - noncurrent)
          .isGreaterThanOrEqualTo(2);
      assertThat(Scrape.value(StackLayout.TASKS, "lifecycle_expired_total{action=\"delete_marker\"}") - markers)
          .isGreaterThanOrEqualTo(1);
    }
  }

  private static String errorOf(Runnable call) {
    try {
      call.run();
    } catch (S3Exception e) {
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("expected an S3 error");
  }
}
