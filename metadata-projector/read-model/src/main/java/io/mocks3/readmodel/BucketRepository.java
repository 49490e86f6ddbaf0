package io.mocks3.readmodel;

import io.mocks3.schemas.Owner;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Buckets and their configuration documents (tables buckets and bucket_config). */
public final class BucketRepository {
  private final JdbcClient jdbc;

  public BucketRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One configuration document of a bucket: its {@code kind} (lifecycle, origin...) in S3 XML or JSON. */
  public record BucketConfig(String bucket, String document) {}

  /** The columns of a bucket read with its lifecycle configuration: {@code b} the bucket, {@code c} its configuration. */
  static final String BUCKET_COLUMNS = "b.name, b.created_at, b.owner_id, b.owner_name, c.document";
  /** Where {@link #BUCKET_COLUMNS} come from: buckets ({@code b}), each with its lifecycle configuration if it has one ({@code c}). */
  static final String BUCKET_WITH_LIFECYCLE = "buckets b LEFT JOIN bucket_config c ON c.bucket = b.name AND c.kind = '"
      + LifecycleConfiguration.KIND + "'";

  /** The bucket, with its lifecycle configuration (one query: every object read and strong write asks). */
  public Optional<BucketRow> bucket(String name) {
    return jdbc.sql("SELECT " + BUCKET_COLUMNS + " FROM " + BUCKET_WITH_LIFECYCLE + " WHERE b.name = ?")
        .param(name)
        .query((rs, n) -> row(rs, 1, true))
        .optional();
  }

  /** Every bucket, by name in byte order (S3's, and ListBuckets' continuation compares names so). */
  public List<BucketRow> buckets() {
    return jdbc.sql("SELECT name, created_at, owner_id, owner_name FROM buckets ORDER BY name COLLATE \"C\"")
        .query((rs, n) -> row(rs, 1, false))
        .list();
  }

  /**
   * The bucket whose columns start at {@code first}: name, created at, owner id and name, then,
   * {@code withLifecycle}, its lifecycle document.
   */
  static BucketRow row(ResultSet rs, int first, boolean withLifecycle) throws SQLException {
    String ownerId = rs.getString(first + 2);
    return new BucketRow(rs.getString(first), rs.getTimestamp(first + 1).toInstant(),
        ownerId == null ? null : new Owner(ownerId, rs.getString(first + 3)), withLifecycle ? rs.getString(first + 4) : null);
  }

  /** Every bucket's name in code point order; streams like {@link ObjectRepository#allVersions()}; close the stream. */
  public Stream<String> allNames() {
    return jdbc.sql("SELECT name FROM buckets ORDER BY name COLLATE \"C\"").query(String.class).stream();
  }

  /** The bucket's {@code kind} configuration document, if it has one. */
  public Optional<String> config(String bucket, String kind) {
    return jdbc.sql("SELECT document FROM bucket_config WHERE bucket = ? AND kind = ?")
        .params(bucket, kind)
        .query(String.class)
        .optional();
  }

  /** The {@code kind} configuration of every bucket that has one. */
  public List<BucketConfig> configs(String kind) {
    return jdbc.sql("SELECT bucket, document FROM bucket_config WHERE kind = ?")
        .param(kind)
        .query((r, i) -> new BucketConfig(r.getString(1), r.getString(2)))
        .list();
  }
}
