package io.mocks3.projector.projection;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.event.BucketConfigSet;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.BucketDeleted;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.MultipartUploadAborted;
import io.mocks3.schemas.event.MultipartUploadCreated;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectAclSet;
import io.mocks3.schemas.event.ObjectLockSet;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.mocks3.schemas.event.PartUploaded;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.lock.ObjectLock;
import io.mocks3.schemas.lock.ObjectLockConfiguration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of each event, in one open transaction. Writes of plain objects (unversioned, not a
 * completed upload: what a bulk PUT produces) are held and sent as one JDBC batch, rewritten by the
 * driver into multi-row inserts ({@code reWriteBatchedInserts}), when a different statement or the
 * commit comes: one round trip for a run of them instead of one each. A later write of the same key
 * in the run replaces the held one (each upsert replaces the whole row, so only the last counts,
 * and one multi-row upsert may not touch a row twice).
 */
final class ReadModelWriter {
  private static final String UPSERT_OBJECT = """
      INSERT INTO objects(bucket, key, blob_id, size, etag, content_type, headers, user_metadata, last_modified, sequence,
        parts, tags, checksums, version_id)
      VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
      ON CONFLICT (bucket, key) DO UPDATE SET version_id = EXCLUDED.version_id, blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,
        etag = EXCLUDED.etag, content_type = EXCLUDED.content_type, headers = EXCLUDED.headers,
        user_metadata = EXCLUDED.user_metadata, last_modified = EXCLUDED.last_modified, sequence = EXCLUDED.sequence,
        parts = EXCLUDED.parts, tags = EXCLUDED.tags, checksums = EXCLUDED.checksums
      """;
  private final Connection c;
  /** Plain object writes not sent yet, by bucket and key (NUL between: keys cannot contain it). */
  private final Map<String, ObjectCreated> heldObjects = new LinkedHashMap<>();

  ReadModelWriter(Connection c) {
    this.c = c;
  }

  /** Writes {@code event}'s rows, or holds them for the next batch when it is a plain object write. */
  void write(Event event) throws SQLException {
    if (event instanceof ObjectCreated e && e.versionId() == null && e.uploadId() == null) {
      heldObjects.remove(rowKey(e));
      heldObjects.put(rowKey(e), e);
      return;
    }
    flush();
    writeNow(c, event);
  }

