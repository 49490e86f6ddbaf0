package io.mocks3.projector.projection;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.event.BucketConfigSet;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.BucketDeleted;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.MultipartUploadAborted;
import io.mocks3.schemas.event.MultipartUploadCreated;
import io.mocks3.schemas.event.PartUploaded;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectTagsSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Bucket and object metadata in PostgreSQL, the gateway's read model. Each event is one
 * transaction of three round trips (raise the bucket's high-water mark, write, commit); an event
 * at or below the mark was applied before and changes nothing.
 *
 * <p>A failed transaction is rolled back and retried, 4 times at most, 50 ms apart and doubling;
 * after that the failure goes up to the stream thread, which resumes from its last commit. The
 * fault point {@code metadata-db} sits just before the commit: a delay is a slow transaction that
 * holds its locks, an error a transaction that fails and is rolled back.
 */
public final class PostgresMetadataProjection implements MetadataProjection {
  private static final Logger log = LoggerFactory.getLogger(PostgresMetadataProjection.class);
  private final DataSource dataSource;
  private final FaultAgent faults;
  private final RetryTemplate retries;

  /** Without faults and retry metrics (tests). */
  public PostgresMetadataProjection(DataSource dataSource) {
    this(dataSource, null, null);
  }

  /**
   * @param faults the agent of the {@code metadata-db} point; null for none
   * @param meters where retries are counted ({@code retry_attempts_total{task="projection"}}); null for nowhere
   */
  public PostgresMetadataProjection(DataSource dataSource, FaultAgent faults, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.faults = faults;
    this.retries = new RetryTemplate(RetryPolicy.builder().maxRetries(4).delay(Duration.ofMillis(50)).multiplier(2)
        .maxDelay(Duration.ofSeconds(1)).build());
    Counter retried = meters == null ? null : Counter.builder("retry.attempts")
        .description("attempts after a failure, by task").tag("task", "projection").register(meters);
    this.retries.setRetryListener(new RetryListener() {
      @Override
      public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
        log.warn("projection transaction failed and was rolled back; trying it again");
        if (retried != null) {
          retried.increment();
        }
      }
    });
  }

  @Override
  public void apply(Event event) {
    if (!changesState(event)) {
      return;
    }
    try {
      retries.execute(() -> {
        transaction(event);
        return null;
      });
    } catch (RetryException e) {
      Throwable last = e.getCause() == null ? e : e.getCause();
      throw last instanceof RuntimeException r ? r : new ProjectionException("cannot project " + event, last);
    }
  }

  private void transaction(Event event) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (raiseHighWaterMark(c, event)) {
          write(c, event);
        }
        inject(event);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ProjectionException("cannot project " + event, e);
    }
  }

  /** The {@code metadata-db} fault point: a delay holds the open transaction, an error fails it (it is rolled back). */
  private void inject(Event event) {
    if (faults != null && faults.armed()) {
      String key = event instanceof ObjectCreated o ? o.key().value() : event instanceof ObjectDeleted d ? d.key().value() : null;
      String operation = event.getClass().getSimpleName();
      try {
        faults.apply(new FaultTarget("metadata-db", "metadata-db", operation, event.bucket().value(), key, null,
            "metadata-db " + operation + " " + event.bucket().value() + (key == null ? "" : "/" + key)));
      } catch (InjectedFault f) {
        throw new ProjectionException("injected: transaction failed (" + f.getMessage() + ")", f);
      }
    }
  }

  private static boolean changesState(Event e) {
    return !(e instanceof CommandRejected);
  }

  /**
   * Raises the bucket's high-water mark to the event's sequence, in one statement that also locks
   * the row until commit. False when the mark is already there: the event was applied before.
   */
  private static boolean raiseHighWaterMark(Connection c, Event e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO bucket_progress(bucket, applied_sequence) VALUES (?, ?)
        ON CONFLICT (bucket) DO UPDATE SET applied_sequence = EXCLUDED.applied_sequence
        WHERE bucket_progress.applied_sequence < EXCLUDED.applied_sequence
        """)) {
      s.setString(1, e.bucket().value());
      s.setLong(2, e.sequence());
      return s.executeUpdate() == 1;
    }
  }

  private static void write(Connection c, Event event) throws SQLException {
    String bucket = event.bucket().value();
    if (event instanceof BucketCreated e) {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO buckets(name, created_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET created_at = EXCLUDED.created_at")) {
        s.setString(1, bucket);
        s.setTimestamp(2, Timestamp.from(e.at()));
        s.executeUpdate();
      }
    } else if (event instanceof BucketDeleted) {
      update(c, "DELETE FROM objects WHERE bucket = ?", bucket);
      update(c, "DELETE FROM object_versions WHERE bucket = ?", bucket);
      update(c, "DELETE FROM bucket_config WHERE bucket = ?", bucket);
      update(c, "DELETE FROM buckets WHERE name = ?", bucket);
    } else if (event instanceof BucketConfigSet e) {
      setBucketConfig(c, e);
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
    String sql = """
        INSERT INTO objects(bucket, key, blob_id, size, etag, content_type, headers, user_metadata, last_modified, sequence,
          parts, tags, checksums, version_id)
        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
        ON CONFLICT (bucket, key) DO UPDATE SET version_id = EXCLUDED.version_id, blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,
          etag = EXCLUDED.etag, content_type = EXCLUDED.content_type, headers = EXCLUDED.headers,
          user_metadata = EXCLUDED.user_metadata, last_modified = EXCLUDED.last_modified, sequence = EXCLUDED.sequence,
          parts = EXCLUDED.parts, tags = EXCLUDED.tags, checksums = EXCLUDED.checksums
        """;
    try (PreparedStatement s = c.prepareStatement(sql)) {
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
      s.executeUpdate();
    }
  }

  private static void insertUpload(Connection c, MultipartUploadCreated e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO multipart_uploads(bucket, upload_id, key, content_type, headers, user_metadata, initiated_at, tags)
        VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb) ON CONFLICT DO NOTHING
        """)) {
      s.setString(1, e.bucket().value());
      s.setString(2, e.uploadId());
      s.setString(3, e.key().value());
      s.setString(4, e.metadata().contentType());
      s.setString(5, toJson(e.metadata().headers()));
      s.setString(6, toJson(e.metadata().userMetadata()));
      s.setTimestamp(7, Timestamp.from(e.at()));
      s.setString(8, toJson(e.metadata().tags()));
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

  private static void setBucketConfig(Connection c, BucketConfigSet e) throws SQLException {
    if (e.document() == null) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM bucket_config WHERE bucket = ? AND kind = ?")) {
        s.setString(1, e.bucket().value());
        s.setString(2, e.kind());
        s.executeUpdate();
      }
      return;
    }
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO bucket_config(bucket, kind, document) VALUES (?, ?, ?)
        ON CONFLICT (bucket, kind) DO UPDATE SET document = EXCLUDED.document
        """)) {
      s.setString(1, e.bucket().value());
      s.setString(2, e.kind());
      s.setString(3, e.document());
      s.executeUpdate();
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

  private static String toJson(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** PostgreSQL refused an event; the caller retries rather than lose it. */
  public static final class ProjectionException extends RuntimeException {
    ProjectionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
