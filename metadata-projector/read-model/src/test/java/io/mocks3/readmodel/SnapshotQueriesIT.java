package io.mocks3.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The consistency check's streamed queries and the GC's reference test on the projector's own schema. */
class SnapshotQueriesIT {
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void start() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).load().migrate();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO buckets(name, created_at) VALUES ('b', now()), ('a-b', now()), ('a', now())");
      s.execute("""
          INSERT INTO objects(bucket, key, version_id, blob_id, size, etag, content_type, headers, user_metadata, last_modified,
            sequence, parts, tags, checksums) VALUES
          ('a', 'k', NULL, 'blob-k', 3, 'md5k', 'text/plain', '{}', '{}', now(), 1, NULL, '{}', '{}'),
          ('a', 'k!', 'v2', 'manifest', 8, 'md5m-2', 'text/plain', '{}', '{}', now(), 3,
            '[{"id":"part-2","size":4,"md5Hex":"p2"},{"id":"part-1","size":4,"md5Hex":"p1"}]', '{}', '{}'),
          ('a-b', 'x', NULL, 'blob-x', 1, 'md5x', 'text/plain', '{}', '{}', now(), 1, NULL, '{}', '{}')
          """);
      s.execute("""
          INSERT INTO object_versions(bucket, key, version_id, sequence, delete_marker, blob_id, size, etag, content_type,
            headers, user_metadata, last_modified, parts, tags, checksums) VALUES
          ('a', 'k!', 'v1', 2, false, 'blob-old', 2, 'md5o', 'text/plain', '{}', '{}', now(), NULL, '{}', '{}')
          """);
      s.execute("INSERT INTO object_versions(bucket, key, version_id, sequence, delete_marker, last_modified)"
          + " VALUES ('a', 'k!', 'v0', 1, true, now())");
    }
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Test
  void everyVersionAndBucketComesInCodePointOrderOfTheWholeId() throws SQLException {
    try (ReadModelSnapshot pg = ReadModelSnapshot.open(dataSource); Stream<StoredVersion> versions = pg.objects().allVersions();
        Stream<String> names = pg.buckets().allNames()) {
      assertThat(versions.map(StoredVersion::id).toList()).containsExactly("a-b/x#null", "a/k!#v0", "a/k!#v1", "a/k!#v2",
          "a/k#null");
      assertThat(names.toList()).containsExactly("a", "a-b", "b");
    }
  }

  @Test
  void referencedBlobsAreAnObjectsPartsOrElseItsBlob_InIdOrder() throws SQLException {
    try (ReadModelSnapshot pg = ReadModelSnapshot.open(dataSource);
        Stream<BlobReferences.ReferencedBlob> blobs = pg.blobs().allReferenced()) {
      assertThat(blobs.toList()).containsExactly(
          new BlobReferences.ReferencedBlob("blob-k", "3", "md5k"),
          new BlobReferences.ReferencedBlob("blob-old", "2", "md5o"),
          new BlobReferences.ReferencedBlob("blob-x", "1", "md5x"),
          new BlobReferences.ReferencedBlob("part-1", "4", "p1"),
          new BlobReferences.ReferencedBlob("part-2", "4", "p2"));
    }
  }

  @Test
  void aBlobIsReferencedByAnObjectItsManifestOrItsParts() {
    BlobReferences references = new BlobReferences(JdbcClient.create(dataSource));
    assertThat(references.referenced(List.of("blob-k", "garbage", "manifest", "part-1", "blob-old", "blob-x", "part-2")))
        .containsExactlyInAnyOrder("blob-k", "manifest", "part-1", "blob-old", "blob-x", "part-2");
    assertThat(references.referenced(List.of("garbage", "another"))).isEmpty();
    assertThat(references.referenced(List.of())).isEmpty();
  }

  /**
   * The task workers ask this for every batch of orphan blobs: with a scan per table, a million
   * objects made each blob cost 300 ms. With sequential scans priced out, every table must still be answerable
   * (a query rewritten so that an index no longer applies fails here, whatever the tables' sizes).
   */
  @Test
  void whichBlobsAreReferenced_IsAnsweredFromIndexes() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      var explain = c.prepareStatement("EXPLAIN " + BlobReferences.REFERENCED);
      explain.setArray(1, c.createArrayOf("text", new String[] {"blob-k", "garbage", "part-1"}));
      StringBuilder plan = new StringBuilder();
      try (var rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).doesNotContain("Seq Scan")
          .contains("objects_blob", "objects_parts", "object_versions_blob", "object_versions_parts", "multipart_parts_blob");
    }
  }
}
