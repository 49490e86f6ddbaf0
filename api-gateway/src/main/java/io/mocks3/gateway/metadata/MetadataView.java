package io.mocks3.gateway.metadata;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gateway's read side: bucket and object metadata from the projector's PostgreSQL tables,
 * and for reads that may be eventual, from the Redis cache the projector keeps by CDC. Reads
 * never pass through Kafka.
 */
public final class MetadataView {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  static final TypeReference<List<BlobRef>> BLOB_LIST = new TypeReference<>() {};
  static final TypeReference<Map<ChecksumAlgorithm, String>> CHECKSUMS = new TypeReference<>() {};
  private static final String OBJECT_COLUMNS = "key, blob_id, size, etag, content_type, headers::text, user_metadata::text,"
      + " last_modified, parts::text, tags::text, checksums::text, version_id";
  /**
   * Every version of the keys a query names, current ones (from objects) and the rest (from
   * object_versions), with whether each is its key's latest: the current version always is; a
   * delete marker is when the key has no current version and nothing newer.
   */
  private static final String VERSIONS = """
      SELECT * FROM (
        SELECT key, blob_id, size, etag, content_type, headers::text, user_metadata::text, last_modified, parts::text,
          tags::text, checksums::text, coalesce(version_id, 'null') AS version_id, sequence, false AS delete_marker,
          true AS latest
        FROM objects WHERE bucket = ? AND %1$s
        UNION ALL
        SELECT v.key, v.blob_id, v.size, v.etag, v.content_type, v.headers::text, v.user_metadata::text, v.last_modified,
          v.parts::text, v.tags::text, v.checksums::text, v.version_id, v.sequence, v.delete_marker,
          NOT EXISTS (SELECT 1 FROM objects o WHERE o.bucket = v.bucket AND o.key = v.key)
            AND NOT EXISTS (SELECT 1 FROM object_versions w WHERE w.bucket = v.bucket AND w.key = v.key AND w.sequence > v.sequence)
        FROM object_versions v WHERE v.bucket = ? AND %1$s
      ) versions
      """;
  private final JdbcClient jdbc;
  private final MetadataCache cache;
  private final FaultAgent faults;

