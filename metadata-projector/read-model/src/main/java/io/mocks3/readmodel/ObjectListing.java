package io.mocks3.readmodel;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ListObjects and ListObjectVersions over the read model. Walks keys in code point order (the
 * tables' "C" collation); with a delimiter, every run of keys sharing a common prefix costs one
 * entry and one seek past it, so a page never scans more rows than it returns plus one.
 */
final class ObjectListing {
  /** Rows per query when listing with a delimiter (see {@link #batch}). */
  private static final int DELIMITED_BATCH = 32;
  private final JdbcClient jdbc;
  private final ObjectRepository objects;

  ObjectListing(JdbcClient jdbc, ObjectRepository objects) {
    this.jdbc = jdbc;
    this.objects = objects;
  }

  ListPage list(String bucket, ListQuery q) {
    List<ObjectRow> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    VersionCursor cursor = VersionCursor.afterKey(q.after(), q);
    String lastEntry = null;
    while (cursor != null && q.maxKeys() > 0) {
      List<ObjectRow> rows = page(bucket, q.prefix(), cursor, batch(q, found.size() + prefixes.size()));
      cursor = null;
      for (ObjectRow row : rows) {
        if (found.size() + prefixes.size() == q.maxKeys()) {
          return new ListPage(found, prefixes, true, lastEntry);
        }
        String common = commonPrefix(row.key(), q);
        if (common == null) {
          found.add(row);
          lastEntry = row.key();
          cursor = VersionCursor.afterAllOf(row.key());
          continue;
        }
        prefixes.add(common);
        lastEntry = common;
        cursor = VersionCursor.pastPrefix(common);
        break;
      }
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
   * Rows to ask for next: what the page still has room for, plus one to know whether it is truncated.
   * With a delimiter a query ends at the first key of a common prefix (the next one seeks past it),
   * so asking for a whole page each time read up to a thousand rows to use one: a listing of a
   * thousand "directories" read a million rows. Then a short batch, and another query when it is used up.
   */
  private static int batch(ListQuery q, int listed) {
    int room = q.maxKeys() - listed + 1;
    return q.delimiter() == null ? room : Math.min(room, DELIMITED_BATCH);
  }

  private List<ObjectRow> page(String bucket, String prefix, VersionCursor cursor, int limit) {
    String op = cursor.inclusive() ? ">=" : ">";
    return jdbc.sql("SELECT " + ObjectRows.OBJECT_COLUMNS + " FROM objects WHERE bucket = ? AND key LIKE ? ESCAPE '\\' AND key "
            + op + " ? ORDER BY key LIMIT ?")
        .params(bucket, ObjectRows.likePrefix(prefix), cursor.key(), limit)
        .query(ObjectRows::objectRow)
        .list();
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
