package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checksums and parts through the AWS SDK v2: every algorithm refused on mismatch, multipart
 * checksums of every algorithm and type as S3 makes them, part reads, and UploadPartCopy of a
 * named source version.
 */
@ExtendWith(LocalStackExtension.class)
class S3ChecksumsAndPartsIT {
  private static final int MIB = 1024 * 1024;
  private static S3Client s3;
  private static String bucket;

  @BeforeAll
  static void setUp() {
    s3 = Clients.s3();
    bucket = "cks-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static byte[] bytes(int size, int seed) {
    byte[] data = new byte[size];
    new java.util.Random(seed).nextBytes(data);
    return data;
  }

  private static byte[] raw(ChecksumAlgorithm algorithm, byte[]... pieces) {
    SdkChecksum checksum = SdkChecksum.forAlgorithm(switch (algorithm) {
      case CRC32 -> DefaultChecksumAlgorithm.CRC32;
      case CRC32_C -> DefaultChecksumAlgorithm.CRC32C;
      case CRC64_NVME -> DefaultChecksumAlgorithm.CRC64NVME;
      case SHA1 -> DefaultChecksumAlgorithm.SHA1;
      default -> DefaultChecksumAlgorithm.SHA256;
    });
    for (byte[] piece : pieces) {
      checksum.update(piece, 0, piece.length);
    }
    return checksum.getChecksumBytes();
  }

  private static String base64(byte[] value) {
    return Base64.getEncoder().encodeToString(value);
  }

  /** A response's (or Checksum element's) value for {@code algorithm}, by its S3 field name. */
  private static String valueOf(SdkPojo pojo, ChecksumAlgorithm algorithm) {
    String field = "Checksum" + algorithm.toString().replace("_", "");
    return pojo.sdkFields().stream().filter(f -> f.memberName().equals(field)).findFirst()
        .map(f -> (String) f.getValueOrDefault(pojo)).orElseThrow();
  }