  /** Sends the held object writes; the transaction's statements are then all sent, in order. */
  void flush() throws SQLException {
    if (heldObjects.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT_OBJECT)) {
      for (ObjectCreated e : heldObjects.values()) {
        bindObject(s, e);
        s.addBatch();
      }
      s.executeBatch();
    }
    heldObjects.clear();
  }

  private static String rowKey(ObjectCreated e) {
    return e.bucket().value() + '\0' + e.key().value();
  }

  private static void writeNow(Connection c, Event event) throws SQLException {
    String bucket = event.bucket().value();
    if (event instanceof BucketCreated e) {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO buckets(name, created_at, owner_id, owner_name) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE"
              + " SET created_at = EXCLUDED.created_at, owner_id = EXCLUDED.owner_id, owner_name = EXCLUDED.owner_name")) {
        s.setString(1, bucket);
        s.setTimestamp(2, Timestamp.from(e.at()));
        s.setString(3, e.owner() == null ? null : e.owner().id());
        s.setString(4, e.owner() == null ? null : e.owner().displayName());
        s.executeUpdate();
      }
      if (e.withObjectLock()) {
        // What the decider's state has for such a bucket: versioning enabled, Object Lock with no default retention.
        setBucketConfig(c, bucket, Versioning.KIND, Versioning.ENABLED);
        setBucketConfig(c, bucket, ObjectLockConfiguration.KIND, Json.mapper().writeValueAsString(new ObjectLockConfiguration(null)));
      }
    } else if (event instanceof BucketDeleted) {
      update(c, "DELETE FROM objects WHERE bucket = ?", bucket);
      update(c, "DELETE FROM object_versions WHERE bucket = ?", bucket);
      update(c, "DELETE FROM bucket_config WHERE bucket = ?", bucket);
      update(c, "DELETE FROM buckets WHERE name = ?", bucket);
    } else if (event instanceof BucketConfigSet e) {
      setBucketConfig(c, bucket, e.kind(), e.document());
    } else if (event instanceof ObjectLockSet e) {
      replaceHeaders(c, e.bucket().value(), e.key().value(), e.versionId(), ObjectLock.HEADERS,
          e.lock() == null ? Map.of() : e.lock().headers());
    } else if (event instanceof ObjectAclSet e) {
      replaceHeaders(c, e.bucket().value(), e.key().value(), e.versionId(), Acls.HEADERS, e.acl());
    } else if (event instanceof ObjectTagsSet e) {
      try (PreparedStatement s = c.prepareStatement("UPDATE objects SET tags = ?::jsonb WHERE bucket = ? AND key = ?")) {
        s.setString(1, toJson(e.tags()));
        s.setString(2, bucket);
        s.setString(3, e.key().value());
        s.executeUpdate();
      }
    } else if (event instanceof ObjectCreated e) {
      if (e.versionId() != null) {
        retireCurrent(c, bucket, e.key().value(), e.versionId());
        forgetVersion(c, bucket, e.key().value(), e.versionId());
      }
      upsertObject(c, e);
      if (e.uploadId() != null) {
        forgetUpload(c, bucket, e.uploadId());
      }
    } else if (event instanceof MultipartUploadCreated e) {
      insertUpload(c, e);
    } else if (event instanceof PartUploaded e) {
      upsertPart(c, e);
    } else if (event instanceof MultipartUploadAborted e) {
      forgetUpload(c, bucket, e.uploadId());
    } else if (event instanceof ObjectDeleted e) {
      deleteObject(c, bucket, e);
    }
  }

  private static void deleteObject(Connection c, String bucket, ObjectDeleted e) throws SQLException {
    String key = e.key().value();
    if (e.versionId() == null) {
      update(c, "DELETE FROM objects WHERE bucket = ? AND key = ?", bucket, key);
    } else if (e.created()) {
      retireCurrent(c, bucket, key, e.versionId());
      update(c, "DELETE FROM objects WHERE bucket = ? AND key = ?", bucket, key);
      forgetVersion(c, bucket, key, e.versionId());
      try (PreparedStatement s = c.prepareStatement("""
          INSERT INTO object_versions(bucket, key, version_id, sequence, delete_marker, last_modified)
          VALUES (?, ?, ?, ?, true, ?) ON CONFLICT DO NOTHING
          """)) {
        s.setString(1, bucket);
        s.setString(2, key);
        s.setString(3, e.versionId());
        s.setLong(4, e.sequence());
        s.setTimestamp(5, Timestamp.from(e.at()));
        s.executeUpdate();
      }
    } else {
      if (!deleteCurrent(c, bucket, key, e.versionId())) {
        forgetVersion(c, bucket, key, e.versionId());
      }
      promoteNewest(c, bucket, key);
    }
  }

  /** The current version becomes noncurrent, unless it has {@code versionId} (then the new version replaces it). */
  private static void retireCurrent(Connection c, String bucket, String key, String versionId) throws SQLException {
    update(c, """
        INSERT INTO object_versions(bucket, key, version_id, sequence, delete_marker, blob_id, size, etag, content_type,
          headers, user_metadata, last_modified, parts, tags, checksums)
        SELECT bucket, key, coalesce(version_id, 'null'), sequence, false, blob_id, size, etag, content_type,
          headers, user_metadata, last_modified, parts, tags, checksums
        FROM objects WHERE bucket = ? AND key = ? AND coalesce(version_id, 'null') <> ?
        ON CONFLICT DO NOTHING
        """, bucket, key, versionId);
  }

  private static void forgetVersion(Connection c, String bucket, String key, String versionId) throws SQLException {
    update(c, "DELETE FROM object_versions WHERE bucket = ? AND key = ? AND version_id = ?", bucket, key, versionId);
  }

  private static boolean deleteCurrent(Connection c, String bucket, String key, String versionId) throws SQLException {
    return update(c, "DELETE FROM objects WHERE bucket = ? AND key = ? AND coalesce(version_id, 'null') = ?",
        bucket, key, versionId) == 1;
  }

  /**
   * When the key has no current version (it was just deleted, or the latest version was a delete marker that
   * was just deleted), the newest remaining version becomes current, unless that is a delete marker.
   */
  private static void promoteNewest(Connection c, String bucket, String key) throws SQLException {
    update(c, """
        WITH newest AS (
          SELECT version_id FROM object_versions v WHERE v.bucket = ? AND v.key = ?
            AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.bucket = v.bucket AND o.key = v.key)
          ORDER BY sequence DESC LIMIT 1),
        promoted AS (
          DELETE FROM object_versions v USING newest
          WHERE v.bucket = ? AND v.key = ? AND v.version_id = newest.version_id AND NOT v.delete_marker
          RETURNING v.*)
        INSERT INTO objects(bucket, key, version_id, blob_id, size, etag, content_type, headers, user_metadata, last_modified,
          sequence, parts, tags, checksums)
        SELECT bucket, key, version_id, blob_id, size, etag, content_type, headers, user_metadata, last_modified,
          sequence, parts, tags, checksums FROM promoted
        """, bucket, key, bucket, key);
  }

  private static void upsertObject(Connection c, ObjectCreated e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT_OBJECT)) {
      bindObject(s, e);
      s.executeUpdate();
    }
  }

  private static void bindObject(PreparedStatement s, ObjectCreated e) throws SQLException {
    s.setString(1, e.bucket().value());
    s.setString(2, e.key().value());
    s.setString(3, e.blob().id().value());
    s.setLong(4, e.blob().size());
    s.setString(5, e.blob().md5Hex());
    s.setString(6, e.metadata().contentType());
    s.setString(7, toJson(e.metadata().headers()));
    s.setString(8, toJson(e.metadata().userMetadata()));
    s.setTimestamp(9, Timestamp.from(e.at()));
    s.setLong(10, e.sequence());
    s.setString(11, e.parts() == null ? null : toJson(e.parts()));
    s.setString(12, toJson(e.metadata().tags()));
    s.setString(13, toJson(e.blob().checksums()));
    s.setString(14, e.versionId());
  }

  private static void insertUpload(Connection c, MultipartUploadCreated e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO multipart_uploads(bucket, upload_id, key, content_type, headers, user_metadata, initiated_at, tags,
          initiator_id, initiator_name)
        VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING
        """)) {
      s.setString(1, e.bucket().value());
      s.setString(2, e.uploadId());
      s.setString(3, e.key().value());
      s.setString(4, e.metadata().contentType());
      s.setString(5, toJson(e.metadata().headers()));
      s.setString(6, toJson(e.metadata().userMetadata()));
      s.setTimestamp(7, Timestamp.from(e.at()));
      s.setString(8, toJson(e.metadata().tags()));
      s.setString(9, e.initiator() == null ? null : e.initiator().id());
      s.setString(10, e.initiator() == null ? null : e.initiator().displayName());
      s.executeUpdate();
    }
  }

  private static void upsertPart(Connection c, PartUploaded e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO multipart_parts(bucket, upload_id, part_number, blob_id, size, etag, last_modified, checksums)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
        ON CONFLICT (bucket, upload_id, part_number) DO UPDATE SET blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,
          etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, checksums = EXCLUDED.checksums
        """)) {
      s.setString(1, e.bucket().value());
      s.setString(2, e.uploadId());
      s.setInt(3, e.partNumber());
      s.setString(4, e.blob().id().value());
      s.setLong(5, e.blob().size());
      s.setString(6, e.blob().md5Hex());
      s.setTimestamp(7, Timestamp.from(e.at()));
      s.setString(8, toJson(e.blob().checksums()));
      s.executeUpdate();
    }
  }

  /** The bucket's {@code kind} configuration becomes {@code document}; null removes it. */
  private static void setBucketConfig(Connection c, String bucket, String kind, String document) throws SQLException {
    if (document == null) {
      update(c, "DELETE FROM bucket_config WHERE bucket = ? AND kind = ?", bucket, kind);
      return;
    }
    update(c, """
        INSERT INTO bucket_config(bucket, kind, document) VALUES (?, ?, ?)
        ON CONFLICT (bucket, kind) DO UPDATE SET document = EXCLUDED.document
        """, bucket, kind, document);
  }

  /**
   * One version's stored headers of one family ({@code names}: its lock's, its ACL's) become
   * {@code values}: in its current row or its noncurrent one, wherever it is.
   */
  private static void replaceHeaders(Connection c, String bucket, String key, String versionId, List<String> names,
      Map<String, String> values) throws SQLException {
    String replaced = "(headers - '" + String.join("' - '", names) + "') || ?::jsonb";
    String json = toJson(values);
    if (update(c, "UPDATE objects SET headers = " + replaced + " WHERE bucket = ? AND key = ? AND coalesce(version_id, 'null') = ?",
        json, bucket, key, versionId) == 0) {
      update(c, "UPDATE object_versions SET headers = " + replaced + " WHERE bucket = ? AND key = ? AND version_id = ?",
          json, bucket, key, versionId);
    }
  }

  private static void forgetUpload(Connection c, String bucket, String uploadId) throws SQLException {
    for (String table : new String[] {"multipart_parts", "multipart_uploads"}) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE bucket = ? AND upload_id = ?")) {
        s.setString(1, bucket);
        s.setString(2, uploadId);
        s.executeUpdate();
      }
    }
  }

  /** Runs {@code sql} with {@code args} as its parameters; returns how many rows it changed. */
  private static int update(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }

  /** Most objects have no tags, user metadata or extra headers: their "{}" costs no JSON writer. */
  private static String toJson(Object value) {
    return value instanceof Map<?, ?> m && m.isEmpty() ? "{}" : Json.mapper().writeValueAsString(value);
  }
}
