package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bucket versioning through the AWS SDK for Java v2: version ids, delete markers, reads and deletes
 * by version, ListObjectVersions with its markers, suspended buckets, and the documented errors.
 */
@ExtendWith(LocalStackExtension.class)
class S3VersioningIT {
  private static S3Client s3;

  @BeforeAll
  static void setUp() {
    s3 = Clients.s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static String newBucket(BucketVersioningStatus status) {
    String name = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(name));
    if (status != null) {
      s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(status)));
    }
    return name;
  }

  private static String read(String bucket, String key, String versionId) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
  }

  private static S3Exception failure(Runnable call) {
    S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
    assertThat(e).as("an S3 error").isNotNull();
    return e;
  }

  @Test
  void versioningStatusIsEmptyUntilEnabledAndCanBeSuspendedButNeverCleared() {
    String bucket = newBucket(null);
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);

    assertThat(failure(() -> s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Sometimes"))))
        .awsErrorDetails().errorCode()).isEqualTo("MalformedXML");
    assertThat(failure(() -> s3.getBucketVersioning(b -> b.bucket("no-such-bucket-" + UUID.randomUUID())))
        .awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
  }

  @Test
  void everyWriteToAVersionedBucketKeepsTheOldVersionsReadableByTheirIds() {
    String bucket = newBucket(BucketVersioningStatus.ENABLED);
    PutObjectResponse first = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one"));
    PutObjectResponse second = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("two"));
    assertThat(first.versionId()).isNotBlank().isNotEqualTo("null").isNotEqualTo(second.versionId());

    assertThat(read(bucket, "doc", null)).isEqualTo("two");
    assertThat(read(bucket, "doc", first.versionId())).isEqualTo("one");
    assertThat(s3.headObject(b -> b.bucket(bucket).key("doc").versionId(first.versionId())).versionId())
        .isEqualTo(first.versionId());
    String latest = s3.getObject(b -> b.bucket(bucket).key("doc"), (r, in) -> r.versionId());
    assertThat(latest).isEqualTo(second.versionId());

    assertThat(failure(() -> read(bucket, "doc", UUID.randomUUID().toString())).awsErrorDetails().errorCode())
        .isEqualTo("NoSuchVersion");
    assertThat(failure(() -> read(bucket, "doc", "not-a-version")).awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");

    // A copy can name a source version.
    s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("doc").sourceVersionId(first.versionId())
        .destinationBucket(bucket).destinationKey("copy"));
    assertThat(read(bucket, "copy", null)).isEqualTo("one");
  }

  @Test
  void aDeleteAddsAMarkerThatHidesTheKeyUntilTheMarkerItselfIsDeleted() {
    String bucket = newBucket(BucketVersioningStatus.ENABLED);
    PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("kept"));

    DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
    assertThat(deleted.deleteMarker()).isTrue();
    assertThat(deleted.versionId()).isNotBlank().isNotEqualTo(put.versionId());

    S3Exception hidden = failure(() -> read(bucket, "doc", null));
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(hidden.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
    assertThat(hidden.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).hasValue("true");
    assertThat(failure(() -> read(bucket, "doc", deleted.versionId())).statusCode()).isEqualTo(405);
    assertThat(read(bucket, "doc", put.versionId())).isEqualTo("kept");
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();

    // Deleting the marker by its id brings the object back.
    DeleteObjectResponse unmarked = s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(deleted.versionId()));
    assertThat(unmarked.deleteMarker()).isTrue();
    assertThat(read(bucket, "doc", null)).isEqualTo("kept");

    // A versioned bucket is empty only when every version is gone.
    assertThat(failure(() -> s3.deleteBucket(b -> b.bucket(bucket))).awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
    s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(put.versionId()));
    assertThat(failure(() -> read(bucket, "doc", null)).awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
    s3.deleteBucket(b -> b.bucket(bucket));
  }

  @Test
  void listObjectVersionsShowsVersionsNewestFirstWithMarkersAndPages() {
    String bucket = newBucket(BucketVersioningStatus.ENABLED);
    String a1 = s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a1")).versionId();
    String a2 = s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a22")).versionId();
    String b1 = s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("b1")).versionId();
    String marker = s3.deleteObject(b -> b.bucket(bucket).key("b")).versionId();
    s3.putObject(b -> b.bucket(bucket).key("dir/c"), RequestBody.fromString("c"));

    ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket(bucket));
    assertThat(all.versions()).extracting(ObjectVersion::key, ObjectVersion::versionId, ObjectVersion::isLatest, ObjectVersion::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", a2, true, 3L),
            org.assertj.core.groups.Tuple.tuple("a", a1, false, 2L),
            org.assertj.core.groups.Tuple.tuple("b", b1, false, 2L),
            org.assertj.core.groups.Tuple.tuple("dir/c", all.versions().get(3).versionId(), true, 1L));
    assertThat(all.deleteMarkers()).extracting(DeleteMarkerEntry::key, DeleteMarkerEntry::versionId, DeleteMarkerEntry::isLatest)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", marker, true));
    assertThat(all.isTruncated()).isFalse();

    ListObjectVersionsResponse rolledUp = s3.listObjectVersions(b -> b.bucket(bucket).delimiter("/"));
    assertThat(rolledUp.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
    assertThat(rolledUp.versions()).hasSize(3);

    // Two entries a page: a2, a1 | marker(b), b1 | dir/c.
    ListObjectVersionsResponse page1 = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(2));
    assertThat(page1.isTruncated()).isTrue();
    assertThat(page1.nextKeyMarker()).isEqualTo("a");
    assertThat(page1.nextVersionIdMarker()).isEqualTo(a1);
    ListObjectVersionsResponse page2 = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(2)
        .keyMarker(page1.nextKeyMarker()).versionIdMarker(page1.nextVersionIdMarker()));
    assertThat(page2.deleteMarkers()).extracting(DeleteMarkerEntry::versionId).containsExactly(marker);
    assertThat(page2.versions()).extracting(ObjectVersion::versionId).containsExactly(b1);
    ListObjectVersionsResponse page3 = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(2)
        .keyMarker(page2.nextKeyMarker()).versionIdMarker(page2.nextVersionIdMarker()));
    assertThat(page3.versions()).extracting(ObjectVersion::key).containsExactly("dir/c");
    assertThat(page3.isTruncated()).isFalse();
  }

  @Test
  void aSuspendedBucketWritesTheNullVersionAndKeepsEarlierVersions() {
    String bucket = newBucket(null);
    s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("before"));
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    String enabled = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("enabled")).versionId();
    assertThat(read(bucket, "doc", "null")).isEqualTo("before");

    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    PutObjectResponse suspended = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("suspended"));
    assertThat(suspended.versionId()).as("S3 answers a suspended bucket's write without x-amz-version-id").isNull();
    assertThat(s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("doc").destinationBucket(bucket).destinationKey("copy"))
        .versionId()).isNull();
    assertThat(s3.headObject(b -> b.bucket(bucket).key("doc")).versionId()).as("a read names the null version").isEqualTo("null");
    // The suspended write replaced the earlier null version; the enabled one stays.
    assertThat(read(bucket, "doc", "null")).isEqualTo("suspended");
    assertThat(read(bucket, "doc", enabled)).isEqualTo("enabled");
    List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket(bucket)).versions();
    assertThat(versions).filteredOn(v -> v.key().equals("doc")).extracting(ObjectVersion::versionId).containsExactly("null", enabled);

    DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
    assertThat(deleted.deleteMarker()).isTrue();
    assertThat(deleted.versionId()).isEqualTo("null");
    ListObjectVersionsResponse after = s3.listObjectVersions(b -> b.bucket(bucket));
    assertThat(after.versions()).filteredOn(v -> v.key().equals("doc")).extracting(ObjectVersion::versionId).containsExactly(enabled);
    assertThat(after.deleteMarkers()).extracting(DeleteMarkerEntry::versionId).containsExactly("null");
  }

  @Test
  void deleteObjectsTakesVersionIds() {
    String bucket = newBucket(BucketVersioningStatus.ENABLED);
    String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("1")).versionId();
    String v2 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("2")).versionId();
    var result = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("k").versionId(v2))));
    assertThat(result.deleted()).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo("k");
      assertThat(d.versionId()).isEqualTo(v2);
    });
    assertThat(read(bucket, "k", null)).isEqualTo("1");
    var marked = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("k"))));
    assertThat(marked.deleted()).singleElement().satisfies(d -> {
      assertThat(d.deleteMarker()).isTrue();
      assertThat(d.deleteMarkerVersionId()).isNotBlank();
    });
    assertThat(read(bucket, "k", v1)).isEqualTo("1");
  }

  @Test
  void aCompletedMultipartUploadIsANewVersion() {
    String bucket = newBucket(BucketVersioningStatus.ENABLED);
    String first = s3.putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromString("small")).versionId();
    String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
    String etag = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(upload).partNumber(1),
        RequestBody.fromString("multipart")).eTag();
    String completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(upload)
        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).versionId();
    assertThat(completed).isNotBlank().isNotEqualTo(first);
    assertThat(read(bucket, "big", completed)).isEqualTo("multipart");
    assertThat(read(bucket, "big", first)).isEqualTo("small");
  }

  @Test
  void tagsAndAttributesOfAVersionAreReadByItsId() {
    String bucket = newBucket(BucketVersioningStatus.ENABLED);
    String v1 = s3.putObject(b -> b.bucket(bucket).key("t").tagging("stage=draft"), RequestBody.fromString("first")).versionId();
    String v2 = s3.putObject(b -> b.bucket(bucket).key("t").tagging("stage=final"), RequestBody.fromString("second!")).versionId();

    var oldTags = s3.getObjectTagging(b -> b.bucket(bucket).key("t").versionId(v1));
    assertThat(oldTags.versionId()).isEqualTo(v1);
    assertThat(oldTags.tagSet()).extracting(t -> t.value()).containsExactly("draft");
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet()).extracting(t -> t.value()).containsExactly("final");
    var attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("t").versionId(v1)
        .objectAttributes(software.amazon.awssdk.services.s3.model.ObjectAttributes.OBJECT_SIZE));
    assertThat(attributes.objectSize()).isEqualTo(5L);
    assertThat(attributes.versionId()).isEqualTo(v1);

    // The current version can be tagged by its id; a noncurrent one cannot (yet), an unknown one does not exist.
    s3.putObjectTagging(b -> b.bucket(bucket).key("t").versionId(v2).tagging(t -> t.tagSet(g -> g.key("stage").value("shipped"))));
    assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet()).extracting(t -> t.value()).containsExactly("shipped");
    assertThat(failure(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("t").versionId(v1)
        .tagging(t -> t.tagSet(g -> g.key("k").value("v"))))).statusCode()).isEqualTo(501);
    assertThat(failure(() -> s3.deleteObjectTagging(b -> b.bucket(bucket).key("t").versionId(UUID.randomUUID().toString())))
        .awsErrorDetails().errorCode()).isEqualTo("NoSuchVersion");
  }
}
