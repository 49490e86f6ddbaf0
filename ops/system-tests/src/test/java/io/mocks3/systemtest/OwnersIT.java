package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Owners as S3 keeps them, through the SDK v2 with two access keys: a bucket keeps the owner that
 * created it and owns its objects (listings and ACLs show that owner, whoever asks), an upload keeps
 * its initiator. The suite's gateway runs with {@code mocks3.owners.mode=open}, so the other key may
 * use the bucket; {@code enforce} is covered by OwnersTest.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OwnersIT {
  @Test
  void aBucketKeepsItsCreatorAsOwnerAndAnUploadItsInitiator() {
    S3Client alice = client("alice");
    S3Client bob = client("bob");
    String bucket = "owners-" + UUID.randomUUID().toString().substring(0, 8);
    alice.createBucket(b -> b.bucket(bucket));
    bob.putObject(b -> b.bucket(bucket).key("by-bob"), RequestBody.fromString("x"));
    String upload = bob.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();

    // Bob lists: the bucket (and so its objects) belongs to alice.
    assertThat(bob.listObjectsV2(b -> b.bucket(bucket).fetchOwner(true)).contents())
        .singleElement().satisfies(o -> assertThat(o.owner().displayName()).isEqualTo("alice"));
    assertThat(bob.listObjectVersions(b -> b.bucket(bucket)).versions())
        .singleElement().satisfies(v -> assertThat(v.owner().displayName()).isEqualTo("alice"));
    assertThat(bob.getBucketAcl(b -> b.bucket(bucket)).owner().displayName()).isEqualTo("alice");
    assertThat(bob.getObjectAcl(b -> b.bucket(bucket).key("by-bob")).owner().displayName()).isEqualTo("alice");

    ListMultipartUploadsResponse uploads = alice.listMultipartUploads(b -> b.bucket(bucket));
    assertThat(uploads.uploads()).singleElement().satisfies((MultipartUpload u) -> {
      assertThat(u.uploadId()).isEqualTo(upload);
      assertThat(u.initiator().displayName()).isEqualTo("bob");
      assertThat(u.owner().displayName()).isEqualTo("alice");
    });
    var parts = alice.listParts(b -> b.bucket(bucket).key("big").uploadId(upload));
    assertThat(parts.initiator().displayName()).isEqualTo("bob");
    assertThat(parts.owner().displayName()).isEqualTo("alice");

    // ListBuckets names the requester as the owner (of every bucket, in open mode).
    assertThat(bob.listBuckets().owner().displayName()).isEqualTo("bob");
    assertThat(bob.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(bucket));

    bob.abortMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(upload));
    bob.deleteObject(b -> b.bucket(bucket).key("by-bob"));
    alice.deleteBucket(b -> b.bucket(bucket));
  }

  private static S3Client client(String accessKey) {
    return S3Client.builder()
        .endpointOverride(LocalStackExtension.gateway())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
        .forcePathStyle(true)
        .httpClient(ApacheHttpClient.builder().build())
        .build();
  }
}
