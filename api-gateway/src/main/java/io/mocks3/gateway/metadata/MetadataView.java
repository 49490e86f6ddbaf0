package io.mocks3.gateway.metadata;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.readmodel.BucketRepository;
import io.mocks3.readmodel.BucketRow;
import io.mocks3.readmodel.ListPage;
import io.mocks3.readmodel.ListQuery;
import io.mocks3.readmodel.ObjectRepository;
import io.mocks3.readmodel.ObjectRepository.BucketObject;
import io.mocks3.readmodel.ObjectRow;
import io.mocks3.readmodel.PartRow;
import io.mocks3.readmodel.UploadRepository;
import io.mocks3.readmodel.UploadRow;
import io.mocks3.readmodel.VersionPage;
import io.mocks3.readmodel.VersionRow;
import io.mocks3.schemas.s3.S3ErrorCode;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gateway's read side: bucket and object metadata from the projector's PostgreSQL tables
 * (through the read model's repositories), and for reads that may be eventual, from the Redis
 * cache the projector keeps by CDC. Reads never pass through Kafka. Metadata faults strike here.
 */
public final class MetadataView {
  private final BucketRepository buckets;
  private final ObjectRepository objects;
  private final UploadRepository uploads;
  private final MetadataCache cache;
  private final FaultAgent faults;

  /**
   * @param cache the Redis metadata cache; null when the gateway does not use one
   * @param faults the injection point of metadata faults (service "metadata-service"); null for none
   */
  public MetadataView(JdbcClient jdbc, MetadataCache cache, FaultAgent faults) {
    this.buckets = new BucketRepository(jdbc);
    this.objects = new ObjectRepository(jdbc);
    this.uploads = new UploadRepository(jdbc);
    this.cache = cache;
    this.faults = faults;
  }

  /**
   * Where metadata faults strike: before the query, as a slow or failing database would (a delay
   * or an error is applied here). A cache action ({@code stale_read}, {@code cache_miss}) is
   * returned for the read to act on.
   */
  private String inject(String operation, String bucket, String key) {
    if (faults != null && faults.armed()) {
      return faults.apply(new FaultTarget("metadata", "metadata", operation, bucket, key, null,
          "metadata " + operation + " " + bucket + (key == null ? "" : "/" + key))).map(r -> r.action().type()).orElse(null);
    }
    return null;
  }

  public Optional<BucketRow> bucket(String name) {
    inject("ReadBucket", name, null);
    return buckets.bucket(name);
  }

  public List<BucketRow> buckets() {
    return buckets.buckets();
  }

  public Optional<ObjectRow> object(String bucket, String key) {
    return object(bucket, key, false);
  }

  /**
   * The key's current object. With {@code eventual}, a cached row answers (it may lag behind
   * PostgreSQL by the CDC lag); a miss reads PostgreSQL. A {@code stale_read} fault answers the
   * cache's previous entry whatever the mode; a {@code cache_miss} fault skips the cache.
   */
  public Optional<ObjectRow> object(String bucket, String key, boolean eventual) {
    String cacheFault = inject("ReadObject", bucket, key);
    if (cache != null) {
      if ("stale_read".equals(cacheFault)) {
        return cache.previous(bucket, key);
      }
      if (eventual && "cache_miss".equals(cacheFault)) {
        cache.missed();
      } else if (eventual) {
        Optional<ObjectRow> cached = cache.object(bucket, key);
        if (cached.isPresent()) {
          return cached;
        }
      }
    }
    return objects.object(bucket, key);
  }

  /**
   * The bucket and the key's current object in PostgreSQL, read in one query (a strong read's two
   * reads in one round trip); empty when there is no such bucket. Faults strike as they would on
   * {@link #bucket} then {@link #object(String, String)}: the bucket's before the query, the
   * object's once the bucket is known to exist, its {@code stale_read} answering the cache's
   * previous entry.
   */
  public Optional<BucketObject> bucketAndObject(String bucket, String key) {
    inject("ReadBucket", bucket, null);
    Optional<BucketObject> read = objects.inBucket(bucket, key);
    if (read.isEmpty()) {
      return read;
    }
    String cacheFault = inject("ReadObject", bucket, key);
    if (cache != null && "stale_read".equals(cacheFault)) {
      return Optional.of(new BucketObject(read.get().bucket(), cache.previous(bucket, key).orElse(null)));
    }
    return read;
  }

  /** Version {@code versionId} of the key ("null": the one written while versioning was off), if it exists. */
  public Optional<VersionRow> version(String bucket, String key, String versionId) {
    inject("ReadObject", bucket, key);
    return objects.version(bucket, key, versionId);
  }

  /** The key's latest version, which may be a delete marker; empty when the key has no version at all. */
  public Optional<VersionRow> latestVersion(String bucket, String key) {
    return objects.latestVersion(bucket, key);
  }

  /** One page of ListObjectVersions; see {@link ObjectRepository#versions}. */
  public VersionPage versions(String bucket, ListQuery q, String versionIdMarker) {
    inject("ListObjectVersions", bucket, q.prefix());
    return objects.versions(bucket, q, versionIdMarker);
  }

  /** The open upload; an id with a NUL (which PostgreSQL text cannot hold, so no upload has one) names none. */
  public Optional<UploadRow> upload(String bucket, String uploadId) {
    return hasNul(uploadId) ? Optional.empty() : uploads.upload(bucket, uploadId);
  }

  /** The bucket's {@code kind} configuration document (S3 XML), if it has one. */
  public Optional<String> bucketConfig(String bucket, String kind) {
    return buckets.config(bucket, kind);
  }

  /** Open uploads; see {@link UploadRepository#uploads}. */
  public List<UploadRow> uploads(String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
    refuseNul("prefix", prefix);
    refuseNul("key-marker", keyMarker);
    refuseNul("upload-id-marker", uploadIdMarker);
    return uploads.uploads(bucket, prefix, keyMarker, uploadIdMarker, limit);
  }

  /** Parts of an upload numbered above {@code after}, in order, at most {@code limit}. */
  public List<PartRow> parts(String bucket, String uploadId, int after, int limit) {
    return hasNul(uploadId) ? List.of() : uploads.parts(bucket, uploadId, after, limit);
  }

  private static boolean hasNul(String value) {
    return value != null && value.indexOf('\0') >= 0;
  }

  /** PostgreSQL text cannot hold a NUL, so a listing parameter with one is S3's InvalidArgument, not a failed query. */
  private static void refuseNul(String parameter, String value) {
    if (hasNul(value)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The " + parameter + " parameter may not contain the NUL character");
    }
  }

  /** One page of ListObjects; see {@link ObjectRepository#list}. */
  public ListPage list(String bucket, ListQuery q) {
    inject("ListObjects", bucket, q.prefix());
    return objects.list(bucket, q);
  }
}
