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
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of each event, in one open transaction. Statements are held ({@link PipelinedStatements})
 * and sent together when the transaction's last statement is added, or before one whose answer
 * decides what comes next: a batch of events usually costs one round trip, not one per statement.
 * Writes of plain objects (unversioned, not a completed upload: what a bulk PUT produces) are held
 * as rows and written by one statement when a different statement or the commit comes. A later
 * write of the same key in the run replaces the held one (each upsert replaces the whole row, so
 * only the last counts, and one upsert may not touch a row twice).
 */
final class ReadModelWriter {
  /** Rows as arrays, one per column: one statement, and one plan, for any number of objects. */
  private static final String UPSERT_OBJECTS = """
      INSERT INTO objects(bucket, key, blob_id, size, etag, content_type, headers, user_metadata, last_modified, sequence,
        parts, tags, checksums, version_id)
      SELECT bucket, key, blob_id, size, etag, content_type, headers::jsonb, user_metadata::jsonb, last_modified::timestamptz,
        sequence, parts::jsonb, tags::jsonb, checksums::jsonb, version_id
      FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
        ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
        AS r(bucket, key, blob_id, size, etag, content_type, headers, user_metadata, last_modified, sequence, parts, tags,
          checksums, version_id)
      ON CONFLICT (bucket, key) DO UPDATE SET version_id = EXCLUDED.version_id, blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,
        etag = EXCLUDED.etag, content_type = EXCLUDED.content_type, headers = EXCLUDED.headers,
        user_metadata = EXCLUDED.user_metadata, last_modified = EXCLUDED.last_modified, sequence = EXCLUDED.sequence,
        parts = EXCLUDED.parts, tags = EXCLUDED.tags, checksums = EXCLUDED.checksums
      """;
  private static final int HELD_AT_MOST = 1000;
  private final Connection c;
  private final PipelinedStatements pending;
  /** Plain object writes not sent yet, by bucket and key (NUL between: keys cannot contain it). */
  private final Map<String, ObjectCreated> heldObjects = new LinkedHashMap<>();

  /** @param pending where this writer's statements wait to be sent, with the transaction's others */
  ReadModelWriter(Connection c, PipelinedStatements pending) {
    this.c = c;
    this.pending = pending;
  }

  /** Writes {@code event}'s rows, or holds them for the next batch when it is a plain object write. */
  void write(Event event) throws SQLException {
    if (event instanceof ObjectCreated e && e.versionId() == null && e.uploadId() == null) {
      heldObjects.remove(rowKey(e));
      heldObjects.put(rowKey(e), e);
      return;
    }
    flush();
    writeNow(event);
  }

  /** Adds the held object writes to the pending statements; the transaction's writes are then all added, in order. */
  void flush() throws SQLException {
    if (heldObjects.isEmpty()) {
      return;
    }
    upsertObjects(heldObjects.values());
    heldObjects.clear();
  }

  private static String rowKey(ObjectCreated e) {
    return e.bucket().value() + '\0' + e.key().value();
  }

