package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object Lock through the AWS SDK for Java v2: buckets created with it, default retention, retention
 * and legal hold per version, and the deletes they refuse, in both consistency modes.
 */
@ExtendWith(LocalStackExtension.class)
class S3ObjectLockIT {
  private static S3Client s3;

  @BeforeAll
  static void setUp() {
    s3 = Clients.s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static String lockedBucket() {
    String name = "lock-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name).objectLockEnabledForBucket(true));
    return name;
  }

  private static S3Exception failure(Runnable call) {
    S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
    assertThat(e).as("an S3 error").isNotNull();
    return e;
  }

  private static void assertError(Runnable call, int status, String code) {
    S3Exception e = failure(call);
    assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
    if (code != null) { // a HEAD's error has no body to name one
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    }
  }

  private static String put(String bucket, String key, ObjectLockMode mode, Instant until) {
    return s3.putObject(b -> b.bucket(bucket).key(key).objectLockMode(mode).objectLockRetainUntilDate(until),
        RequestBody.fromString("ledger")).versionId();
  }

  @Test
  void aBucketCreatedWithObjectLockIsVersionedAndItsDefaultRetentionLocksNewVersions() {
    String bucket = lockedBucket();
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    var config = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
    assertThat(config.objectLockEnabled()).isEqualTo(ObjectLockEnabled.ENABLED);
    assertThat(config.rule()).isNull();
    assertError(() -> s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(
        v -> v.status(BucketVersioningStatus.SUSPENDED))), 409, "InvalidBucketState");

    s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
        .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
    var rule = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().rule().defaultRetention();
    assertThat(rule.mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
    assertThat(rule.days()).isEqualTo(1);
    assertThat(rule.years()).isNull();

    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String version = s3.putObject(b -> b.bucket(bucket).key("defaulted"), RequestBody.fromString("x")).versionId();
    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("defaulted"));
    assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
    assertThat(head.objectLockRetainUntilDate()).isBetween(before.plus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(1)).plusSeconds(1));
    assertThat(head.objectLockLegalHoldStatus()).isNull();
    assertError(() -> s3.deleteObject(b -> b.bucket(bucket).key("defaulted").versionId(version)), 403, "AccessDenied");
    s3.deleteObject(b -> b.bucket(bucket).key("defaulted").versionId(version).bypassGovernanceRetention(true));
  }

  @Test
  void objectLockIsEnabledOnAnExistingBucketOnlyOnceItsVersioningIsEnabled() {
    String bucket = "lock-later-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    Runnable enable = () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(
        c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)));
    assertError(enable, 409, "InvalidBucketState");
    assertError(() -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)), 404, "ObjectLockConfigurationNotFoundError");
    assertError(() -> s3.putObject(b -> b.bucket(bucket).key("k").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
        RequestBody.fromString("x")), 400, "InvalidRequest");
    // A write asking for a lock waits for the projector's decision even in eventual mode: the refusal is heard.
    assertError(() -> s3.putObject(b -> b.bucket(bucket).key("k").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)
        .overrideConfiguration(c -> c.putHeader("x-mocks3-consistency", "eventual")), RequestBody.fromString("x")),
        400, "InvalidRequest");
    assertThat(Clients.keys(s3, bucket)).isEmpty();

    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    enable.run();
    assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().objectLockEnabled())
        .isEqualTo(ObjectLockEnabled.ENABLED);
  }

  @Test
  void aVersionUnderGovernanceIsRefusedToEveryDeleteThatDoesNotBypassItAndIsFreeOnceItEnds() {
    String bucket = lockedBucket();
    Instant until = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    String version = put(bucket, "doc", ObjectLockMode.GOVERNANCE, until);
    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("doc"));
    assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
    assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);

    assertError(() -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(version)), 403, "AccessDenied");
    // An eventual delete of a version waits for the projector's decision all the same.
    assertError(() -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(version)
        .overrideConfiguration(c -> c.putHeader("x-mocks3-consistency", "eventual"))), 403, "AccessDenied");
    DeleteObjectsResponse batch = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
        ObjectIdentifier.builder().key("doc").versionId(version).build())));
    assertThat(batch.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("AccessDenied");
      assertThat(e.versionId()).isEqualTo(version);
    });
    // Without a version id, a delete only adds a marker: the locked version stays, readable by its id.
    assertThat(s3.deleteObject(b -> b.bucket(bucket).key("doc")).deleteMarker()).isTrue();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(version)).asUtf8String()).isEqualTo("ledger");

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        assertThat(s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
            ObjectIdentifier.builder().key("doc").versionId(version).build()))).deleted()).hasSize(1));
    assertError(() -> s3.headObject(b -> b.bucket(bucket).key("doc").versionId(version)), 404, null);
  }

  @Test
  void aRetentionCanBeLengthenedButNotShortenedAndALegalHoldOutlastsEveryBypass() {
    String bucket = lockedBucket();
    String version = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("x")).versionId();
    Instant until = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    s3.putObjectRetention(b -> b.bucket(bucket).key("doc").retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE)
        .retainUntilDate(until)));
    var retention = s3.getObjectRetention(b -> b.bucket(bucket).key("doc").versionId(version)).retention();
    assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
    assertThat(retention.retainUntilDate()).isEqualTo(until);

    assertError(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").bypassGovernanceRetention(true)
        .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minusSeconds(60)))), 403, "AccessDenied");
    assertError(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").bypassGovernanceRetention(true)
        .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until))), 403, "AccessDenied");
    s3.putObjectRetention(b -> b.bucket(bucket).key("doc").retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE)
        .retainUntilDate(until.plusSeconds(60))));
    assertThat(s3.getObjectRetention(b -> b.bucket(bucket).key("doc")).retention().retainUntilDate())
        .isEqualTo(until.plusSeconds(60));
    assertError(() -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(version).bypassGovernanceRetention(true)),
        403, "AccessDenied");

    String held = s3.putObject(b -> b.bucket(bucket).key("held"), RequestBody.fromString("y")).versionId();
    assertError(() -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("held")), 404, "NoSuchObjectLockConfiguration");
    s3.putObjectLegalHold(b -> b.bucket(bucket).key("held").legalHold(l -> l.status(ObjectLockLegalHoldStatus.ON)));
    assertThat(s3.getObjectLegalHold(b -> b.bucket(bucket).key("held")).legalHold().status())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);
    // The metadata cache follows the change: an eventual read sees the hold too.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(s3.headObject(b -> b.bucket(bucket).key("held")
        .overrideConfiguration(c -> c.putHeader("x-mocks3-consistency", "eventual"))).objectLockLegalHoldStatus())
        .isEqualTo(ObjectLockLegalHoldStatus.ON));
    assertError(() -> s3.deleteObject(b -> b.bucket(bucket).key("held").versionId(held).bypassGovernanceRetention(true)),
        403, "AccessDenied");
    s3.putObjectLegalHold(b -> b.bucket(bucket).key("held").legalHold(l -> l.status(ObjectLockLegalHoldStatus.OFF)));
    s3.deleteObject(b -> b.bucket(bucket).key("held").versionId(held));
    assertError(() -> s3.headObject(b -> b.bucket(bucket).key("held").versionId(held)), 404, null);
  }

  @Test
  void aCopyTakesTheLockItAsksForNotTheSources_AndAMultipartUploadKeepsItsOwn() {
    String bucket = lockedBucket();
    put(bucket, "source", ObjectLockMode.GOVERNANCE, Instant.now().plus(Duration.ofHours(1)));
    s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket).destinationKey("plain"));
    HeadObjectResponse plain = s3.headObject(b -> b.bucket(bucket).key("plain"));
    assertThat(plain.objectLockMode()).isNull();
    assertThat(plain.objectLockRetainUntilDate()).isNull();
    s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket).destinationKey("held")
        .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON));
    assertThat(s3.headObject(b -> b.bucket(bucket).key("held")).objectLockLegalHoldStatus())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);

    String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")
        .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)).uploadId();
    String etag = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(upload).partNumber(1), RequestBody.fromString("part"))
        .eTag();
    String version = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(upload)
        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).versionId();
    assertError(() -> s3.deleteObject(b -> b.bucket(bucket).key("big").versionId(version)), 403, "AccessDenied");
  }

  @Test
  void badLockRequestsAreRefusedWithS3sErrorsAndStoreNothing() throws Exception {
    String bucket = lockedBucket();
    assertError(() -> s3.putObject(b -> b.bucket(bucket).key("past").objectLockMode(ObjectLockMode.GOVERNANCE)
        .objectLockRetainUntilDate(Instant.now().minusSeconds(60)), RequestBody.fromString("x")), 400, "InvalidArgument");
    HttpResponse<String> modeOnly = Clients.http("PUT", "/" + bucket + "/mode-only", "x".getBytes(),
        "x-amz-object-lock-mode", "GOVERNANCE");
    assertThat(modeOnly.statusCode()).isEqualTo(400);
    assertThat(modeOnly.body()).contains("<Code>InvalidArgument</Code>");
    HttpResponse<String> badMode = Clients.http("PUT", "/" + bucket + "/bad-mode", "x".getBytes(),
        "x-amz-object-lock-mode", "governance", "x-amz-object-lock-retain-until-date", "2099-01-01T00:00:00Z");
    assertThat(badMode.body()).contains("<Code>InvalidArgument</Code>");
    assertThat(Clients.keys(s3, bucket)).isEmpty();

    s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("x"));
    HttpResponse<String> badRetention = Clients.http("PUT", "/" + bucket + "/doc?retention",
        "<Retention><Mode>abc</Mode><RetainUntilDate>2099-01-01T00:00:00Z</RetainUntilDate></Retention>".getBytes());
    assertThat(badRetention.statusCode()).isEqualTo(400);
    assertThat(badRetention.body()).contains("<Code>MalformedXML</Code>");
    HttpResponse<String> badHold = Clients.http("PUT", "/" + bucket + "/doc?legal-hold",
        "<LegalHold><Status>maybe</Status></LegalHold>".getBytes());
    assertThat(badHold.body()).contains("<Code>MalformedXML</Code>");
    HttpResponse<String> bothPeriods = Clients.http("PUT", "/" + bucket + "?object-lock", ("<ObjectLockConfiguration>"
        + "<ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days>"
        + "<Years>1</Years></DefaultRetention></Rule></ObjectLockConfiguration>").getBytes());
    assertThat(bothPeriods.body()).contains("<Code>MalformedXML</Code>");
    HttpResponse<String> zeroDays = Clients.http("PUT", "/" + bucket + "?object-lock", ("<ObjectLockConfiguration>"
        + "<ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>0</Days>"
        + "</DefaultRetention></Rule></ObjectLockConfiguration>").getBytes());
    assertThat(zeroDays.body()).contains("<Code>InvalidRetentionPeriod</Code>");
    assertError(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("doc")), 404, "NoSuchObjectLockConfiguration");
    assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().rule()).isNull();

    String plain = "plain-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(plain));
    s3.putObject(b -> b.bucket(plain).key("doc"), RequestBody.fromString("x"));
    assertError(() -> s3.getObjectRetention(b -> b.bucket(plain).key("doc")), 400, "InvalidRequest");
    assertError(() -> s3.putObjectLegalHold(b -> b.bucket(plain).key("doc").legalHold(l -> l.status(ObjectLockLegalHoldStatus.ON))),
        400, "InvalidRequest");
  }
}
