package io.mocks3.readmodel;

import java.util.ArrayList;
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
 * thousand index seeks in one round trip, not a thousand queries.
 */
final class ObjectListing {
  /** Rows per query when listing versions with a delimiter (see {@link #batch}). */
  private static final int DELIMITED_BATCH = 32;
  /**
   * The entries of one delimited page, in key order: {@code walk(n, at, common)} holds the n-th
   * entry's first key and, when it rolls up, its common prefix. The next entry starts at the
   * smallest string after the key ({@code at || chr(1)}: no key holds NUL) or after every string
   * under the prefix (its successor, as {@link #successor}; NULL past U+10FFFF, where the walk
   * stops and {@link #list} goes on in Java). The objects' columns are joined for keys only.
   */
  private static final String DELIMITED_WALK = """
      WITH RECURSIVE walk(n, at, common) AS (
        SELECT 1, first.key, %1$s
        FROM (SELECT key FROM objects WHERE bucket = :bucket AND key >= :start AND %3$s ORDER BY key LIMIT 1) first
        UNION ALL
        SELECT w.n + 1, next.key, %2$s
        FROM walk w CROSS JOIN LATERAL (
          SELECT key FROM objects WHERE bucket = :bucket AND %3$s AND key >= CASE WHEN w.common IS NULL THEN w.at || chr(1)
            WHEN ascii(right(w.common, 1)) = 1114111 THEN NULL
            WHEN ascii(right(w.common, 1)) = 55295 THEN left(w.common, -1) || chr(57344)
            ELSE left(w.common, -1) || chr(ascii(right(w.common, 1)) + 1) END
          ORDER BY key LIMIT 1) next
        WHERE w.n < :limit
      )
      SELECT %4$s, w.common FROM walk w LEFT JOIN objects ON w.common IS NULL AND objects.bucket = :bucket AND objects.key = w.at
      ORDER BY w.n
      """;
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
      List<VersionRow> rows = versionPage(bucket, q.prefix(), cursor, batch(q, versions.size() + prefixes.size()));
      cursor = null;
      for (VersionRow row : rows) {
        if (versions.size() + prefixes.size() == q.maxKeys()) {
          return lastPrefix != null
              ? new VersionPage(versions, prefixes, true, lastPrefix, null)
              : new VersionPage(versions, prefixes, true, last.key(), last.versionId());
        }
        String common = commonPrefix(row.key(), q);
        if (common == null) {
          versions.add(row);
          last = row;
          lastPrefix = null;
          cursor = VersionCursor.after(row.key(), row.sequence());
          continue;
        }
        prefixes.add(common);
        lastPrefix = common;
        cursor = VersionCursor.pastPrefix(common);
        break;
      }
    }
    return new VersionPage(versions, prefixes, false, null, null);
  }

  /**
   * Versions to ask for next: what the page still has room for, plus one to know whether it is truncated.
   * With a delimiter a query ends at the first key of a common prefix (the next one seeks past it),
   * so asking for a whole page each time read up to a thousand rows to use one: a listing of a
   * thousand "directories" read a million rows. Then a short batch, and another query when it is used up.
   */
  private static int batch(ListQuery q, int listed) {
    int room = q.maxKeys() - listed + 1;
    return q.delimiter() == null ? room : Math.min(room, DELIMITED_BATCH);
  }

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
    String sql = DELIMITED_WALK.formatted(COMMON_PREFIX.formatted("first.key"), COMMON_PREFIX.formatted("next.key"),
        underPrefix(q.prefix()), ObjectRows.OBJECT_COLUMNS);
    return jdbc.sql(sql)
        .param("bucket", bucket)
        .param("start", start(cursor))
        .params(prefixBounds(q.prefix()))
        .param("plen", q.prefix().codePointCount(0, q.prefix().length()))
        .param("delimiter", q.delimiter())
        .param("limit", limit)
        .query((rs, n) -> {
          String common = rs.getString(13);
          return common != null ? new Entry(null, common) : new Entry(ObjectRows.objectRow(rs, n), null);
        })
        .list();
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

  /** The cursor as the smallest key to take: a key past a key K is at least K + U+0001 (no key holds NUL). */
  private static String start(VersionCursor cursor) {
    return cursor.inclusive() ? cursor.key() : cursor.key() + '\u0001';
  }

  /** Versions after the cursor in (key, newest first) order. */
  private List<VersionRow> versionPage(String bucket, String prefix, VersionCursor cursor, int limit) {
    String like = ObjectRows.likePrefix(prefix);
    return jdbc.sql(ObjectRows.VERSIONS.formatted("key LIKE ? ESCAPE '\\'")
            + " WHERE key > ? OR (key = ? AND sequence < ?) ORDER BY key, sequence DESC LIMIT ?")
        .params(bucket, like, bucket, like, cursor.key(), cursor.key(), cursor.belowSequence(), limit)
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