  private void writeNow(Event event) throws SQLException {
    String bucket = event.bucket().value();
    if (event instanceof BucketCreated e) {
      update("INSERT INTO buckets(name, created_at, owner_id, owner_name) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE"
          + " SET created_at = EXCLUDED.created_at, owner_id = EXCLUDED.owner_id, owner_name = EXCLUDED.owner_name",
          bucket, Timestamp.from(e.at()), e.owner() == null ? null : e.owner().id(), e.owner() == null ? null : e.owner().displayName());
      if (e.withObjectLock()) {
        // What the decider's state has for such a bucket: versioning enabled, Object Lock with no default retention.
        setBucketConfig(bucket, Versioning.KIND, Versioning.ENABLED);
        setBucketConfig(bucket, ObjectLockConfiguration.KIND, Json.mapper().writeValueAsString(new ObjectLockConfiguration(null)));
      }
    } else if (event instanceof BucketDeleted) {
      update("DELETE FROM objects WHERE bucket = ?", bucket);
      update("DELETE FROM object_versions WHERE bucket = ?", bucket);
      update("DELETE FROM bucket_config WHERE bucket = ?", bucket);
      update("DELETE FROM buckets WHERE name = ?", bucket);
    } else if (event instanceof BucketConfigSet e) {
      setBucketConfig(bucket, e.kind(), e.document());
    } else if (event instanceof ObjectLockSet e) {
      replaceHeaders(e.bucket().value(), e.key().value(), e.versionId(), ObjectLock.HEADERS,
          e.lock() == null ? Map.of() : e.lock().headers());
    } else if (event instanceof ObjectAclSet e) {
      replaceHeaders(e.bucket().value(), e.key().value(), e.versionId(), Acls.HEADERS, e.acl());
    } else if (event instanceof ObjectTagsSet e) {
      update("UPDATE objects SET tags = ?::jsonb WHERE bucket = ? AND key = ?", toJson(e.tags()), bucket, e.key().value());
    } else if (event instanceof ObjectCreated e) {
      if (e.versionId() != null) {
        retireCurrent(bucket, e.key().value(), e.versionId());
        forgetVersion(bucket, e.key().value(), e.versionId());
      }
      upsertObjects(List.of(e));
      if (e.uploadId() != null) {
        forgetUpload(bucket, e.uploadId());
      }
    } else if (event instanceof MultipartUploadCreated e) {
      update("""
          INSERT INTO multipart_uploads(bucket, upload_id, key, content_type, headers, user_metadata, initiated_at, tags,
            initiator_id, initiator_name)
          VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING
          """, bucket, e.uploadId(), e.key().value(), e.metadata().contentType(), toJson(e.metadata().headers()),
          toJson(e.metadata().userMetadata()), Timestamp.from(e.at()), toJson(e.metadata().tags()),
          e.initiator() == null ? null : e.initiator().id(), e.initiator() == null ? null : e.initiator().displayName());
    } else if (event instanceof PartUploaded e) {
      update("""
          INSERT INTO multipart_parts(bucket, upload_id, part_number, blob_id, size, etag, last_modified, checksums)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
          ON CONFLICT (bucket, upload_id, part_number) DO UPDATE SET blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,
            etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, checksums = EXCLUDED.checksums
          """, bucket, e.uploadId(), e.partNumber(), e.blob().id().value(), e.blob().size(), e.blob().md5Hex(),
          Timestamp.from(e.at()), toJson(e.blob().checksums()));
    } else if (event instanceof MultipartUploadAborted e) {
      forgetUpload(bucket, e.uploadId());
    } else if (event instanceof ObjectDeleted e) {
      deleteObject(bucket, e);
    }
  }

  private void deleteObject(String bucket, ObjectDeleted e) throws SQLException {
    String key = e.key().value();
    if (e.versionId() == null) {
      update("DELETE FROM objects WHERE bucket = ? AND key = ?", bucket, key);
    } else if (e.created()) {
      retireCurrent(bucket, key, e.versionId());
      update("DELETE FROM objects WHERE bucket = ? AND key = ?", bucket, key);
      forgetVersion(bucket, key, e.versionId());
      update("""
          INSERT INTO object_versions(bucket, key, version_id, sequence, delete_marker, last_modified)
          VALUES (?, ?, ?, ?, true, ?) ON CONFLICT DO NOTHING
          """, bucket, key, e.versionId(), e.sequence(), Timestamp.from(e.at()));
    } else {
      if (!deleteCurrent(bucket, key, e.versionId())) {
        forgetVersion(bucket, key, e.versionId());
      }
      promoteNewest(bucket, key);
    }
  }

  /** The current version becomes noncurrent, unless it has {@code versionId} (then the new version replaces it). */
  private void retireCurrent(String bucket, String key, String versionId) throws SQLException {
    update("""
        INSERT INTO object_versions(bucket, key, version_id, sequence, delete_marker, blob_id, size, etag, content_type,
          headers, user_metadata, last_modified, parts, tags, checksums)
        SELECT bucket, key, coalesce(version_id, 'null'), sequence, false, blob_id, size, etag, content_type,
          headers, user_metadata, last_modified, parts, tags, checksums
        FROM objects WHERE bucket = ? AND key = ? AND coalesce(version_id, 'null') <> ?
        ON CONFLICT DO NOTHING
        """, bucket, key, versionId);
  }

  private void forgetVersion(String bucket, String key, String versionId) throws SQLException {
    update("DELETE FROM object_versions WHERE bucket = ? AND key = ? AND version_id = ?", bucket, key, versionId);
  }

