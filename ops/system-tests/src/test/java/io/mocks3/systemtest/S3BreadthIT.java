package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.Json;
import java.net.URI;
import java.util.Base64;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3.model.Type;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 API beyond the core, through the AWS SDK for Java v2 with its default checksums: copy,
 * batch delete, conditional requests, checksums, tagging, CORS, presigned URLs, multipart listing
 * and part copies, object attributes, bucket policies, public access blocks and ownership controls. Each
 * operation with its documented errors.
 */
@ExtendWith(LocalStackExtension.class)
class S3BreadthIT {
  private static final int MIB = 1024 * 1024;
  private static S3Client s3;
  private static String bucket;

  @BeforeAll
  static void setUp() {
    s3 = Clients.s3();
    bucket = newBucket();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static String newBucket() {
    String name = "breadth-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    return name;
  }

  private static String errorCode(Runnable call) {
    try {
      call.run();
    } catch (S3Exception e) {
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("expected an S3 error");
  }

  private static int status(Runnable call) {
    try {
      call.run();
    } catch (S3Exception e) {
      return e.statusCode();
    }
    return 200;
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void copyKeepsOrReplacesMetadataWithinAndAcrossBuckets() {
    s3.putObject(b -> b.bucket(bucket).key("src.txt").contentType("text/plain").metadata(Map.of("colour", "blue"))
        .tagging("team=storage"), RequestBody.fromString("copy me"));
    String other = newBucket();

    CopyObjectResponse same = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src.txt")
        .destinationBucket(bucket).destinationKey("dir/copy.txt"));
    assertThat(same.copyObjectResult().eTag()).isEqualTo("\"" + Clients.md5("copy me".getBytes(StandardCharsets.UTF_8)) + "\"");
    HeadObjectResponse copied = s3.headObject(b -> b.bucket(bucket).key("dir/copy.txt"));
    assertThat(copied.contentType()).isEqualTo("text/plain");
    assertThat(copied.metadata()).containsEntry("colour", "blue");
    assertThat(copied.tagCount()).isEqualTo(1);

    s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src.txt").destinationBucket(other).destinationKey("moved.txt")
        .metadataDirective(MetadataDirective.REPLACE).contentType("application/x-copy").metadata(Map.of("colour", "red"))
        .taggingDirective(TaggingDirective.REPLACE).tagging("a=1&b=2"));
    ResponseBytes<GetObjectResponse> moved = s3.getObjectAsBytes(b -> b.bucket(other).key("moved.txt"));
    assertThat(moved.asUtf8String()).isEqualTo("copy me");
    assertThat(moved.response().contentType()).isEqualTo("application/x-copy");
    assertThat(moved.response().metadata()).containsExactly(Map.entry("colour", "red"));
    assertThat(s3.getObjectTagging(b -> b.bucket(other).key("moved.txt")).tagSet())
        .extracting(Tag::key).containsExactlyInAnyOrder("a", "b");

    // Deleting the source keeps the copy: blobs are shared, not owned.
    s3.deleteObject(b -> b.bucket(bucket).key("src.txt"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/copy.txt")).asUtf8String()).isEqualTo("copy me");

    assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("dir/copy.txt")
        .destinationBucket(bucket).destinationKey("dir/copy.txt")))).isEqualTo("InvalidRequest");
    assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("missing")
        .destinationBucket(bucket).destinationKey("x")))).isEqualTo("NoSuchKey");
    assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("dir/copy.txt")
        .destinationBucket(bucket).destinationKey("y").copySourceIfMatch("\"0000\"")))).isEqualTo("PreconditionFailed");
    assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("dir/copy.txt")
        .destinationBucket("no-such-bucket-" + UUID.randomUUID()).destinationKey("y")))).isEqualTo("NoSuchBucket");
  }

  @Test
  void copyOfAMultipartObjectIsReadableWholeAndByPart() {
    byte[] part1 = random(5 * MIB);
    byte[] part2 = random(1234);
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp-src")).uploadId();
    String e1 = s3.uploadPart(b -> b.bucket(bucket).key("mp-src").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag();
    String e2 = s3.uploadPart(b -> b.bucket(bucket).key("mp-src").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part2)).eTag();
    s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp-src").uploadId(uploadId).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));

    s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp-src").destinationBucket(bucket).destinationKey("mp-copy"));
    byte[] whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp-copy")).asByteArray();
    assertThat(whole.length).isEqualTo(part1.length + part2.length);
    ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp-copy").partNumber(2));
    assertThat(second.asByteArray()).isEqualTo(part2);
    assertThat(second.response().partsCount()).isEqualTo(2);
    assertThat(errorCode(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp-copy").partNumber(3))))
        .isEqualTo("InvalidPartNumber");

    GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("mp-copy")
        .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE, ObjectAttributes.OBJECT_PARTS,
            ObjectAttributes.STORAGE_CLASS));
    assertThat(attributes.eTag()).endsWith("-2").doesNotContain("\"");
    assertThat(attributes.objectSize()).isEqualTo(part1.length + part2.length);
    assertThat(attributes.objectParts().totalPartsCount()).isEqualTo(2);
    assertThat(attributes.storageClassAsString()).isEqualTo("STANDARD");
  }

  @Test
  void deleteObjectsRemovesABatchAndReportsEachKey() {
    List<ObjectIdentifier> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String key = "batch/" + i;
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
      ids.add(ObjectIdentifier.builder().key(key).build());
    }
    ids.add(ObjectIdentifier.builder().key("batch/never-existed").build());

    DeleteObjectsResponse verbose = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids.subList(0, 30))));
    assertThat(verbose.deleted()).hasSize(30);
    assertThat(verbose.errors()).isEmpty();
    DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids.subList(30, ids.size())).quiet(true)));
    assertThat(quiet.deleted()).isEmpty();
    assertThat(quiet.errors()).isEmpty();
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("batch/")).contents()).isEmpty();
  }

  @Test
  void conditionalReadsAnswer304And412() {
    PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("cond.txt"), RequestBody.fromString("v1"));
    String etag = put.eTag();
    Instant modified = s3.headObject(b -> b.bucket(bucket).key("cond.txt")).lastModified();

    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond.txt").ifMatch(etag)).asUtf8String()).isEqualTo("v1");
    assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond.txt").ifNoneMatch(etag)))).isEqualTo(304);
    assertThat(status(() -> s3.headObject(b -> b.bucket(bucket).key("cond.txt").ifNoneMatch(etag)))).isEqualTo(304);
    assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond.txt").ifMatch("\"nope\"")))).isEqualTo(412);
    assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond.txt").ifModifiedSince(modified)))).isEqualTo(304);
    assertThat(status(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond.txt")
        .ifUnmodifiedSince(modified.minusSeconds(3600))))).isEqualTo(412);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond.txt").ifModifiedSince(modified.minusSeconds(3600)))
        .asUtf8String()).isEqualTo("v1");
  }

  @Test
  void conditionalWritesLetExactlyOneOfManyRacingCreatorsWin() throws Exception {
    String key = "race-" + UUID.randomUUID();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Integer>> outcomes = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = "writer-" + i;
        Callable<Integer> write = () -> status(() -> s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"),
            RequestBody.fromString(body)));
        outcomes.add(pool.submit(write));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : outcomes) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(200, 412);
      assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
    String winner = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    assertThat(winner).startsWith("writer-");

    String etag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag();
    assertThat(errorCode(() -> s3.putObject(b -> b.bucket(bucket).key(key).ifMatch("\"0000\""), RequestBody.fromString("x"))))
        .isEqualTo("PreconditionFailed");
    s3.putObject(b -> b.bucket(bucket).key(key).ifMatch(etag), RequestBody.fromString("replaced"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("replaced");
    assertThat(errorCode(() -> s3.putObject(b -> b.bucket(bucket).key("absent-" + key).ifMatch(etag), RequestBody.fromString("x"))))
        .isEqualTo("NoSuchKey");
  }

  @Test
  void checksumsAreVerifiedStoredAndReturned() {
    byte[] body = "checksummed bytes".getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(body);
    String crc32 = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());

    // SDK default: CRC32 in an aws-chunked trailer.
    PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("sum.txt"), RequestBody.fromBytes(body));
    assertThat(put.checksumCRC32()).isEqualTo(crc32);
    GetObjectResponse got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("sum.txt").checksumMode(ChecksumMode.ENABLED)).response();
    assertThat(got.checksumCRC32()).isEqualTo(crc32);

    for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.CRC32_C,
        ChecksumAlgorithm.CRC64_NVME)) {
      s3.putObject(b -> b.bucket(bucket).key("sum-" + algorithm).checksumAlgorithm(algorithm), RequestBody.fromBytes(body));
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("sum-" + algorithm).checksumMode(ChecksumMode.ENABLED));
      String stored = switch (algorithm) {
        case SHA256 -> head.checksumSHA256();
        case SHA1 -> head.checksumSHA1();
        case CRC32_C -> head.checksumCRC32C();
        default -> head.checksumCRC64NVME();
      };
      assertThat(stored).as(algorithm.toString()).isNotBlank();
      // The SDK validates the checksum of what it reads against the stored one.
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("sum-" + algorithm).checksumMode(ChecksumMode.ENABLED))
          .asByteArray()).isEqualTo(body);
    }

    assertThat(errorCode(() -> s3.putObject(b -> b.bucket(bucket).key("bad-sum").checksumCRC32("AAAAAA=="),
        RequestBody.fromBytes(body)))).isEqualTo("BadDigest");
    assertThat(status(() -> s3.headObject(b -> b.bucket(bucket).key("bad-sum")))).as("a bad body stores nothing").isEqualTo(404);
  }

  @Test
  void multipartListingPartCopiesAndCompositeChecksums() {
    byte[] source = random(6 * MIB);
    s3.putObject(b -> b.bucket(bucket).key("part-source"), RequestBody.fromBytes(source));
    String key = "assembled-" + UUID.randomUUID();
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
    String other = s3.createMultipartUpload(b -> b.bucket(bucket).key("zz-other")).uploadId();

    String e1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("part-source").destinationBucket(bucket)
        .destinationKey(key).uploadId(uploadId).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1))).copyPartResult().eTag();
    byte[] tail = random(777);
    var p2 = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(2).checksumAlgorithm(ChecksumAlgorithm.CRC32),
        RequestBody.fromBytes(tail));
    assertThat(p2.checksumCRC32()).isNotBlank();

    ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    assertThat(parts.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
    assertThat(parts.parts().get(0).size()).isEqualTo(5L * MIB);
    assertThat(parts.parts().get(1).checksumCRC32()).isEqualTo(p2.checksumCRC32());
    ListPartsResponse page = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).maxParts(1));
    assertThat(page.isTruncated()).isTrue();
    assertThat(page.nextPartNumberMarker()).isEqualTo(1);

    ListMultipartUploadsResponse uploads = s3.listMultipartUploads(b -> b.bucket(bucket));
    assertThat(uploads.uploads()).extracting(u -> u.uploadId()).contains(uploadId, other);
    assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix("zz-")).uploads())
        .extracting(u -> u.key()).containsExactly("zz-other");
    assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(1)).isTruncated()).isTrue();

    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(e1).build(),
        CompletedPart.builder().partNumber(2).eTag(p2.eTag()).checksumCRC32(p2.checksumCRC32()).build())));
    byte[] whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).asByteArray();
    byte[] expected = new byte[5 * MIB + tail.length];
    System.arraycopy(source, 0, expected, 0, 5 * MIB);
    System.arraycopy(tail, 0, expected, 5 * MIB, tail.length);
    assertThat(whole).isEqualTo(expected);
    assertThat(errorCode(() -> s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)))).isEqualTo("NoSuchUpload");
    s3.abortMultipartUpload(b -> b.bucket(bucket).key("zz-other").uploadId(other));
  }

  @Test
  void listBucketsPagesByMaxBucketsAndPrefix() {
    for (String name : List.of("pages-b", "pages-a", "pages-c")) {
      s3.createBucket(b -> b.bucket(name));
    }
    ListBucketsResponse first = s3.listBuckets(b -> b.prefix("pages-").maxBuckets(2));
    assertThat(first.buckets()).extracting(Bucket::name).containsExactly("pages-a", "pages-b");
    assertThat(first.prefix()).isEqualTo("pages-");
    assertThat(first.continuationToken()).isNotBlank();
    ListBucketsResponse last = s3.listBuckets(b -> b.prefix("pages-").maxBuckets(2).continuationToken(first.continuationToken()));
    assertThat(last.buckets()).extracting(Bucket::name).containsExactly("pages-c");
    assertThat(last.continuationToken()).isNull();
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("pages-a", "pages-b", "pages-c");
    assertThat(errorCode(() -> s3.listBuckets(b -> b.maxBuckets(0)))).isEqualTo("InvalidArgument");
    assertThat(errorCode(() -> s3.listBuckets(b -> b.continuationToken("***")))).isEqualTo("InvalidArgument");
  }

  @Test
  void objectAndBucketTagging() {
    s3.putObject(b -> b.bucket(bucket).key("tagged"), RequestBody.fromString("t"));
    s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(
        Tag.builder().key("env").value("test").build(), Tag.builder().key("owner").value("ann").build(),
        Tag.builder().key("Hello").value("World").build())));
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet())
        .as("in the order of their keys, as written in no other order (the read model's JSON keeps none)")
        .extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("Hello", "World"),
            org.assertj.core.groups.Tuple.tuple("env", "test"), org.assertj.core.groups.Tuple.tuple("owner", "ann"));
    s3.deleteObjectTagging(b -> b.bucket(bucket).key("tagged"));
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tagged")).tagSet()).isEmpty();
    assertThat(errorCode(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("no-such-key").tagging(t -> t.tagSet(
        Tag.builder().key("a").value("b").build()))))).isEqualTo("NoSuchKey");
    List<Tag> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(Tag.builder().key("k" + i).value("v").build());
    }
    assertThat(errorCode(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(eleven)))))
        .isEqualTo("InvalidTag");

    String tagged = newBucket();
    assertThat(errorCode(() -> s3.getBucketTagging(b -> b.bucket(tagged)))).isEqualTo("NoSuchTagSet");
    s3.putBucketTagging(b -> b.bucket(tagged).tagging(t -> t.tagSet(Tag.builder().key("cost-centre").value("42").build())));
    assertThat(s3.getBucketTagging(b -> b.bucket(tagged)).tagSet()).extracting(Tag::value).containsExactly("42");
    s3.deleteBucketTagging(b -> b.bucket(tagged));
    assertThat(errorCode(() -> s3.getBucketTagging(b -> b.bucket(tagged)))).isEqualTo("NoSuchTagSet");
  }

  @Test
  void corsConfigurationDrivesPreflightAndResponses() throws Exception {
    String cors = newBucket();
    assertThat(errorCode(() -> s3.getBucketCors(b -> b.bucket(cors)))).isEqualTo("NoSuchCORSConfiguration");
    s3.putBucketCors(b -> b.bucket(cors).corsConfiguration(c -> c.corsRules(r -> r.allowedOrigins("https://app.example.com")
        .allowedMethods("GET", "PUT").allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(600))));
    assertThat(s3.getBucketCors(b -> b.bucket(cors)).corsRules().get(0).allowedMethods()).containsExactly("GET", "PUT");

    HttpResponse<String> allowed = Clients.http("OPTIONS", "/" + cors + "/file.txt", null,
        "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
        "Access-Control-Request-Headers", "content-type,x-amz-date");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type, x-amz-date");

    HttpResponse<String> denied = Clients.http("OPTIONS", "/" + cors + "/file.txt", null,
        "Origin", "https://evil.example.org", "Access-Control-Request-Method", "PUT");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("<Code>AccessForbidden</Code>");

    s3.putObject(b -> b.bucket(cors).key("file.txt"), RequestBody.fromString("cors"));
    HttpResponse<String> get = Clients.http("GET", "/" + cors + "/file.txt", null, "Origin", "https://app.example.com");
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    assertThat(get.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");

    s3.deleteBucketCors(b -> b.bucket(cors));
    assertThat(Clients.http("OPTIONS", "/" + cors + "/file.txt", null,
        "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET").statusCode()).isEqualTo(403);
  }

  @Test
  void presignedUrlsWorkUntilTheyExpire() throws Exception {
    s3.putObject(b -> b.bucket(bucket).key("shared.txt").contentType("text/plain"), RequestBody.fromString("presigned"));
    try (S3Presigner presigner = S3Presigner.builder()
        .endpointOverride(LocalStackExtension.gateway())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build()) {
      URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket(bucket).key("shared.txt").responseContentDisposition("attachment"))).url().toURI();
      String pathAndQuery = url.getRawPath() + "?" + url.getRawQuery();
      HttpResponse<String> ok = Clients.http("GET", pathAndQuery, null);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("presigned");
      assertThat(ok.headers().firstValue("Content-Disposition")).hasValue("attachment");

      // The same URL as if signed an hour ago with a five-minute lifetime.
      String hourAgo = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
          .format(Instant.now().minusSeconds(3600));
      HttpResponse<String> expired = Clients.http("GET", pathAndQuery.replaceAll("X-Amz-Date=[0-9TZ]+", "X-Amz-Date=" + hourAgo), null);
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.body()).contains("<Code>AccessDenied</Code>", "Request has expired");

      URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .putObjectRequest(r -> r.bucket(bucket).key("uploaded.txt"))).url().toURI();
      assertThat(Clients.http("PUT", put.getRawPath() + "?" + put.getRawQuery(), "via url".getBytes(StandardCharsets.UTF_8))
          .statusCode()).isEqualTo(200);
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploaded.txt")).asUtf8String()).isEqualTo("via url");
    }
  }

  @Test
  void responseOverridesAndStoredHeadersRoundTrip() {
    s3.putObject(b -> b.bucket(bucket).key("headers.bin").contentType("application/octet-stream").contentEncoding("identity")
        .contentLanguage("en").cacheControl("max-age=60").expires(Instant.parse("2030-01-01T00:00:00Z")),
        RequestBody.fromString("h"));
    GetObjectResponse plain = s3.getObjectAsBytes(b -> b.bucket(bucket).key("headers.bin")).response();
    assertThat(plain.contentEncoding()).isEqualTo("identity");
    assertThat(plain.contentLanguage()).isEqualTo("en");
    assertThat(plain.cacheControl()).isEqualTo("max-age=60");
    assertThat(plain.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));

    GetObjectResponse overridden = s3.getObjectAsBytes(b -> b.bucket(bucket).key("headers.bin")
        .responseContentType("text/csv").responseCacheControl("no-store").responseContentDisposition("inline")).response();
    assertThat(overridden.contentType()).isEqualTo("text/csv");
    assertThat(overridden.cacheControl()).isEqualTo("no-store");
    assertThat(overridden.contentDisposition()).isEqualTo("inline");
  }

  @Test
  void identicalContentIsStoredOnceOnEachNodeAndDeletingOneNameKeepsTheOthers() throws Exception {
    byte[] body = random(1024 * 1024 + 7);
    String other = newBucket();
    s3.putObject(b -> b.bucket(bucket).key("dedup/one"), RequestBody.fromBytes(body));
    s3.putObject(b -> b.bucket(other).key("dedup/two"), RequestBody.fromBytes(body));
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
    for (String node : List.of("storage-node-1", "storage-node-2")) {
      java.nio.file.Path content = LocalStackExtension.layout().data(node).resolve("content").resolve(sha.substring(0, 2)).resolve(sha);
      // Exactly 3 names for the bytes: the content entry and the blob of each object (no one else writes this size).
      // A strong PUT waits for one node's acknowledgement (write quorum 1): the other may not have the file yet.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .ignoreException(java.nio.file.NoSuchFileException.class).untilAsserted(() ->
          assertThat((Integer) java.nio.file.Files.getAttribute(content, "unix:nlink")).as(node).isEqualTo(3));
    }
    s3.deleteObject(b -> b.bucket(bucket).key("dedup/one"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(other).key("dedup/two")).asByteArray()).isEqualTo(body);
  }

  @Test
  void aclsAreStoredAndAnsweredPerBucketAndPerVersion() throws Exception {
    String name = "acls-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    var bucketAcl = s3.getBucketAcl(b -> b.bucket(name));
    String owner = bucketAcl.owner().id();
    assertThat(bucketAcl.grants()).singleElement().satisfies(g -> {
      assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
      assertThat(g.grantee().id()).isEqualTo(owner);
    });
    s3.putBucketAcl(b -> b.bucket(name).acl(BucketCannedACL.PUBLIC_READ));
    assertThat(s3.getBucketAcl(b -> b.bucket(name)).grants()).extracting(g -> g.permission() + " " + g.grantee().typeAsString()
        + " " + (g.grantee().uri() != null ? g.grantee().uri() : g.grantee().id()))
        .containsExactly("READ Group http://acs.amazonaws.com/groups/global/AllUsers", "FULL_CONTROL CanonicalUser " + owner);

    String first = s3.putObject(b -> b.bucket(name).key("doc").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("1"))
        .versionId();
    s3.putObject(b -> b.bucket(name).key("doc"), RequestBody.fromString("2"));
    assertThat(s3.getObjectAcl(b -> b.bucket(name).key("doc")).grants()).hasSize(1);
    assertThat(s3.getObjectAcl(b -> b.bucket(name).key("doc").versionId(first)).grants()).hasSize(2);
    assertThat(Clients.http("HEAD", "/" + name + "/doc?versionId=" + first, null).headers().map())
        .as("an ACL is never answered as a header").doesNotContainKeys("x-amz-acl", "x-amz-grant-read");
    s3.putObjectAcl(b -> b.bucket(name).key("doc").accessControlPolicy(p -> p.owner(o -> o.id(owner)).grants(
        Grant.builder().grantee(g -> g.type(Type.GROUP).uri("http://acs.amazonaws.com/groups/global/AuthenticatedUsers"))
            .permission(Permission.READ).build())));
    assertThat(s3.getObjectAcl(b -> b.bucket(name).key("doc")).grants()).singleElement()
        .satisfies(g -> assertThat(g.grantee().uri()).endsWith("/AuthenticatedUsers"));
    s3.copyObject(b -> b.sourceBucket(name).sourceKey("doc").destinationBucket(name).destinationKey("copy"));
    assertThat(s3.getObjectAcl(b -> b.bucket(name).key("copy")).grants()).as("a copy takes its request's ACL, not the source's")
        .singleElement().satisfies(g -> assertThat(g.grantee().id()).isEqualTo(owner));

    HttpResponse<String> unknown = Clients.http("PUT", "/" + name + "?acl", null, "x-amz-acl", "public-ready");
    assertThat(unknown.body()).contains("<Code>InvalidArgument</Code>");
    assertThat(errorCode(() -> s3.putObjectAcl(b -> b.bucket(name).key("doc").grantRead("emailAddress=\"nobody@example.com\""))))
        .isEqualTo("UnresolvableGrantByEmailAddress");
    assertThat(errorCode(() -> s3.putObjectAcl(b -> b.bucket(name).key("doc").grantRead("id=\"_foo\""))))
        .isEqualTo("InvalidArgument");
    assertThat(errorCode(() -> s3.getObjectAcl(b -> b.bucket(name).key("no-such-key")))).isEqualTo("NoSuchKey");
  }

  @Test
  void publicAccessBlocksAndBucketOwnerEnforcedRefuseAclsAsS3Does() {
    String name = "acls-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    s3.putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)));
    assertThat(status(() -> s3.putObject(b -> b.bucket(name).key("public").acl(ObjectCannedACL.PUBLIC_READ),
        RequestBody.fromString("x")))).isEqualTo(403);
    s3.putObject(b -> b.bucket(name).key("private").acl(ObjectCannedACL.PRIVATE), RequestBody.fromString("x"));
    assertThat(Clients.keys(s3, name)).containsExactly("private");
    s3.deletePublicAccessBlock(b -> b.bucket(name));

    s3.putBucketAcl(b -> b.bucket(name).acl(BucketCannedACL.PUBLIC_READ));
    assertThat(errorCode(() -> s3.putBucketOwnershipControls(b -> b.bucket(name).ownershipControls(o -> o.rules(
        r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))))).isEqualTo("InvalidBucketAclWithObjectOwnership");
    s3.putBucketAcl(b -> b.bucket(name).acl(BucketCannedACL.PRIVATE));
    s3.putBucketOwnershipControls(b -> b.bucket(name).ownershipControls(o -> o.rules(
        r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
    assertThat(errorCode(() -> s3.putBucketAcl(b -> b.bucket(name).acl(BucketCannedACL.PUBLIC_READ))))
        .isEqualTo("AccessControlListNotSupported");
  }

  @Test
  void policiesPublicAccessBlocksAndOwnershipControlsAreStoredAndAnswered() throws Exception {
    String name = "controls-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
    assertThat(s3.getBucketOwnershipControls(b -> b.bucket(name)).ownershipControls().rules())
        .singleElement().satisfies(r -> assertThat(r.objectOwnership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_PREFERRED));
    s3.putBucketOwnershipControls(b -> b.bucket(name).ownershipControls(o -> o.rules(
        r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
    assertThat(s3.getBucketOwnershipControls(b -> b.bucket(name)).ownershipControls().rules().get(0).objectOwnership())
        .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    s3.deleteBucketOwnershipControls(b -> b.bucket(name));
    assertThat(errorCode(() -> s3.getBucketOwnershipControls(b -> b.bucket(name)))).isEqualTo("OwnershipControlsNotFoundError");
    HttpResponse<String> badOwnership = Clients.http("PUT", "/" + name + "?ownershipControls",
        "<OwnershipControls><Rule><ObjectOwnership>Everyone</ObjectOwnership></Rule></OwnershipControls>".getBytes());
    assertThat(badOwnership.body()).contains("<Code>MalformedXML</Code>");

    assertThat(errorCode(() -> s3.getPublicAccessBlock(b -> b.bucket(name)))).isEqualTo("NoSuchPublicAccessBlockConfiguration");
    s3.putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
        .ignorePublicAcls(true)));
    var block = s3.getPublicAccessBlock(b -> b.bucket(name)).publicAccessBlockConfiguration();
    assertThat(block.blockPublicAcls()).isTrue();
    assertThat(block.blockPublicPolicy()).isFalse();
    s3.deletePublicAccessBlock(b -> b.bucket(name));
    assertThat(errorCode(() -> s3.getPublicAccessBlock(b -> b.bucket(name)))).isEqualTo("NoSuchPublicAccessBlockConfiguration");

    assertThat(errorCode(() -> s3.getBucketPolicy(b -> b.bucket(name)))).isEqualTo("NoSuchBucketPolicy");
    assertThat(s3.getBucketPolicyStatus(b -> b.bucket(name)).policyStatus().isPublic()).isFalse();
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + name + "/*\"}]}";
    s3.putBucketPolicy(b -> b.bucket(name).policy(policy));
    assertThat(Json.mapper().readTree(s3.getBucketPolicy(b -> b.bucket(name)).policy()))
        .isEqualTo(Json.mapper().readTree(policy));
    assertThat(s3.getBucketPolicyStatus(b -> b.bucket(name)).policyStatus().isPublic()).isTrue();
    assertThat(errorCode(() -> s3.putBucketPolicy(b -> b.bucket(name).policy("not json")))).isEqualTo("MalformedPolicy");
    assertThat(Json.mapper().readTree(s3.getBucketPolicy(b -> b.bucket(name)).policy()))
        .as("a refused policy leaves the stored one").isEqualTo(Json.mapper().readTree(policy));
    s3.deleteBucketPolicy(b -> b.bucket(name));
    assertThat(errorCode(() -> s3.getBucketPolicy(b -> b.bucket(name)))).isEqualTo("NoSuchBucketPolicy");
  }

  @Test
  void serverSideEncryptionIsAnsweredAsNamedByTheWriteOrTheBucketsDefault() throws Exception {
    String name = "sse-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    assertThat(s3.putObject(b -> b.bucket(name).key("plain"), RequestBody.fromString("x")).serverSideEncryption())
        .as("S3 encrypts every object with SSE-S3 since 2023").isEqualTo(ServerSideEncryption.AES256);
    assertThat(s3.headObject(b -> b.bucket(name).key("plain")).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    var kms = s3.putObject(b -> b.bucket(name).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("key-1"),
        RequestBody.fromString("x"));
    assertThat(kms.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(kms.ssekmsKeyId()).isEqualTo("key-1");
    HeadObjectResponse head = s3.headObject(b -> b.bucket(name).key("kms"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).isEqualTo("key-1");
    var copy = s3.copyObject(b -> b.sourceBucket(name).sourceKey("kms").destinationBucket(name).destinationKey("copy"));
    assertThat(copy.serverSideEncryption()).as("a copy takes its request's encryption, not the source's")
        .isEqualTo(ServerSideEncryption.AES256);
    var inPlace = s3.copyObject(b -> b.sourceBucket(name).sourceKey("copy").destinationBucket(name).destinationKey("copy")
        .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("key-2"));
    assertThat(inPlace.ssekmsKeyId()).as("copying in place to change the encryption is a change").isEqualTo("key-2");
    assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(name).sourceKey("copy").destinationBucket(name)
        .destinationKey("copy")))).isEqualTo("InvalidRequest");

    assertThat(errorCode(() -> s3.getBucketEncryption(b -> b.bucket(name)))).isEqualTo("ServerSideEncryptionConfigurationNotFoundError");
    s3.putBucketEncryption(b -> b.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(r -> r.applyServerSideEncryptionByDefault(
        d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("bucket-key")).bucketKeyEnabled(true))));
    var rule = s3.getBucketEncryption(b -> b.bucket(name)).serverSideEncryptionConfiguration().rules().get(0);
    assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo("bucket-key");
    assertThat(rule.bucketKeyEnabled()).isTrue();
    var defaulted = s3.putObject(b -> b.bucket(name).key("defaulted"), RequestBody.fromString("x"));
    assertThat(defaulted.ssekmsKeyId()).isEqualTo("bucket-key");
    assertThat(s3.getObjectAsBytes(b -> b.bucket(name).key("defaulted")).response().bucketKeyEnabled()).isTrue();
    s3.deleteBucketEncryption(b -> b.bucket(name));
    assertThat(errorCode(() -> s3.getBucketEncryption(b -> b.bucket(name)))).isEqualTo("ServerSideEncryptionConfigurationNotFoundError");

    HttpResponse<String> unknown = Clients.http("PUT", "/" + name + "/bad", "x".getBytes(), "x-amz-server-side-encryption", "aes:kms");
    assertThat(unknown.body()).contains("<Code>InvalidArgument</Code>");
    HttpResponse<String> keyAlone = Clients.http("PUT", "/" + name + "/bad", "x".getBytes(),
        "x-amz-server-side-encryption-aws-kms-key-id", "key-1");
    assertThat(keyAlone.body()).contains("<Code>InvalidArgument</Code>");
    assertThat(Clients.keys(s3, name)).containsExactlyInAnyOrder("plain", "kms", "copy", "defaulted");
  }

  @Test
  void anObjectWrittenWithACustomerKeyIsReadOnlyWithThatKey() {
    String name = "ssec-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    byte[] keyA = new byte[32];
    byte[] keyB = new byte[32];
    keyB[0] = 1;
    String a = Base64.getEncoder().encodeToString(keyA);
    String b64 = Base64.getEncoder().encodeToString(keyB);
    String md5A = Base64.getEncoder().encodeToString(Clients.md5Bytes(keyA));
    String md5B = Base64.getEncoder().encodeToString(Clients.md5Bytes(keyB));
    var put = s3.putObject(b -> b.bucket(name).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(a).sseCustomerKeyMD5(md5A),
        RequestBody.fromString("diary"));
    assertThat(put.sseCustomerKeyMD5()).isEqualTo(md5A);
    assertThat(put.serverSideEncryption()).isNull();

    assertThat(errorCode(() -> s3.getObjectAsBytes(b -> b.bucket(name).key("secret")))).isEqualTo("InvalidRequest");
    assertThat(errorCode(() -> s3.getObjectAsBytes(b -> b.bucket(name).key("secret").sseCustomerAlgorithm("AES256")
        .sseCustomerKey(b64).sseCustomerKeyMD5(md5B)))).isEqualTo("AccessDenied");
    var read = s3.getObjectAsBytes(b -> b.bucket(name).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(a)
        .sseCustomerKeyMD5(md5A));
    assertThat(read.asUtf8String()).isEqualTo("diary");
    assertThat(read.response().sseCustomerAlgorithm()).isEqualTo("AES256");
    assertThat(errorCode(() -> s3.putObject(b -> b.bucket(name).key("bad-md5").sseCustomerAlgorithm("AES256").sseCustomerKey(a)
        .sseCustomerKeyMD5(md5B), RequestBody.fromString("x")))).isEqualTo("InvalidArgument");

    assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(name).sourceKey("secret").destinationBucket(name)
        .destinationKey("copy")))).isEqualTo("InvalidRequest");
    var copy = s3.copyObject(b -> b.sourceBucket(name).sourceKey("secret").destinationBucket(name).destinationKey("copy")
        .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(a).copySourceSSECustomerKeyMD5(md5A));
    assertThat(copy.serverSideEncryption()).as("the copy names no key: SSE-S3").isEqualTo(ServerSideEncryption.AES256);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(name).key("copy")).asUtf8String()).isEqualTo("diary");
    assertThat(Clients.keys(s3, name)).containsExactlyInAnyOrder("secret", "copy");
  }

  @Test
  void anUploadAndItsPartsAnswerItsEncryptionAndTakeOnlyItsCustomerKey() {
    String name = "ssec-mp-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    byte[] keyB = new byte[32];
    keyB[0] = 1;
    String a = Base64.getEncoder().encodeToString(new byte[32]);
    String b64 = Base64.getEncoder().encodeToString(keyB);
    String md5A = Base64.getEncoder().encodeToString(Clients.md5Bytes(new byte[32]));
    String md5B = Base64.getEncoder().encodeToString(Clients.md5Bytes(keyB));
    s3.putObject(b -> b.bucket(name).key("source"), RequestBody.fromString("copied"));
    var created = s3.createMultipartUpload(b -> b.bucket(name).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(a)
        .sseCustomerKeyMD5(md5A));
    assertThat(created.sseCustomerKeyMD5()).isEqualTo(md5A);
    String upload = created.uploadId();

    assertThat(errorCode(() -> s3.uploadPart(b -> b.bucket(name).key("secret").uploadId(upload).partNumber(1),
        RequestBody.fromString("one")))).as("a part without the upload's key").isEqualTo("InvalidRequest");
    assertThat(errorCode(() -> s3.uploadPart(b -> b.bucket(name).key("secret").uploadId(upload).partNumber(1)
        .sseCustomerAlgorithm("AES256").sseCustomerKey(b64).sseCustomerKeyMD5(md5B), RequestBody.fromString("one"))))
        .as("a part with another key").isEqualTo("InvalidRequest");
    var part = s3.uploadPart(b -> b.bucket(name).key("secret").uploadId(upload).partNumber(1)
        .sseCustomerAlgorithm("AES256").sseCustomerKey(a).sseCustomerKeyMD5(md5A), RequestBody.fromString("one"));
    assertThat(part.sseCustomerAlgorithm()).isEqualTo("AES256");
    assertThat(part.sseCustomerKeyMD5()).isEqualTo(md5A);
    assertThat(errorCode(() -> s3.uploadPartCopy(b -> b.sourceBucket(name).sourceKey("source").destinationBucket(name)
        .destinationKey("secret").uploadId(upload).partNumber(2)))).isEqualTo("InvalidRequest");
    var copied = s3.uploadPartCopy(b -> b.sourceBucket(name).sourceKey("source").destinationBucket(name).destinationKey("secret")
        .uploadId(upload).partNumber(2).sseCustomerAlgorithm("AES256").sseCustomerKey(a).sseCustomerKeyMD5(md5A));
    assertThat(copied.sseCustomerKeyMD5()).isEqualTo(md5A);
    // The copied part alone (a part but the last is 5 MiB at least).
    var parts = List.of(CompletedPart.builder().partNumber(2).eTag(copied.copyPartResult().eTag()).build());
    assertThat(errorCode(() -> s3.completeMultipartUpload(b -> b.bucket(name).key("secret").uploadId(upload)
        .multipartUpload(m -> m.parts(parts)).sseCustomerAlgorithm("AES256").sseCustomerKey(b64).sseCustomerKeyMD5(md5B))))
        .as("a completion stating another key").isEqualTo("InvalidRequest");
    s3.completeMultipartUpload(b -> b.bucket(name).key("secret").uploadId(upload).multipartUpload(m -> m.parts(parts))
        .sseCustomerAlgorithm("AES256").sseCustomerKey(a).sseCustomerKeyMD5(md5A));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(name).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(a)
        .sseCustomerKeyMD5(md5A)).asUtf8String()).isEqualTo("copied");

    var createdKms = s3.createMultipartUpload(b -> b.bucket(name).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS)
        .ssekmsKeyId("key-1"));
    assertThat(createdKms.ssekmsKeyId()).isEqualTo("key-1");
    String kms = createdKms.uploadId();
    var kmsPart = s3.uploadPart(b -> b.bucket(name).key("kms").uploadId(kms).partNumber(1), RequestBody.fromString("k"));
    assertThat(kmsPart.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(kmsPart.ssekmsKeyId()).isEqualTo("key-1");
    assertThat(errorCode(() -> s3.uploadPart(b -> b.bucket(name).key("kms").uploadId(kms).partNumber(2)
        .sseCustomerAlgorithm("AES256").sseCustomerKey(a).sseCustomerKeyMD5(md5A), RequestBody.fromString("k"))))
        .as("a customer key for an upload created without one").isEqualTo("InvalidRequest");
    var kmsCopy = s3.uploadPartCopy(b -> b.sourceBucket(name).sourceKey("source").destinationBucket(name).destinationKey("kms")
        .uploadId(kms).partNumber(2));
    assertThat(kmsCopy.ssekmsKeyId()).isEqualTo("key-1");
    s3.abortMultipartUpload(b -> b.bucket(name).key("kms").uploadId(kms));
  }

  @Test
  void unsupportedSubResourcesAnswerNotImplemented() throws Exception {
    HttpResponse<String> response = Clients.http("GET", "/" + bucket + "?website", null);
    assertThat(response.statusCode()).isEqualTo(501);
    assertThat(response.body()).contains("<Code>NotImplemented</Code>");
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
  }
}
