package io.mocks3.readmodel;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Filter;
import tools.jackson.core.JacksonException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Objects and their versions (tables objects and object_versions): every query of them, for every service. */
public final class ObjectRepository {
  private final JdbcClient jdbc;
  private final ObjectListing listing;

  public ObjectRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.listing = new ObjectListing(jdbc, this);
  }

  /** A current object eligible for Expiration (its tags as stored; an unreadable tag set reads as none). */
  public record ExpiringObject(String key, String etag, long size, Map<String, String> tags, Instant lastModified) {}

  /** A noncurrent version (not a delete marker) eligible for NoncurrentVersionExpiration. */
  public record NoncurrentVersion(String key, String versionId, long size, Map<String, String> tags) {}

  /** A delete marker, by key and version id. */
  public record DeleteMarker(String key, String versionId) {}

  /** A bucket, with its lifecycle configuration, and one key's current object in it (null when the key has none). */
  public record BucketObject(BucketRow bucket, ObjectRow object) {}

  /** {@link #inBucket}'s query, parameters key then bucket: made once, as every strong read asks it. */
  private static final String IN_BUCKET = "SELECT " + ObjectRows.OBJECT_COLUMNS_OF_O + ", " + BucketRepository.BUCKET_COLUMNS
      + " FROM " + BucketRepository.BUCKET_WITH_LIFECYCLE + " LEFT JOIN objects o ON o.bucket = b.name AND o.key = ?"
      + " WHERE b.name = ?";

  /**
   * The bucket, as {@link BucketRepository#bucket} reads it, and the key's current object, in one
   * query: a strong read's two reads in one round trip. Empty when there is no such bucket.
   */
  public Optional<BucketObject> inBucket(String bucket, String key) {
    return jdbc.sql(IN_BUCKET)
        .params(key, bucket)
        .query((rs, n) -> new BucketObject(BucketRepository.row(rs, ObjectRows.OBJECT_COLUMN_COUNT + 1, true),
            rs.getString(1) == null ? null : ObjectRows.objectRow(rs, n)))
        .optional();
  }

  /** The key's current object, from PostgreSQL. */
  public Optional<ObjectRow> object(String bucket, String key) {
    return jdbc.sql("SELECT " + ObjectRows.OBJECT_COLUMNS + " FROM objects WHERE bucket = ? AND key = ?")
        .params(bucket, key)
        .query(ObjectRows::objectRow)
        .optional();
  }

  /** Whether the key has a current object. */
  public boolean exists(String bucket, String key) {
    Integer n = jdbc.sql("SELECT count(*) FROM objects WHERE bucket = ? AND key = ?").params(bucket, key)
        .query(Integer.class).single();
    return n != null && n > 0;
  }

  /** Version {@code versionId} of the key ("null": the one written while versioning was off), if it exists. */
  public Optional<VersionRow> version(String bucket, String key, String versionId) {
    return jdbc.sql(ObjectRows.VERSIONS.formatted("key = ?", "") + " WHERE version_id = ?")
        .params(bucket, key, bucket, key, versionId)
        .query(ObjectRows::versionRow)
        .optional();
  }

  /** The key's latest version, which may be a delete marker; empty when the key has no version at all. */
  public Optional<VersionRow> latestVersion(String bucket, String key) {
    return jdbc.sql(ObjectRows.VERSIONS.formatted("key = ?", "") + " ORDER BY sequence DESC LIMIT 1")
        .params(bucket, key, bucket, key)
        .query(ObjectRows::versionRow)
        .optional();
  }

  /** One page of ListObjects(V2): current objects under the query's prefix in key order, rolled up at the delimiter. */
  public ListPage list(String bucket, ListQuery q) {
    return listing.list(bucket, q);
  }

  /**
   * One page of ListObjectVersions: versions of keys under the query's prefix in (key, newest first)
   * order, after {@code keyMarker} / {@code versionIdMarker} as S3 defines them, rolled up at the
   * delimiter like {@link #list}.
   */
  public VersionPage versions(String bucket, ListQuery q, String versionIdMarker) {
    return listing.versions(bucket, q, versionIdMarker);
  }

  /** Current objects matching {@code filter} last modified at or before {@code before}, in key order, at most {@code limit}. */
  public List<ExpiringObject> expiring(String bucket, Filter filter, Instant before, int limit) {
    List<Object> args = new ArrayList<>(List.of(bucket, filter.prefix(), Timestamp.from(before)));
    String narrowed = narrowed(filter, "", args);
    return jdbc.sql("SELECT key, etag, size, tags::text, last_modified FROM objects WHERE bucket = ? AND starts_with(key, ?)"
            + " AND last_modified <= ?" + narrowed + " ORDER BY key LIMIT " + limit)
        .params(args)
        .query((r, i) -> new ExpiringObject(r.getString(1), r.getString(2), r.getLong(3), lenientTags(r.getString(4)),
            r.getTimestamp(5).toInstant()))
        .list();
  }

  /**
   * Versions matching {@code filter} that became noncurrent (a newer version was written) at or
   * before {@code cutoff}, delete markers aside, in key order, at most {@code limit}.
   */
  public List<NoncurrentVersion> noncurrent(String bucket, Filter filter, Instant cutoff, int limit) {
    List<Object> args = new ArrayList<>(List.of(bucket, filter.prefix(), Timestamp.from(cutoff)));
    String narrowed = narrowed(filter, "v.", args);
    return jdbc.sql("""
            SELECT v.key, v.version_id, v.size, v.tags::text FROM object_versions v
            WHERE v.bucket = ? AND starts_with(v.key, ?) AND NOT v.delete_marker
              AND LEAST(
                (SELECT min(n.last_modified) FROM object_versions n WHERE n.bucket = v.bucket AND n.key = v.key AND n.sequence > v.sequence),
                (SELECT o.last_modified FROM objects o WHERE o.bucket = v.bucket AND o.key = v.key AND o.sequence > v.sequence)) <= ?
            """ + narrowed + " ORDER BY v.key LIMIT " + limit)
        .params(args)
        .query((r, i) -> new NoncurrentVersion(r.getString(1), r.getString(2), r.getLong(3), lenientTags(r.getString(4))))
        .list();
  }

  /** Delete markers under {@code prefix} that are the only version of their key, in key order, at most {@code limit}. */
  public List<DeleteMarker> loneDeleteMarkers(String bucket, String prefix, int limit) {
    return jdbc.sql("""
            SELECT v.key, v.version_id FROM object_versions v
            WHERE v.bucket = ? AND starts_with(v.key, ?) AND v.delete_marker
              AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.bucket = v.bucket AND o.key = v.key)
              AND NOT EXISTS (SELECT 1 FROM object_versions n WHERE n.bucket = v.bucket AND n.key = v.key AND n.version_id <> v.version_id)
            ORDER BY v.key LIMIT""" + " " + limit)
        .params(bucket, prefix)
        .query((r, i) -> new DeleteMarker(r.getString(1), r.getString(2)))
        .list();
  }

  /**
   * Every version of every key, current ones and the rest, in the code point order of their ids
   * ({@link StoredVersion#id()}); where a key's current row and a noncurrent row share a version id
   * (which the projection never leaves), the current row comes first. Streams through a cursor when
   * the client is bound to a transaction with a fetch size ({@link ReadModelSnapshot}); close the stream.
   */
  public Stream<StoredVersion> allVersions() {
    return jdbc.sql("""
            SELECT bucket, key, version_id, delete_marker, blob_id, size, etag, is_current FROM (
              SELECT bucket, key, coalesce(version_id, 'null') AS version_id, false AS delete_marker, blob_id, size, etag,
                true AS is_current FROM objects
              UNION ALL
              SELECT bucket, key, version_id, delete_marker, blob_id, size, etag, false FROM object_versions
            ) v ORDER BY (bucket || '/' || key || '#' || version_id) COLLATE "C", is_current DESC
            """)
        .query((r, i) -> new StoredVersion(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4), r.getString(5),
            r.getLong(6), r.getString(7), r.getBoolean(8)))
        .stream();
  }

  /** The current version of every key, in the code point order of their ids; see {@link #allVersions()}. */
  public Stream<StoredVersion> allCurrent() {
    return jdbc.sql("""
            SELECT bucket, key, coalesce(version_id, 'null') AS v, blob_id, size, etag FROM objects
            ORDER BY (bucket || '/' || key || '#' || coalesce(version_id, 'null')) COLLATE "C"
            """)
        .query((r, i) -> new StoredVersion(r.getString(1), r.getString(2), r.getString(3), false, r.getString(4),
            r.getLong(5), r.getString(6), true))
        .stream();
  }

  /**
   * The filter's tags and size bounds as SQL on the columns of {@code alias} (their arguments added to
   * {@code args}): the query selects by the whole filter, so its limit counts matching objects only
   * and a thousand that do not match cannot hide the ones that do. The caller still checks each
   * row against the filter itself.
   */
  private static String narrowed(Filter filter, String alias, List<Object> args) {
    StringBuilder sql = new StringBuilder();
    if (!filter.tags().isEmpty()) {
      sql.append(" AND ").append(alias).append("tags @> ?::jsonb");
      args.add(Json.mapper().writeValueAsString(filter.tags()));
    }
    if (filter.sizeGreaterThan() != null) {
      sql.append(" AND ").append(alias).append("size > ?");
      args.add(filter.sizeGreaterThan());
    }
    if (filter.sizeLessThan() != null) {
      sql.append(" AND ").append(alias).append("size < ?");
      args.add(filter.sizeLessThan());
    }
    return sql.toString();
  }

  /** Tags for matching a lifecycle filter: a null or unreadable tag set matches as no tags, as it always has. */
  private static Map<String, String> lenientTags(String json) {
    try {
      return json == null ? Map.of() : ColumnJson.stringMap(json);
    } catch (JacksonException e) {
      return Map.of();
    }
  }
}
