package io.mocks3.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** ListObjects and ListObjectVersions paging on the projector's own schema: every page size continues exactly. */
class ListingQueriesIT {
  private static EmbeddedPostgres postgres;
  private static SingleConnectionDataSource connection;
  private static JdbcClient jdbc;
  private static ObjectRepository objects;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).load().migrate();
    // One connection for the whole class: the embedded database's own DataSource opens a new one per
    // statement (a server process forked each time), and the Unicode-edge tests make thousands of them.
    connection = new SingleConnectionDataSource(dataSource.getConnection(), true);
    jdbc = JdbcClient.create(connection);
    objects = new ObjectRepository(jdbc);
  }

  @AfterAll
  static void stop() throws IOException {
    connection.destroy();
    postgres.close();
  }

  /**
   * 'a': a "null" version written before versioning, then two versions; 'b': only its pre-versioning
   * object (version_id NULL); 'c': a delete marker over a "null" version; 'd/x', 'd/y' under a
   * common prefix; 'e': one version.
   */
  private static void versionedBucket(String bucket) {
    current(bucket, "a", "a3", 3);
    noncurrent(bucket, "a", "a2", 2, false);
    noncurrent(bucket, "a", "null", 1, false);
    current(bucket, "b", null, 1);
    noncurrent(bucket, "c", "c2", 2, true);
    noncurrent(bucket, "c", "null", 1, false);
    current(bucket, "d/x", "dx", 1);
    current(bucket, "d/y", "dy", 1);
    current(bucket, "e", "e1", 1);
  }

  private static final List<String> ALL_VERSIONS =
      List.of("a#a3", "a#a2", "a#null", "b#null", "c#c2", "c#null", "d/x#dx", "d/y#dy", "e#e1");

  @Test
  void versionsPageByPage_AtEverySize_ContinueExactlyThroughNullVersionIds() {
    versionedBucket("paged");
    for (int size = 1; size <= 10; size++) {
      assertThat(allVersionPages("paged", "", null, size, false)).as("page size %d", size).isEqualTo(ALL_VERSIONS);
    }
  }

  @Test
  void versionsWithADelimiter_RollUpTheCommonPrefixOnce_AtEveryPageSize() {
    versionedBucket("rolled");
    List<String> expected = List.of("a#a3", "a#a2", "a#null", "b#null", "c#c2", "c#null", "d/", "e#e1");
    for (int size = 1; size <= 9; size++) {
      assertThat(allVersionPages("rolled", "", "/", size, false)).as("page size %d", size).isEqualTo(expected);
    }
  }

  @Test
  void aCleanUpDeletingEachPageBeforeAskingForTheNext_SeesEveryVersionOnce() {
    versionedBucket("emptied");
    for (int size = 1; size <= 4; size++) {
      assertThat(allVersionPages("emptied", "", null, size, true)).as("page size %d", size).isEqualTo(ALL_VERSIONS);
      versionedBucket("emptied");
    }
  }

  @Test
  void latestFlags_CurrentObjectsAndALatestDeleteMarkerOnly() {
    versionedBucket("latest");
    VersionPage page = objects.versions("latest", new ListQuery("", null, "", 1000), null);
    assertThat(page.versions()).filteredOn(VersionRow::latest).extracting(v -> v.key() + "#" + v.versionId())
        .containsExactly("a#a3", "b#null", "c#c2", "d/x#dx", "d/y#dy", "e#e1");
    assertThat(page.versions()).filteredOn(VersionRow::deleteMarker).extracting(VersionRow::key).containsExactly("c");
  }

  @Test
  void zeroMaxKeys_IsAnEmptyPageNotTruncated() {
    versionedBucket("zero");
    assertThat(objects.versions("zero", new ListQuery("", null, "", 0), null))
        .isEqualTo(new VersionPage(List.of(), List.of(), false, null, null));
    assertThat(objects.list("zero", new ListQuery("", "/", "", 0))).isEqualTo(new ListPage(List.of(), List.of(), false, null));
  }

  @Test
  void objectsWithPrefixAndDelimiter_NeverSplitACommonPrefixAcrossPages() {
    for (String key : List.of("p/a/1", "p/a/2", "p/a/3", "p/b", "p/c/1", "p/c/2", "p/d", "q/1")) {
      current("prefixed", key, null, 1);
    }
    for (int size = 1; size <= 6; size++) {
      List<String> entries = new ArrayList<>();
      String after = "";
      ListPage page;
      do {
        page = objects.list("prefixed", new ListQuery("p/", "/", after, size));
        List<String> onPage = new ArrayList<>(page.commonPrefixes());
        page.objects().forEach(o -> onPage.add(o.key()));
        onPage.sort(null);
        entries.addAll(onPage);
        after = page.lastEntry();
      } while (page.truncated());
      assertThat(entries).as("page size %d", size).containsExactly("p/a/", "p/b", "p/c/", "p/d");
    }
  }

  /** More entries than one query's batch with a delimiter (32): the pages still hold every entry once, in order. */
  @Test
  void manyCommonPrefixesAndKeys_PageExactlyAcrossTheDelimitedBatches() {
    List<String> expected = new ArrayList<>();
    for (int d = 0; d < 50; d++) {
      String dir = String.format("d%03d/", d);
      current("many", dir + "x", null, 1);
      current("many", dir + "y", null, 1);
      expected.add(dir);
    }
    for (int k = 0; k < 100; k++) {
      String key = String.format("k%03d", k);
      current("many", key, null, 1);
      expected.add(key);
    }
    for (int size : List.of(1000, 70, 33, 32, 31)) {
      List<String> entries = new ArrayList<>();
      String after = "";
      ListPage page;
      int pages = 0;
      do {
        page = objects.list("many", new ListQuery("", "/", after, size));
        List<String> onPage = new ArrayList<>(page.commonPrefixes());
        page.objects().forEach(o -> onPage.add(o.key()));
        onPage.sort(null);
        assertThat(onPage).as("page %d of size %d", pages, size).hasSizeLessThanOrEqualTo(size);
        entries.addAll(onPage);
        after = page.lastEntry();
        pages++;
      } while (page.truncated() && pages < 200);
      assertThat(entries).as("page size %d", size).isEqualTo(expected);
      assertThat(pages).as("page size %d", size).isEqualTo((expected.size() + size - 1) / size);
    }
  }

  /**
   * The delimited walk against a listing computed in Java, over random keys made of the code points
   * where a successor is special (U+D7FF before the surrogates, a pair, U+10FFFF that has none),
   * with one- and two-character delimiters and random prefixes and page sizes: every page size
   * yields every entry once, in code point order, and no page is larger than asked.
   */
  @Test
  void delimitedPages_MatchAListingComputedInJava_ForKeysAtTheEdgesOfUnicode() {
    assertThat(jdbc.sql("SHOW server_encoding").query(String.class).single()).isEqualTo("UTF8");
    java.util.Random random = new java.util.Random(20261204L);
    for (int round = 0; round < 40; round++) {
      String bucket = "edges-" + round;
      java.util.TreeSet<String> keys = edgeKeys(random, 60);
      keys.forEach(key -> current(bucket, key, null, 1));
      String delimiter = EDGE_DELIMITERS[random.nextInt(EDGE_DELIMITERS.length)];
      String prefix = edgePrefix(random, keys);
      List<String> expected = new ArrayList<>();
      for (String key : keys) {
        String common = ObjectListing.commonPrefix(key, new ListQuery(prefix, delimiter, "", 1));
        String entry = common != null ? common : key;
        if (key.startsWith(prefix) && (expected.isEmpty() || !expected.get(expected.size() - 1).equals(entry))) {
          expected.add(entry);
        }
      }
      int size = 1 + random.nextInt(12);
      List<String> listed = new ArrayList<>();
      String after = "";
      ListPage page;
      int pages = 0;
      do {
        page = objects.list(bucket, new ListQuery(prefix, delimiter, after, size));
        List<String> onPage = new ArrayList<>(page.commonPrefixes());
        page.objects().forEach(o -> onPage.add(o.key()));
        onPage.sort(ListingQueriesIT::byCodePoint);
        assertThat(onPage).as("round %d, page %d of size %d", round, pages, size).hasSizeLessThanOrEqualTo(size);
        listed.addAll(onPage);
        after = page.lastEntry();
        pages++;
      } while (page.truncated() && pages < 200);
      assertThat(listed).as("round %d: prefix %s, delimiter %s, page size %d, keys %s", round, prefix, delimiter, size, keys)
          .isEqualTo(expected);
    }
  }

  /**
   * The delimited version listing against one computed in Java, over the same kind of keys: each
   * key has a current object, older versions (some delete markers), or both. Every page size, with
   * key and version-id markers, yields each common prefix once and every other key's versions
   * newest first, in code point order, and no page is larger than asked.
   */
  @Test
  void delimitedVersionPages_MatchAListingComputedInJava_ForKeysAtTheEdgesOfUnicode() {
    java.util.Random random = new java.util.Random(20261205L);
    for (int round = 0; round < 25; round++) {
      String bucket = "vedges-" + round;
      java.util.TreeSet<String> keys = edgeKeys(random, 40);
      java.util.Map<String, List<String>> versionsOf = new java.util.HashMap<>();
      long sequence = 0;
      for (String key : keys) {
        List<String> newestFirst = new ArrayList<>();
        boolean hasCurrent = random.nextInt(3) > 0;
        int older = hasCurrent ? random.nextInt(3) : 1 + random.nextInt(3);
        for (int v = 0; v < older; v++) {
          String id = "v" + ++sequence;
          noncurrent(bucket, key, id, sequence, random.nextInt(4) == 0);
          newestFirst.add(0, key + "#" + id);
        }
        if (hasCurrent) {
          String id = "v" + ++sequence;
          current(bucket, key, id, sequence);
          newestFirst.add(0, key + "#" + id);
        }
        versionsOf.put(key, newestFirst);
      }
      String delimiter = EDGE_DELIMITERS[random.nextInt(EDGE_DELIMITERS.length)];
      String prefix = edgePrefix(random, keys);
      List<String> expected = new ArrayList<>();
      for (String key : keys) {
        String common = ObjectListing.commonPrefix(key, new ListQuery(prefix, delimiter, "", 1));
        if (!key.startsWith(prefix)) {
          continue;
        }
        if (common == null) {
          expected.addAll(versionsOf.get(key));
        } else if (expected.isEmpty() || !expected.get(expected.size() - 1).equals(common)) {
          expected.add(common);
        }
      }
      int size = 1 + random.nextInt(12);
      List<String> listed = new ArrayList<>();
      String keyMarker = "";
      String versionMarker = null;
      VersionPage page;
      int pages = 0;
      do {
        page = objects.versions(bucket, new ListQuery(prefix, delimiter, keyMarker, size), versionMarker);
        List<String> onPage = new ArrayList<>(page.commonPrefixes());
        page.versions().forEach(v -> onPage.add(v.key() + "#" + v.versionId()));
        // Interleaved in key order; a key's versions stay newest first (a stable sort).
        onPage.sort((a, b) -> byCodePoint(a.split("#")[0], b.split("#")[0]));
        assertThat(onPage).as("round %d, page %d of size %d", round, pages, size).hasSizeLessThanOrEqualTo(size);
        listed.addAll(onPage);
        keyMarker = page.nextKeyMarker();
        versionMarker = page.nextVersionIdMarker();
        pages++;
      } while (page.truncated() && pages < 400);
      assertThat(listed).as("round %d: prefix %s, delimiter %s, page size %d, keys %s", round, prefix, delimiter, size, keys)
          .isEqualTo(expected);
    }
  }

  /** Code points where a successor is special: U+D7FF before the surrogates, a pair, U+10FFFF that has none. */
  private static final String[] EDGE_ALPHABET = {"a", "b", "/", "-", "\uD7FF", "\uE000", "\uD83D\uDE00", "\uDBFF\uDFFF"};
  private static final String[] EDGE_DELIMITERS = {"/", "-/", "\uDBFF\uDFFF", "\uD7FF", "\uD83D\uDE00"};

  /** No prefix, or one of a random key's: empty or its first code point. */
  private static String edgePrefix(java.util.Random random, java.util.TreeSet<String> keys) {
    String some = keys.stream().skip(random.nextInt(keys.size())).findFirst().orElseThrow();
    return random.nextBoolean() ? "" : some.substring(0, some.offsetByCodePoints(0, random.nextInt(2)));
  }

  /** Up to {@code count} random keys of one to six {@link #EDGE_ALPHABET} letters, in code point order. */
  private static java.util.TreeSet<String> edgeKeys(java.util.Random random, int count) {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(ListingQueriesIT::byCodePoint);
    for (int k = 0; k < count; k++) {
      StringBuilder key = new StringBuilder();
      for (int c = 1 + random.nextInt(6); c > 0; c--) {
        key.append(EDGE_ALPHABET[random.nextInt(EDGE_ALPHABET.length)]);
      }
      keys.add(key.toString());
    }
    return keys;
  }

  /** Code point order, as the "C" collation on UTF-8 sorts (String.compareTo sorts UTF-16 units). */
  private static int byCodePoint(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private static List<String> allVersionPages(String bucket, String prefix, String delimiter, int size, boolean deleteEach) {
    List<String> seen = new ArrayList<>();
    String keyMarker = "";
    String versionMarker = null;
    for (int pages = 0; pages < 50; pages++) {
      VersionPage page = objects.versions(bucket, new ListQuery(prefix, delimiter, keyMarker, size), versionMarker);
      List<String> onPage = new ArrayList<>(page.commonPrefixes());
      for (VersionRow v : page.versions()) {
        onPage.add(v.key() + "#" + v.versionId());
        if (deleteEach) {
          delete(bucket, v.key(), v.versionId());
        }
      }
      // S3 interleaves versions and common prefixes in key order; a key's versions stay newest first (stable sort).
      onPage.sort(Comparator.comparing(entry -> entry.split("#")[0]));
      seen.addAll(onPage);
      if (!page.truncated()) {
        return seen;
      }
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    }
    throw new AssertionError("the listing did not end within 50 pages: " + seen);
  }

  private static void current(String bucket, String key, String versionId, long sequence) {
    jdbc.sql("""
            INSERT INTO objects(bucket, key, version_id, blob_id, size, etag, content_type, headers, user_metadata, last_modified,
              sequence, parts, tags, checksums) VALUES (?, ?, ?, '0123456789abcdef0123456789abcdef', 1, 'md5', 'text/plain', '{}', '{}', now(), ?, NULL, '{}', '{}')
            ON CONFLICT DO NOTHING""")
        .params(bucket, key, versionId, sequence).update();
  }

  private static void noncurrent(String bucket, String key, String versionId, long sequence, boolean deleteMarker) {
    jdbc.sql("""
            INSERT INTO object_versions(bucket, key, version_id, sequence, delete_marker, blob_id, size, etag, content_type,
              headers, user_metadata, last_modified, parts, tags, checksums)
            VALUES (?, ?, ?, ?, ?, '0123456789abcdef0123456789abcdef', 1, 'md5', 'text/plain', '{}', '{}', now(), NULL, '{}', '{}') ON CONFLICT DO NOTHING""")
        .params(bucket, key, versionId, sequence, deleteMarker).update();
  }

  /** Deletes one version as the projector does, without promoting another (the test lists what is left). */
  private static void delete(String bucket, String key, String versionId) {
    jdbc.sql("DELETE FROM objects WHERE bucket = ? AND key = ? AND coalesce(version_id, 'null') = ?").params(bucket, key, versionId)
        .update();
    jdbc.sql("DELETE FROM object_versions WHERE bucket = ? AND key = ? AND version_id = ?").params(bucket, key, versionId).update();
  }
}
