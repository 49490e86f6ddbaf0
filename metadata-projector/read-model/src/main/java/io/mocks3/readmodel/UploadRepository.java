package io.mocks3.readmodel;

import io.mocks3.schemas.Owner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Multipart uploads in progress and their parts (tables multipart_uploads and multipart_parts). */
public final class UploadRepository {
  private static final String UPLOAD_COLUMNS = "upload_id, key, initiated_at, initiator_id, initiator_name, headers::text";
  private final JdbcClient jdbc;

  public UploadRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An open upload with its bucket, for the sweeps that look across buckets. */
  public record OpenUpload(String bucket, String key, String uploadId, Instant initiatedAt) {}

  public Optional<UploadRow> upload(String bucket, String uploadId) {
    return jdbc.sql("SELECT " + UPLOAD_COLUMNS + " FROM multipart_uploads"
        + " WHERE bucket = ? AND upload_id = ?")
        .params(bucket, uploadId)
        .query((rs, n) -> row(rs))
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
    List<Object> params = new ArrayList<>(List.of(bucket, ObjectRows.likePrefix(prefix == null ? "" : prefix), marker));
    if (idMarker != null) {
      params.addAll(List.of(marker, bucket, idMarker));
    }
    params.add(limit);
    return jdbc.sql("SELECT " + UPLOAD_COLUMNS + " FROM multipart_uploads"
            + " WHERE bucket = ? AND key LIKE ? ESCAPE '\\' AND "
            + after + " ORDER BY key, initiated_at, upload_id LIMIT ?")
        .params(params)
        .query((rs, n) -> row(rs))
        .list();
  }

  /** Parts of an upload numbered above {@code after}, in order, at most {@code limit}. */
  public List<PartRow> parts(String bucket, String uploadId, int after, int limit) {
    return jdbc.sql("SELECT part_number, size, etag, checksums::text, last_modified FROM multipart_parts"
            + " WHERE bucket = ? AND upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?")
        .params(bucket, uploadId, after, limit)
        .query((rs, n) -> new PartRow(rs.getInt(1), rs.getLong(2), rs.getString(3), ColumnJson.checksums(rs.getString(4)),
            rs.getTimestamp(5).toInstant()))
        .list();
  }

  /**
   * Uploads initiated at or before {@code cutoff} whose key starts with {@code prefix}, of
   * {@code bucket} (of every bucket when null), oldest first, at most {@code limit}.
   */
  public List<OpenUpload> initiatedBefore(Instant cutoff, String bucket, String prefix, int limit) {
    String sql = "SELECT bucket, key, upload_id, initiated_at FROM multipart_uploads WHERE initiated_at <= ?"
        + " AND starts_with(key, ?)" + (bucket == null ? "" : " AND bucket = ?") + " ORDER BY initiated_at LIMIT " + limit;
    List<Object> params = new ArrayList<>(List.of(Timestamp.from(cutoff), prefix));
    if (bucket != null) {
      params.add(bucket);
    }
    return jdbc.sql(sql)
        .params(params)
        .query((r, i) -> new OpenUpload(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant()))
        .list();
  }

  private static UploadRow row(ResultSet rs) throws SQLException {
    String initiatorId = rs.getString(4);
    return new UploadRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
        initiatorId == null ? null : new Owner(initiatorId, rs.getString(5)), ColumnJson.stringMap(rs.getString(6)));
  }
}