  @Test
  void aMismatchingChecksumOfEveryAlgorithmIsBadDigest_AndNothingIsStored() throws Exception {
    byte[] body = "hello, checksums".getBytes(StandardCharsets.UTF_8);
    for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.CRC64_NVME,
        ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
      String key = "bad-" + algorithm;
      String wrong = base64(raw(algorithm, "other bytes".getBytes(StandardCharsets.UTF_8)));
      String header = "x-amz-checksum-" + algorithm.toString().replace("_", "").toLowerCase(Locale.ROOT);
      HttpResponse<String> put = Clients.http("PUT", "/" + bucket + "/" + key, body, header, wrong);
      assertThat(put.statusCode()).as(header).isEqualTo(400);
      assertThat(put.body()).as(header).contains("<Code>BadDigest</Code>");
      assertThat(Clients.http("HEAD", "/" + bucket + "/" + key, null).statusCode()).as(header).isEqualTo(404);
      HttpResponse<String> right = Clients.http("PUT", "/" + bucket + "/" + key, body, header, base64(raw(algorithm, body)));
      assertThat(right.statusCode()).as(header).isEqualTo(200);
    }
  }

  private record Case(ChecksumAlgorithm algorithm, ChecksumType type) {}

  @Test
  void multipartChecksumsOfEveryAlgorithmAndTypeAreS3s_OnCompleteHeadGetAndAttributes() {
    byte[] one = bytes(5 * MIB, 1);
    byte[] two = bytes(1000, 2);
    for (Case c : List.of(new Case(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE),
        new Case(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT), new Case(ChecksumAlgorithm.CRC32_C, ChecksumType.COMPOSITE),
        new Case(ChecksumAlgorithm.CRC32_C, ChecksumType.FULL_OBJECT), new Case(ChecksumAlgorithm.CRC64_NVME, ChecksumType.FULL_OBJECT),
        new Case(ChecksumAlgorithm.SHA1, ChecksumType.COMPOSITE), new Case(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE))) {
      String key = "mpu-" + c.algorithm() + "-" + c.type();
      String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).checksumAlgorithm(c.algorithm())
          .checksumType(c.type())).uploadId();
      List<CompletedPart> parts = List.of(part(key, uploadId, 1, one, c.algorithm()), part(key, uploadId, 2, two, c.algorithm()));
      String expected = c.type() == ChecksumType.FULL_OBJECT ? base64(raw(c.algorithm(), one, two))
          : base64(raw(c.algorithm(), raw(c.algorithm(), one), raw(c.algorithm(), two))) + "-2";

      CompleteMultipartUploadResponse done = s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
      HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
      GetObjectAttributesResponse attributes = s3.getObjectAttributes(r -> r.bucket(bucket).key(key)
          .objectAttributes(ObjectAttributes.CHECKSUM));
      // The SDK checks a FULL_OBJECT checksum against the bytes it reads.
      byte[] read = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).asByteArray();
      // One part, read by its number: that part's checksum, under the object's checksum type.
      HeadObjectResponse secondPart = s3.headObject(r -> r.bucket(bucket).key(key).partNumber(2).checksumMode(ChecksumMode.ENABLED));

      assertThat(valueOf(done, c.algorithm())).as(key).isEqualTo(expected);
      assertThat(done.checksumType()).as(key).isEqualTo(c.type());
      assertThat(valueOf(head, c.algorithm())).as(key).isEqualTo(expected);
      assertThat(head.checksumType()).as(key).isEqualTo(c.type());
      assertThat(valueOf(attributes.checksum(), c.algorithm())).as(key).isEqualTo(expected);
      assertThat(attributes.checksum().checksumType()).as(key).isEqualTo(c.type());
      assertThat(read).hasSize(one.length + two.length);
      assertThat(valueOf(secondPart, c.algorithm())).as(key + " part 2").isEqualTo(base64(raw(c.algorithm(), two)));
      assertThat(secondPart.checksumType()).as(key + " part 2").isEqualTo(c.type());
    }
  }

  private static CompletedPart part(String key, String uploadId, int number, byte[] data, ChecksumAlgorithm algorithm) {
    String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).checksumAlgorithm(algorithm),
        RequestBody.fromBytes(data)).eTag();
    return CompletedPart.builder().partNumber(number).eTag(etag).build();
  }

  @Test
  void aPartUploadedAgainWithAnotherChecksumReplacesIt() {
    String key = "replaced-part.bin";
    String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.SHA256))
        .uploadId();
    byte[] first = bytes(100, 3);
    byte[] second = bytes(100, 4);
    part(key, uploadId, 1, first, ChecksumAlgorithm.SHA256);
    CompletedPart kept = part(key, uploadId, 1, second, ChecksumAlgorithm.SHA256);
    assertThat(s3.listParts(r -> r.bucket(bucket).key(key).uploadId(uploadId)).parts()).singleElement().satisfies(p -> {
      assertThat(p.eTag()).isEqualTo(kept.eTag());
      assertThat(p.checksumSHA256()).isEqualTo(base64(raw(ChecksumAlgorithm.SHA256, second)));
    });
    // A completion stating the replaced part's checksum names a part that is not there.
    CompletedPart stale = kept.toBuilder().checksumSHA256(base64(raw(ChecksumAlgorithm.SHA256, first))).build();
    try {
      s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(stale)));
      throw new AssertionError("completed with the replaced part's checksum");
    } catch (S3Exception e) {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart");
    }
    CompletedPart current = kept.toBuilder().checksumSHA256(base64(raw(ChecksumAlgorithm.SHA256, second))).build();
    assertThat(s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
        .multipartUpload(m -> m.parts(current))).checksumSHA256())
        .isEqualTo(base64(raw(ChecksumAlgorithm.SHA256, raw(ChecksumAlgorithm.SHA256, second))) + "-1");
  }

  @Test
  void aPartNumberReadsThatPart_ASinglePartObjectHasOne_AndBeyondIsInvalidPartNumber() {
    byte[] one = bytes(5 * MIB, 5);
    byte[] two = bytes(1234, 6);
    String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key("parts.bin")).uploadId();
    List<CompletedPart> parts = List.of(part("parts.bin", uploadId, 1, one, ChecksumAlgorithm.CRC32),
        part("parts.bin", uploadId, 2, two, ChecksumAlgorithm.CRC32));
    s3.completeMultipartUpload(r -> r.bucket(bucket).key("parts.bin").uploadId(uploadId).multipartUpload(m -> m.parts(parts)));

    var second = s3.getObjectAsBytes(r -> r.bucket(bucket).key("parts.bin").partNumber(2));
    assertThat(second.asByteArray()).isEqualTo(two);
    assertThat(second.response().partsCount()).isEqualTo(2);
    HeadObjectResponse first = s3.headObject(r -> r.bucket(bucket).key("parts.bin").partNumber(1));
    assertThat(first.contentLength()).isEqualTo(one.length);
    assertThat(first.partsCount()).isEqualTo(2);
    assertInvalidPartNumber("parts.bin", 3);

    byte[] single = bytes(777, 7);
    s3.putObject(r -> r.bucket(bucket).key("single.bin"), RequestBody.fromBytes(single));
    assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("single.bin").partNumber(1)).asByteArray()).isEqualTo(single);
    assertInvalidPartNumber("single.bin", 2);
  }

  private static void assertInvalidPartNumber(String key, int partNumber) {
    try {
      s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).partNumber(partNumber));
      throw new AssertionError("part " + partNumber + " of " + key + " was read");
    } catch (S3Exception e) {
      assertThat(e.statusCode()).isEqualTo(416);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartNumber");
    }
  }

  @Test
  void uploadPartCopyOfANamedSourceVersionCopiesThatVersionsBytes() {
    String versioned = "cksv-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(versioned));
    s3.putBucketVersioning(b -> b.bucket(versioned).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    String old = s3.putObject(r -> r.bucket(versioned).key("src"), RequestBody.fromString("the old bytes")).versionId();
    s3.putObject(r -> r.bucket(versioned).key("src"), RequestBody.fromString("the new bytes"));

    String uploadId = s3.createMultipartUpload(r -> r.bucket(versioned).key("dst")).uploadId();
    String etag = s3.uploadPartCopy(r -> r.sourceBucket(versioned).sourceKey("src").sourceVersionId(old)
        .destinationBucket(versioned).destinationKey("dst").uploadId(uploadId).partNumber(1)).copyPartResult().eTag();
    s3.completeMultipartUpload(r -> r.bucket(versioned).key("dst").uploadId(uploadId)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

    assertThat(s3.getObjectAsBytes(r -> r.bucket(versioned).key("dst")).asUtf8String()).isEqualTo("the old bytes");
    assertThat(etag).isEqualTo("\"" + Clients.md5("the old bytes".getBytes(StandardCharsets.UTF_8)) + "\"");
  }
}