  /**
   * @param cache the Redis metadata cache; null when the gateway does not use one
   * @param faults the injection point of metadata faults (service "metadata-service"); null for none
   */
  public MetadataView(JdbcClient jdbc, MetadataCache cache, FaultAgent faults) {
    this.jdbc = jdbc;
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
    return jdbc.sql("SELECT name, created_at FROM buckets WHERE name = ?")
        .param(name)
        .query((rs, n) -> new BucketRow(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .optional();
  }

  public List<BucketRow> buckets() {
    return jdbc.sql("SELECT name, created_at FROM buckets ORDER BY name")
        .query((rs, n) -> new BucketRow(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .list();
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
    return jdbc.sql("SELECT " + OBJECT_COLUMNS + " FROM objects WHERE bucket = ? AND key = ?")
        .params(bucket, key)
        .query(MetadataView::objectRow)
        .optional();
  }

  /** Version {@code versionId} of the key ("null": the one written while versioning was off), if it exists. */
  public Optional<VersionRow> version(String bucket, String key, String versionId) {
    inject("ReadObject", bucket, key);
    return jdbc.sql(VERSIONS.formatted("key = ?") + " WHERE version_id = ?")
        .params(bucket, key, bucket, key, versionId)
        .query(MetadataView::versionRow)
        .optional();
  }

  /** The key's latest version, which may be a delete marker; empty when the key has no version at all. */
  public Optional<VersionRow> latestVersion(String bucket, String key) {
    return jdbc.sql(VERSIONS.formatted("key = ?") + " ORDER BY sequence DESC LIMIT 1")
        .params(bucket, key, bucket, key)
        .query(MetadataView::versionRow)
        .optional();
  }

  /**
   * One page of ListObjectVersions: versions of keys under the query's prefix in (key, newest first)
   * order, after {@code keyMarker} / {@code versionIdMarker} as S3 defines them, rolled up at the
   * delimiter like {@link #list}.
   */
  public VersionPage versions(String bucket, ListQuery q, String versionIdMarker) {
    inject("ListObjectVersions", bucket, q.prefix());
    List<VersionRow> versions = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String cursorKey = q.after();
    long cursorSequence = -1;
    if (!cursorKey.isEmpty() && versionIdMarker != null && !versionIdMarker.isEmpty()) {
      cursorSequence = version(bucket, cursorKey, versionIdMarker).map(VersionRow::sequence)
          .orElseThrow(() -> new IllegalArgumentException("version-id-marker names no version of key-marker"));
    }
    String resumedPrefix = cursorKey.isEmpty() ? null : commonPrefix(cursorKey, q);
    if (resumedPrefix != null) {
      cursorKey = successor(resumedPrefix);
      cursorSequence = Long.MAX_VALUE;
    }
    VersionRow last = null;
    String lastPrefix = null;
    while (true) {
      int room = q.maxKeys() - versions.size() - prefixes.size();
      List<VersionRow> rows = jdbc.sql(VERSIONS.formatted("key LIKE ? ESCAPE '\\'")
              + " WHERE key > ? OR (key = ? AND sequence < ?) ORDER BY key, sequence DESC LIMIT ?")
          .params(bucket, likePrefix(q.prefix()), bucket, likePrefix(q.prefix()), cursorKey, cursorKey, cursorSequence, room + 1)
          .query(MetadataView::versionRow)
          .list();
      if (rows.isEmpty()) {
        return new VersionPage(versions, prefixes, false, null, null);
      }
      for (VersionRow row : rows) {
        if (versions.size() + prefixes.size() == q.maxKeys()) {
          return lastPrefix != null
              ? new VersionPage(versions, prefixes, true, lastPrefix, null)
              : new VersionPage(versions, prefixes, true, last.key(), last.versionId());
        }
        String common = commonPrefix(row.key(), q);
        if (common == null) {
          versions.add(row);
          last = row;
          lastPrefix = null;
          cursorKey = row.key();
          cursorSequence = row.sequence();
          continue;
        }
        prefixes.add(common);
        lastPrefix = common;
        cursorKey = successor(common);
        cursorSequence = Long.MAX_VALUE;
        break;
      }
    }
  }

  public Optional<UploadRow> upload(String bucket, String uploadId) {
    return jdbc.sql("SELECT upload_id, key, initiated_at FROM multipart_uploads WHERE bucket = ? AND upload_id = ?")
        .params(bucket, uploadId)
        .query((rs, n) -> new UploadRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
        .optional();
  }

  /** The bucket's {@code kind} configuration document (S3 XML), if it has one. */
  public Optional<String> bucketConfig(String bucket, String kind) {
    return jdbc.sql("SELECT document FROM bucket_config WHERE bucket = ? AND kind = ?")
        .params(bucket, kind)
        .query(String.class)
        .optional();
  }

  /**
   * Open uploads under {@code prefix} in (key, initiation) order, after the marker pair as
   * ListMultipartUploads defines it, at most {@code limit}.
   */
  public List<UploadRow> uploads(String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
    String marker = keyMarker == null ? "" : keyMarker;
    String idMarker = uploadIdMarker == null || marker.isEmpty() ? null : uploadIdMarker;
    String after = idMarker == null
        ? "key > ?"
        : "(key > ? OR (key = ? AND (initiated_at, upload_id) > "
            + "(SELECT initiated_at, upload_id FROM multipart_uploads WHERE bucket = ? AND upload_id = ?)))";
    List<Object> params = new ArrayList<>(List.of(bucket, likePrefix(prefix == null ? "" : prefix), marker));
    if (idMarker != null) {
      params.addAll(List.of(marker, bucket, idMarker));
    }
    params.add(limit);
    return jdbc.sql("SELECT upload_id, key, initiated_at FROM multipart_uploads WHERE bucket = ? AND key LIKE ? ESCAPE '\\' AND "
            + after + " ORDER BY key, initiated_at, upload_id LIMIT ?")
        .params(params)
        .query((rs, n) -> new UploadRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
        .list();
  }

  /** Parts of an upload numbered above {@code after}, in order, at most {@code limit}. */
  public List<PartRow> parts(String bucket, String uploadId, int after, int limit) {
    return jdbc.sql("SELECT part_number, size, etag, checksums::text, last_modified FROM multipart_parts"
            + " WHERE bucket = ? AND upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?")
        .params(bucket, uploadId, after, limit)
        .query((rs, n) -> new PartRow(rs.getInt(1), rs.getLong(2), rs.getString(3), read(rs.getString(4), CHECKSUMS),
            rs.getTimestamp(5).toInstant()))
        .list();
  }

  /**
   * Walks keys in byte order. With a delimiter, every run of keys sharing a common prefix costs
   * one entry and one seek past it, so a page never scans more rows than it returns plus one.
   */
  public ListPage list(String bucket, ListQuery q) {
    inject("ListObjects", bucket, q.prefix());
    List<ObjectRow> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String cursor = q.after();
    boolean inclusive = false;
    String resumedPrefix = cursor.isEmpty() ? null : commonPrefix(cursor, q);
    if (resumedPrefix != null) {
      // Resuming after a common prefix: everything under it was already rolled up and returned.
      cursor = successor(resumedPrefix);
      inclusive = true;
    }
    String lastEntry = null;
    while (true) {
      int room = q.maxKeys() - objects.size() - prefixes.size();
      List<ObjectRow> rows = page(bucket, q.prefix(), cursor, inclusive, room + 1);
      if (rows.isEmpty()) {
        return new ListPage(objects, prefixes, false, lastEntry);
      }
      for (ObjectRow row : rows) {
        if (objects.size() + prefixes.size() == q.maxKeys()) {
          return new ListPage(objects, prefixes, true, lastEntry);
        }
        String common = commonPrefix(row.key(), q);
        if (common == null) {
          objects.add(row);
          lastEntry = row.key();
          cursor = row.key();
          inclusive = false;
          continue;
        }
        prefixes.add(common);
        lastEntry = common;
        cursor = successor(common);
        inclusive = true;
        break;
      }
    }
  }

  private List<ObjectRow> page(String bucket, String prefix, String cursor, boolean inclusive, int limit) {
    String op = inclusive ? ">=" : ">";
    return jdbc.sql("SELECT " + OBJECT_COLUMNS + " FROM objects WHERE bucket = ? AND key LIKE ? ESCAPE '\\' AND key "
            + op + " ? ORDER BY key LIMIT ?")
        .params(bucket, likePrefix(prefix), cursor, limit)
        .query(MetadataView::objectRow)
        .list();
  }

  private static String commonPrefix(String key, ListQuery q) {
    if (q.delimiter() == null || !key.startsWith(q.prefix())) {
      return null;
    }
    int at = key.indexOf(q.delimiter(), q.prefix().length());
    return at < 0 ? null : key.substring(0, at + q.delimiter().length());
  }

  /** The smallest string greater than every string that starts with {@code prefix}. */
  static String successor(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  private static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static ObjectRow objectRow(ResultSet rs, int n) throws SQLException {
    return new ObjectRow(
        rs.getString(1),
        BlobId.of(rs.getString(2)),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        map(rs.getString(6)),
        map(rs.getString(7)),
        map(rs.getString(10)),
        read(rs.getString(11), CHECKSUMS),
        rs.getTimestamp(8).toInstant(),
        rs.getString(9) == null ? null : read(rs.getString(9), BLOB_LIST),
        rs.getString(12));
  }

  private static VersionRow versionRow(ResultSet rs, int n) throws SQLException {
    boolean marker = rs.getBoolean(14);
    return new VersionRow(rs.getString(1), rs.getString(12), rs.getLong(13), marker, rs.getBoolean(15),
        rs.getTimestamp(8).toInstant(), marker ? null : objectRow(rs, n));
  }

  static Map<String, String> map(String json) {
    return read(json, STRING_MAP);
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
