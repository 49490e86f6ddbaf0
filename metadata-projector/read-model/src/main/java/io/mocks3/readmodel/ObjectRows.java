package io.mocks3.readmodel;

import io.mocks3.schemas.BlobId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The SQL text and row mapping of current objects and versions, shared by every object query. */
final class ObjectRows {
  static final String OBJECT_COLUMNS = "key, blob_id, size, etag, content_type, headers::text, user_metadata::text,"
      + " last_modified, parts::text, tags::text, checksums::text, version_id";
  static final int OBJECT_COLUMN_COUNT = OBJECT_COLUMNS.split(",").length;
  /** {@link #OBJECT_COLUMNS} of a query that names the objects table {@code o}. */
  static final String OBJECT_COLUMNS_OF_O = Arrays.stream(OBJECT_COLUMNS.split(","))
      .map(column -> "o." + column.strip()).collect(Collectors.joining(", "));
  /**
   * Every version of the keys a query names, current ones (from objects) and the rest (from
   * object_versions), with whether each is its key's latest: the current version always is; a
   * delete marker is when the key has no current version and nothing newer. {@code %1$s} is a
   * condition on either table's rows, {@code %2$s} what ends each table's part: nothing, or an
   * order and a limit, so that each table is read along its index and stops (a page of a big bucket
   * reads a page of each, not every version under the prefix).
   */
  static final String VERSIONS = """
      SELECT * FROM (
        (SELECT key, blob_id, size, etag, content_type, headers::text, user_metadata::text, last_modified, parts::text,
          tags::text, checksums::text, coalesce(version_id, 'null') AS version_id, sequence, false AS delete_marker,
          true AS latest
        FROM objects WHERE bucket = ? AND %1$s %2$s)
        UNION ALL
        (SELECT v.key, v.blob_id, v.size, v.etag, v.content_type, v.headers::text, v.user_metadata::text, v.last_modified,
          v.parts::text, v.tags::text, v.checksums::text, v.version_id, v.sequence, v.delete_marker,
          NOT EXISTS (SELECT 1 FROM objects o WHERE o.bucket = v.bucket AND o.key = v.key)
            AND NOT EXISTS (SELECT 1 FROM object_versions w WHERE w.bucket = v.bucket AND w.key = v.key AND w.sequence > v.sequence)
        FROM object_versions v WHERE v.bucket = ? AND %1$s %2$s)
      ) versions
      """;

  private ObjectRows() {}

  static ObjectRow objectRow(ResultSet rs, int n) throws SQLException {
    return new ObjectRow(
        rs.getString(1),
        BlobId.of(rs.getString(2)),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        ColumnJson.stringMap(rs.getString(6)),
        ColumnJson.stringMap(rs.getString(7)),
        ColumnJson.stringMap(rs.getString(10)),
        ColumnJson.checksums(rs.getString(11)),
        rs.getTimestamp(8).toInstant(),
        ColumnJson.blobs(rs.getString(9)),
        rs.getString(12));
  }

  static VersionRow versionRow(ResultSet rs, int n) throws SQLException {
    boolean marker = rs.getBoolean(14);
    return new VersionRow(rs.getString(1), rs.getString(12), rs.getLong(13), marker, rs.getBoolean(15),
        rs.getTimestamp(8).toInstant(), marker ? null : objectRow(rs, n));
  }

  /** A LIKE pattern (escape character backslash) matching every key that starts with {@code prefix}. */
  static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
