package io.mocks3.readmodel;

import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which stored blobs the read model stands on: current and noncurrent objects and the parts of
 * uploads in progress. One statement each, so a blob moving between tables in one projection
 * transaction (an upload completed: its parts become an object's) is never seen in neither.
 */
public final class BlobReferences {
  private final JdbcClient jdbc;

  public BlobReferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A referenced blob with the size and MD5 the read model expects of it (both as stored, as text). */
  public record ReferencedBlob(String id, String size, String md5) {}

  /**
   * The rows standing on a blob: each table answers from its indexes (migration V5), a million
   * objects cost a few index probes, not a scan; {@code SnapshotQueriesIT} checks the plan.
   */
  static final String REFERENCES = """
      SELECT (SELECT count(*) FROM objects WHERE blob_id = ? OR parts @> ?::jsonb)
           + (SELECT count(*) FROM object_versions WHERE blob_id = ? OR parts @> ?::jsonb)
           + (SELECT count(*) FROM multipart_parts WHERE blob_id = ?)
      """;

  /**
   * Whether any current or noncurrent version (its blob, its manifest, or one of its parts), or
   * any part of an upload in progress, stands on {@code blob}.
   */
  public boolean isReferenced(String blob) {
    String part = "[{\"id\":\"" + blob + "\"}]";
    Integer n = jdbc.sql(REFERENCES)
        .params(blob, part, blob, part, blob)
        .query(Integer.class)
        .single();
    return n != null && n > 0;
  }

  /**
   * The blobs a node must hold, in the code point order of their ids: each object's parts when it
   * was assembled from them, else its blob; every part of every upload in progress. A blob listed
   * by several rows comes once per row, in the order objects, noncurrent versions, upload parts
   * (the last one is the newest statement of what it should be). Streams like
   * {@link ObjectRepository#allVersions()}; close the stream.
   */
  public Stream<ReferencedBlob> allReferenced() {
    return jdbc.sql("""
            SELECT id, size, md5 FROM (
              SELECT blob_id AS id, size::text AS size, etag AS md5, 1 AS source FROM objects WHERE parts IS NULL
              UNION ALL
              SELECT coalesce(p->>'id', ''), p->>'size', p->>'md5Hex', 1 FROM objects, jsonb_array_elements(parts) p
                WHERE jsonb_typeof(parts) = 'array'
              UNION ALL
              SELECT blob_id, size::text, etag, 2 FROM object_versions WHERE NOT delete_marker AND parts IS NULL
              UNION ALL
              SELECT coalesce(p->>'id', ''), p->>'size', p->>'md5Hex', 2 FROM object_versions, jsonb_array_elements(parts) p
                WHERE NOT delete_marker AND jsonb_typeof(parts) = 'array'
              UNION ALL
              SELECT blob_id, size::text, etag, 3 FROM multipart_parts
            ) r ORDER BY id COLLATE "C", source
            """)
        .query((r, i) -> new ReferencedBlob(r.getString(1), nullToEmpty(r.getString(2)), nullToEmpty(r.getString(3))))
        .stream();
  }

  /** A part entry without the field reads as "", as Jackson's asText() of a missing field did. */
  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