  /** Sent at once: whether it deleted a row decides the next statement. */
  private boolean deleteCurrent(String bucket, String key, String versionId) throws SQLException {
    return updateNow("DELETE FROM objects WHERE bucket = ? AND key = ? AND coalesce(version_id, 'null') = ?",
        bucket, key, versionId) == 1;
  }

  /**
   * When the key has no current version (it was just deleted, or the latest version was a delete marker that
   * was just deleted), the newest remaining version becomes current, unless that is a delete marker.
   */
  private void promoteNewest(String bucket, String key) throws SQLException {
    update("""
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

  private void upsertObjects(Collection<ObjectCreated> rows) throws SQLException {
    int n = rows.size();
    Object[][] columns = new Object[14][n];
    int row = 0;
    for (ObjectCreated e : rows) {
      columns[0][row] = e.bucket().value();
      columns[1][row] = e.key().value();
      columns[2][row] = e.blob().id().value();
      columns[3][row] = e.blob().size();
      columns[4][row] = e.blob().md5Hex();
      columns[5][row] = e.metadata().contentType();
      columns[6][row] = toJson(e.metadata().headers());
      columns[7][row] = toJson(e.metadata().userMetadata());
      columns[8][row] = e.at().toString(); // ISO-8601 in UTC: the instant, whatever the session's time zone
      columns[9][row] = e.sequence();
      columns[10][row] = e.parts() == null ? null : toJson(e.parts());
      columns[11][row] = toJson(e.metadata().tags());
      columns[12][row] = toJson(e.blob().checksums());
      columns[13][row] = e.versionId();
      row++;
    }
    Object[] arrays = new Object[14];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = c.createArrayOf(i == 3 || i == 9 ? "bigint" : "text", columns[i]);
    }
    update(UPSERT_OBJECTS, arrays);
  }

  /** The bucket's {@code kind} configuration becomes {@code document}; null removes it. */
  private void setBucketConfig(String bucket, String kind, String document) throws SQLException {
    if (document == null) {
      update("DELETE FROM bucket_config WHERE bucket = ? AND kind = ?", bucket, kind);
      return;
    }
    update("""
        INSERT INTO bucket_config(bucket, kind, document) VALUES (?, ?, ?)
        ON CONFLICT (bucket, kind) DO UPDATE SET document = EXCLUDED.document
        """, bucket, kind, document);
  }

  /**
   * One version's stored headers of one family ({@code names}: its lock's, its ACL's) become
   * {@code values}: in its current row or its noncurrent one, wherever it is (the first update is
   * sent at once: whether it found the version decides the second).
   */
  private void replaceHeaders(String bucket, String key, String versionId, List<String> names,
      Map<String, String> values) throws SQLException {
    String replaced = "(headers - '" + String.join("' - '", names) + "') || ?::jsonb";
    String json = toJson(values);
    if (updateNow("UPDATE objects SET headers = " + replaced + " WHERE bucket = ? AND key = ? AND coalesce(version_id, 'null') = ?",
        json, bucket, key, versionId) == 0) {
      update("UPDATE object_versions SET headers = " + replaced + " WHERE bucket = ? AND key = ? AND version_id = ?",
          json, bucket, key, versionId);
    }
  }

  private void forgetUpload(String bucket, String uploadId) throws SQLException {
    update("DELETE FROM multipart_parts WHERE bucket = ? AND upload_id = ?", bucket, uploadId);
    update("DELETE FROM multipart_uploads WHERE bucket = ? AND upload_id = ?", bucket, uploadId);
  }

  /**
   * Holds {@code sql} with {@code args} as its parameters, to be sent with the transaction's others;
   * sends what is held every {@value #HELD_AT_MOST} statements (a replay's batch of versioned writes),
   * so that no query grows without bound.
   */
  private void update(String sql, Object... args) throws SQLException {
    if (pending.size() >= HELD_AT_MOST) {
      pending.send(c);
    }
    pending.add(sql, args);
  }

  /** Sends the pending statements and {@code sql}; returns how many rows {@code sql} changed. */
  private int updateNow(String sql, Object... args) throws SQLException {
    int index = pending.add(sql, args);
    return (Integer) pending.send(c).get(index);
  }

  /** Most objects have no tags, user metadata or extra headers: their "{}" costs no JSON writer. */
  private static String toJson(Object value) {
    return value instanceof Map<?, ?> m && m.isEmpty() ? "{}" : Json.mapper().writeValueAsString(value);
  }
}
