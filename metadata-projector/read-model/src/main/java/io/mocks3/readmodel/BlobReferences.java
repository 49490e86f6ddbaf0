package io.mocks3.readmodel;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
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
   * Which of a list of blobs some row stands on. Each table answers each blob from its indexes
   * (migration V5): a million objects cost a few index probes per blob, not a scan;
   * {@code SnapshotQueriesIT} checks the plan. One statement for the whole list, so a blob moving
   * between tables in one projection transaction is never seen in neither.
   */
  static final String REFERENCED = """
      SELECT b FROM unnest(?::text[]) AS b
      WHERE EXISTS (SELECT 1 FROM objects o WHERE o.blob_id = b OR o.parts @> jsonb_build_array(jsonb_build_object('id', b)))
         OR EXISTS (SELECT 1 FROM object_versions v WHERE v.blob_id = b OR v.parts @> jsonb_build_array(jsonb_build_object('id', b)))
         OR EXISTS (SELECT 1 FROM multipart_parts m WHERE m.blob_id = b)
      """;

  /**
   * The blobs of {@code blobs} that a current or noncurrent version (its blob, its manifest, or one
   * of its parts), or a part of an upload in progress, stands on.
   */
  public Set<String> referenced(Collection<String> blobs) {
    if (blobs.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql(REFERENCED).param(blobs.toArray(String[]::new)).query(String.class).list());
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
