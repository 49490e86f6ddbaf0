package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.readmodel.BucketRow;
import io.mocks3.readmodel.ListPage;
import io.mocks3.readmodel.ListQuery;
import io.mocks3.gateway.metadata.MetadataView;
import io.mocks3.readmodel.VersionPage;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Owner;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.DeleteBucket;
import io.mocks3.schemas.command.SetBucketConfig;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bucket operations: writes go through the log, reads come from the metadata view. */
public final class BucketService {
  private final WriteCoordinator writes;
  private final MetadataView metadata;
  private final Clock clock;

  public BucketService(WriteCoordinator writes, MetadataView metadata, Clock clock) {
    this.writes = writes;
    this.metadata = metadata;
    this.clock = clock;
  }

  /** @param objectLock whether the bucket is created with Object Lock (and so versioning) enabled */
  public void create(String name, Owner owner, boolean objectLock, Consistency mode) {
    BucketName bucket = Names.bucket(name);
    writes.submit(new CreateBucket(UUID.randomUUID().toString(), bucket, clock.instant(), owner, objectLock ? true : null), null,
        null, mode);
  }

  public void delete(String name, Consistency mode) {
    BucketName bucket = Names.bucket(name);
    if (mode == Consistency.STRONG) {
      require(bucket.value());
    }
    writes.submit(new DeleteBucket(UUID.randomUUID().toString(), bucket, clock.instant()), null, null, mode);
  }

  public BucketRow require(String name) {
    Names.bucket(name);
    return metadata.bucket(name).orElseThrow(BucketService::noSuchBucket);
  }

  /** NoSuchBucket, as every request naming a bucket that does not exist is answered. */
  static S3Exception noSuchBucket() {
    return new S3Exception(S3ErrorCode.NO_SUCH_BUCKET, "The specified bucket does not exist");
  }

  /** The bucket, if it exists (a malformed name is InvalidBucketName). */
  public Optional<BucketRow> find(String name) {
    Names.bucket(name);
    return metadata.bucket(name);
  }

  /** Whether the bucket exists (a malformed name is InvalidBucketName). */
  public boolean exists(String name) {
    Names.bucket(name);
    return metadata.bucket(name).isPresent();
  }

  /** The bucket's {@code kind} configuration document, if set. */
  public Optional<String> config(String bucket, String kind) {
    require(bucket);
    return metadata.bucketConfig(bucket, kind);
  }

  /** Replaces (or with a null document deletes) one configuration document, through the log. */
  public void setConfig(String name, String kind, String document, Consistency mode) {
    BucketName bucket = Names.bucket(name);
    if (mode == Consistency.STRONG) {
      require(name);
    }
    writes.submit(new SetBucketConfig(UUID.randomUUID().toString(), bucket, kind, document, clock.instant()), null, null, mode);
  }

  public List<BucketRow> list() {
    return metadata.buckets();
  }

  public ListPage listObjects(String bucket, ListQuery query) {
    require(bucket);
    return metadata.list(bucket, query);
  }

  /** One page of ListObjectVersions, after the markers (a version-id marker whose version is gone resumes at its key). */
  public VersionPage listVersions(String bucket, ListQuery query, String versionIdMarker) {
    require(bucket);
    return metadata.versions(bucket, query, versionIdMarker);
  }
}
