package io.mocks3.readmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ListObjects and ListObjectVersions over the read model. Walks keys in code point order (the
 * tables' "C" collation); with a delimiter, every run of keys sharing a common prefix costs one
 * entry and one seek past it, so a page never scans more rows than it returns plus one.
 *
 * <p>A ListObjects page with a delimiter is one statement: a recursive query that takes the first
 * key at the cursor, then seeks past it (a key) or past its common prefix (a "directory") and
 * takes the next, entry after entry, inside PostgreSQL. A page of a thousand directories is a
 * thousand index seeks in one round trip, not a thousand queries. A ListObjectVersions page with a
 * delimiter is two: the same walk over the keys of current objects and older versions together,
 * then the versions of the keys it found.
 */
final class ObjectListing {
  /**
   * The entries of one delimited page, in key order: {@code walk(n, at, common)} holds the n-th
   * entry's first key and, when it rolls up, its common prefix. The next entry starts at the
   * smallest string after the key ({@code at || chr(1)}: no key holds NUL) or after every string
   * under the prefix (its successor, as {@link #successor}; NULL past U+10FFFF, where the walk
   * stops and the caller goes on in Java). {@code %3$s} is the first key at or after a bound
   * (see {@link #FIRST_OBJECT_KEY}, {@link #FIRST_VERSION_KEY}); the caller selects from {@code walk}.
   */
  private static final String DELIMITED_WALK = """
      WITH RECURSIVE walk(n, at, common) AS (
        SELECT 1, first.key, %1$s
        FROM (%3$s) first
        UNION ALL
        SELECT w.n + 1, next.key, %2$s
        FROM walk w CROSS JOIN LATERAL (%4$s) next
        WHERE w.n < :limit
      )
      """;
  /** Where the entry after {@code w} starts: past its key, or past every key under its common prefix. */
  private static final String PAST_ENTRY = """
      CASE WHEN w.common IS NULL THEN w.at || chr(1)
        WHEN ascii(right(w.common, 1)) = 1114111 THEN NULL
        WHEN ascii(right(w.common, 1)) = 55295 THEN left(w.common, -1) || chr(57344)
        ELSE left(w.common, -1) || chr(ascii(right(w.common, 1)) + 1) END""";
  /** The first current object's key at or after {@code %2$s}, under the prefix ({@code %1$s}). */
  private static final String FIRST_OBJECT_KEY =
      "SELECT key FROM objects WHERE bucket = :bucket AND %1$s AND key >= %2$s ORDER BY key LIMIT 1";
  /** The first key at or after {@code %2$s} that has a current object or an older version: two index seeks. */
  private static final String FIRST_VERSION_KEY = """
      SELECT key FROM (SELECT least(
        (SELECT key FROM objects WHERE bucket = :bucket AND %1$s AND key >= %2$s ORDER BY key LIMIT 1),
        (SELECT key FROM object_versions WHERE bucket = :bucket AND %1$s AND key >= %2$s ORDER BY key LIMIT 1)) AS key) k
      WHERE key IS NOT NULL""";
  /** The common prefix of {@code key} (which starts with the prefix): up to the first delimiter past the prefix, or NULL. */
  private static final String COMMON_PREFIX =
      "CASE WHEN strpos(substr(%1$s, :plen + 1), :delimiter) > 0"
          + " THEN left(%1$s, :plen + strpos(substr(%1$s, :plen + 1), :delimiter) - 1 + length(:delimiter)) END";
  private final JdbcClient jdbc;
  private final ObjectRepository objects;

  ObjectListing(JdbcClient jdbc, ObjectRepository objects) {
    this.jdbc = jdbc;
    this.objects = objects;
  }

  /** A listing's entry: an object, or a common prefix that rolls up the keys under it. */
  private record Entry(ObjectRow object, String prefix) {
    String name() {
      return prefix != null ? prefix : object.key();
    }
  }

  ListPage list(String bucket, ListQuery q) {
    List<ObjectRow> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    VersionCursor cursor = VersionCursor.afterKey(q.after(), q);
    String lastEntry = null;
    while (cursor != null && q.maxKeys() > 0) {
      // What the page still has room for, plus one to know whether it is truncated.
      int room = q.maxKeys() - found.size() - prefixes.size() + 1;
      List<Entry> entries = q.delimiter() == null ? page(bucket, q.prefix(), cursor, room) : walk(bucket, q, cursor, room);
      for (Entry entry : entries) {
        if (found.size() + prefixes.size() == q.maxKeys()) {
          return new ListPage(found, prefixes, true, lastEntry);
        }
        if (entry.prefix() == null) {
          found.add(entry.object());
        } else {
          prefixes.add(entry.prefix());
        }
        lastEntry = entry.name();
      }
      // Fewer entries than asked for: the keys have run out, unless the walk stopped at a prefix ending in U+10FFFF.
      String last = entries.isEmpty() ? null : entries.get(entries.size() - 1).prefix();
      boolean stoppedShort = last != null && last.codePointBefore(last.length()) == Character.MAX_CODE_POINT;
      cursor = stoppedShort ? VersionCursor.pastPrefix(last) : null;
    }
    return new ListPage(found, prefixes, false, null);
  }

  /**
   * One page of versions after the markers. A version-id marker naming a version that no longer
   * exists (a clean-up deleting each page as it goes) resumes at the key's remaining versions: the
   * marker is a position, and the versions listed before it are gone.
   */
  VersionPage versions(String bucket, ListQuery q, String versionIdMarker) {
    List<VersionRow> versions = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    VersionCursor cursor = VersionCursor.afterKey(q.after(), q);
    if (cursor != null && !cursor.inclusive() && !q.after().isEmpty() && versionIdMarker != null && !versionIdMarker.isEmpty()) {
      cursor = objects.version(bucket, q.after(), versionIdMarker)
          .map(v -> VersionCursor.after(v.key(), v.sequence()))
          .orElse(new VersionCursor(q.after(), Long.MAX_VALUE));
    }
    VersionRow last = null;
    String lastPrefix = null;
    while (cursor != null && q.maxKeys() > 0) {
      // What the page still has room for, plus one to know whether it is truncated.
      int room = q.maxKeys() - versions.size() - prefixes.size() + 1;
      VersionChunk chunk = q.delimiter() == null ? versionPage(bucket, q.prefix(), cursor, room) : versionWalk(bucket, q, cursor, room);
      for (VersionEntry entry : chunk.entries()) {
        if (versions.size() + prefixes.size() == q.maxKeys()) {
          return lastPrefix != null
              ? new VersionPage(versions, prefixes, true, lastPrefix, null)
              : new VersionPage(versions, prefixes, true, last.key(), last.versionId());
        }
        if (entry.prefix() == null) {
          versions.add(entry.version());
          last = entry.version();
          lastPrefix = null;
        } else {
          prefixes.add(entry.prefix());
          lastPrefix = entry.prefix();
        }
      }
      cursor = chunk.next();
    }
    return new VersionPage(versions, prefixes, false, null, null);
  }

  /** An entry of a version listing: a version, or a common prefix that rolls up the keys under it. */
  private record VersionEntry(VersionRow version, String prefix) {}

  /** Entries in listing order, and where the listing goes on after them (null: nothing follows). */
  private record VersionChunk(List<VersionEntry> entries, VersionCursor next) {}

  /** Keys from the cursor on, under the prefix, in order. */
  private List<Entry> page(String bucket, String prefix, VersionCursor cursor, int limit) {
    return jdbc.sql("SELECT " + ObjectRows.OBJECT_COLUMNS + " FROM objects WHERE bucket = :bucket AND key >= :start AND "
            + underPrefix(prefix) + " ORDER BY key LIMIT :limit")
        .param("bucket", bucket)
        .param("start", start(cursor))
        .params(prefixBounds(prefix))
        .param("limit", limit)
        .query((rs, n) -> new Entry(ObjectRows.objectRow(rs, n), null))
        .list();
  }

  /** The entries of a delimited page from the cursor on, at most {@code limit}, in one statement. */
  private List<Entry> walk(String bucket, ListQuery q, VersionCursor cursor, int limit) {
    String sql = delimitedWalk(FIRST_OBJECT_KEY, q) + "SELECT " + ObjectRows.OBJECT_COLUMNS + """
        , w.common FROM walk w LEFT JOIN objects ON w.common IS NULL AND objects.bucket = :bucket AND objects.key = w.at
        ORDER BY w.n""";
    return jdbc.sql(sql)
        .params(walkParams(bucket, q, cursor, limit))
        .query((rs, n) -> {
          String common = rs.getString(13);
          return common != null ? new Entry(null, common) : new Entry(ObjectRows.objectRow(rs, n), null);
        })
        .list();
  }

  /**
   * Up to {@code limit} entries of a delimited version listing from the cursor on, in two
   * statements: the walk over every key that has a version (current or older), then the versions
   * of the keys it found that do not roll up.
   */
  private VersionChunk versionWalk(String bucket, ListQuery q, VersionCursor cursor, int limit) {
    record Walked(String key, String common) {}
    List<Walked> walked = jdbc.sql(delimitedWalk(FIRST_VERSION_KEY, q) + "SELECT w.at, w.common FROM walk w ORDER BY w.n")
        .params(walkParams(bucket, q, cursor, limit))
        .query((rs, n) -> new Walked(rs.getString(1), rs.getString(2)))
        .list();
    String[] keys = walked.stream().filter(w -> w.common() == null).map(Walked::key).toArray(String[]::new);
    List<VersionRow> rows = keys.length == 0 ? List.of() : versionsAfter(bucket, "key = ANY(?)", keys, cursor, limit);
    // Both in the "C" collation's order: a key's versions follow it (none, if they went since the walk).
    List<VersionEntry> entries = new ArrayList<>();
    int row = 0;
    for (Walked w : walked) {
      if (w.common() != null) {
        entries.add(new VersionEntry(null, w.common()));
      }
      while (w.common() == null && row < rows.size() && rows.get(row).key().equals(w.key())) {
        entries.add(new VersionEntry(rows.get(row++), null));
      }
    }
    if (walked.isEmpty()) {
      return new VersionChunk(entries, null);
    }
    Walked end = walked.get(walked.size() - 1);
    // The walk ran out of keys, unless it stopped at a prefix ending in U+10FFFF; else it goes on past its last entry.
    boolean stoppedShort = end.common() != null && end.common().codePointBefore(end.common().length()) == Character.MAX_CODE_POINT;
    if (walked.size() < limit && !stoppedShort) {
      return new VersionChunk(entries, null);
    }
    return new VersionChunk(entries, end.common() != null ? VersionCursor.pastPrefix(end.common()) : VersionCursor.afterAllOf(end.key()));
  }

  /** {@link #DELIMITED_WALK} over the keys {@code firstKey} finds, under the query's prefix. */
  private static String delimitedWalk(String firstKey, ListQuery q) {
    String under = underPrefix(q.prefix());
    return DELIMITED_WALK.formatted(COMMON_PREFIX.formatted("first.key"), COMMON_PREFIX.formatted("next.key"),
        firstKey.formatted(under, ":start"), firstKey.formatted(under, PAST_ENTRY));
  }

  /** The parameters of {@link #delimitedWalk}. */
  private static Map<String, Object> walkParams(String bucket, ListQuery q, VersionCursor cursor, int limit) {
    Map<String, Object> params = new HashMap<>(prefixBounds(q.prefix()));
    params.put("bucket", bucket);
    params.put("start", start(cursor));
    params.put("plen", q.prefix().codePointCount(0, q.prefix().length()));
    params.put("delimiter", q.delimiter());
    params.put("limit", limit);
    return params;
  }

  /**
   * Keys under the prefix as an index range: from the prefix up to its successor (in the "C"
   * collation the keys that start with a prefix are exactly those), so a walk that leaves the prefix
   * stops at once instead of filtering the rest of the bucket. Without a successor (a prefix of
   * U+10FFFF only), a LIKE.
   */
  private static String underPrefix(String prefix) {
    if (prefix.isEmpty()) {
      return "true";
    }
    return successor(prefix) == null ? "key LIKE :like ESCAPE '\\'" : "key >= :prefix AND key < :beyond";
  }

  /** The parameters of {@link #underPrefix}. */
  private static Map<String, Object> prefixBounds(String prefix) {
    String beyond = successor(prefix);
    return beyond == null ? Map.of("like", ObjectRows.likePrefix(prefix)) : Map.of("prefix", prefix, "beyond", beyond);
  }

  /**
   * The cursor as the smallest key that may still have something to list: its own key unless
   * every version of it is past; a key past a key K is at least K + U+0001 (no key holds NUL).
   */
  private static String start(VersionCursor cursor) {
    return cursor.pastKey() ? cursor.key() + '\u0001' : cursor.key();
  }

  /** Versions after the cursor in (key, newest first) order, at most {@code limit}. */
  private VersionChunk versionPage(String bucket, String prefix, VersionCursor cursor, int limit) {
    List<VersionEntry> entries = versionsAfter(bucket, "key LIKE ? ESCAPE '\\'", ObjectRows.likePrefix(prefix), cursor, limit)
        .stream().map(v -> new VersionEntry(v, null)).toList();
    // A full chunk fills the page (its size is the page's room plus one), so nothing is read after it.
    return new VersionChunk(entries, null);
  }

  /**
   * Versions after the cursor of the keys {@code keys} selects (a condition with one parameter,
   * {@code param}), in (key, newest first) order, at most {@code limit}: the first {@code limit} of
   * each table along its index, merged.
   */
  private List<VersionRow> versionsAfter(String bucket, String keys, Object param, VersionCursor cursor, int limit) {
    String each = keys + " AND key >= ? AND (key > ? OR sequence < ?)";
    String order = "ORDER BY key, sequence DESC LIMIT ?";
    return jdbc.sql(ObjectRows.VERSIONS.formatted(each, order) + order)
        .params(bucket, param, cursor.key(), cursor.key(), cursor.belowSequence(), limit,
            bucket, param, cursor.key(), cursor.key(), cursor.belowSequence(), limit, limit)
        .query(ObjectRows::versionRow)
        .list();
  }

  static String commonPrefix(String key, ListQuery q) {
    if (q.delimiter() == null || !key.startsWith(q.prefix())) {
      return null;
    }
    int at = key.indexOf(q.delimiter(), q.prefix().length());
    return at < 0 ? null : key.substring(0, at + q.delimiter().length());
  }

  /**
   * The smallest string greater than every string that starts with {@code prefix}, in code point
   * order (PostgreSQL's "C" collation on UTF-8); null when there is none (every code point of
   * {@code prefix} is the greatest there is).
   */
  static String successor(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    int last = prefix.codePointBefore(prefix.length());
    String head = prefix.substring(0, prefix.length() - Character.charCount(last));
    if (last == Character.MAX_CODE_POINT) {
      return successor(head);
    }
    int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
    return head + Character.toString(next);
  }
}
