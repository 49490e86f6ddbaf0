package io.mocks3.readmodel;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ListObjects and ListObjectVersions over the read model. Walks keys in byte order; with a
 * delimiter, every run of keys sharing a common prefix costs one entry and one seek past it, so a
 * page never scans more rows than it returns plus one.
 */
final class ObjectListing {
  private final JdbcClient jdbc;
  private final ObjectRepository objects;

  ObjectListing(JdbcClient jdbc, ObjectRepository objects) {
    this.jdbc = jdbc;
    this.objects = objects;
  }

  ListPage list(String bucket, ListQuery q) {
    List<ObjectRow> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String cursor = q.after();
    boolean inclusive = false;
    String resumedPrefix = cursor.isEmpty() ? null : commonPrefix(cursor, q);
    if (resumedPrefix != null) {
      // Resuming after a common prefix: everything under it was already rolled up and returned.
      cursor = successor(resumedPrefix);
      inclusive = true;
    }
    String lastEntry = null;
    while (true) {
      int room = q.maxKeys() - found.size() - prefixes.size();
      List<ObjectRow> rows = page(bucket, q.prefix(), cursor, inclusive, room + 1);
      if (rows.isEmpty()) {
        return new ListPage(found, prefixes, false, lastEntry);
      }
      for (ObjectRow row : rows) {
        if (found.size() + prefixes.size() == q.maxKeys()) {
          return new ListPage(found, prefixes, true, lastEntry);
        }
        String common = commonPrefix(row.key(), q);
        if (common == null) {
          found.add(row);
          lastEntry = row.key();
          cursor = row.key();
          inclusive = false;
          continue;
        }
        prefixes.add(common);
        lastEntry = common;
        cursor = successor(common);
        inclusive = true;
        break;
      }
    }
  }

  VersionPage versions(String bucket, ListQuery q, String versionIdMarker) {
    List<VersionRow> versions = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String cursorKey = q.after();
    long cursorSequence = -1;
    if (!cursorKey.isEmpty() && versionIdMarker != null && !versionIdMarker.isEmpty()) {
      cursorSequence = objects.version(bucket, cursorKey, versionIdMarker).map(VersionRow::sequence)
          .orElseThrow(() -> new IllegalArgumentException("version-id-marker names no version of key-marker"));
    }
    String resumedPrefix = cursorKey.isEmpty() ? null : commonPrefix(cursorKey, q);
    if (resumedPrefix != null) {
      cursorKey = successor(resumedPrefix);
      cursorSequence = Long.MAX_VALUE;
    }
    VersionRow last = null;
    String lastPrefix = null;
    while (true) {
      int room = q.maxKeys() - versions.size() - prefixes.size();
      List<VersionRow> rows = versionPage(bucket, q.prefix(), cursorKey, cursorSequence, room + 1);
      if (rows.isEmpty()) {
        return new VersionPage(versions, prefixes, false, null, null);
      }
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
          cursorKey = row.key();
          cursorSequence = row.sequence();
          continue;
        }
        prefixes.add(common);
        lastPrefix = common;
        cursorKey = successor(common);
        cursorSequence = Long.MAX_VALUE;
        break;
      }
    }
  }

  private List<ObjectRow> page(String bucket, String prefix, String cursor, boolean inclusive, int limit) {
    String op = inclusive ? ">=" : ">";
    return jdbc.sql("SELECT " + ObjectRows.OBJECT_COLUMNS + " FROM objects WHERE bucket = ? AND key LIKE ? ESCAPE '\\' AND key "
            + op + " ? ORDER BY key LIMIT ?")
        .params(bucket, ObjectRows.likePrefix(prefix), cursor, limit)
        .query(ObjectRows::objectRow)
        .list();
  }

  /** Versions after (cursorKey, cursorSequence) in (key, newest first) order. */
  private List<VersionRow> versionPage(String bucket, String prefix, String cursorKey, long cursorSequence, int limit) {
    String like = ObjectRows.likePrefix(prefix);
    return jdbc.sql(ObjectRows.VERSIONS.formatted("key LIKE ? ESCAPE '\\'")
            + " WHERE key > ? OR (key = ? AND sequence < ?) ORDER BY key, sequence DESC LIMIT ?")
        .params(bucket, like, bucket, like, cursorKey, cursorKey, cursorSequence, limit)
        .query(ObjectRows::versionRow)
        .list();
  }

  private static String commonPrefix(String key, ListQuery q) {
    if (q.delimiter() == null || !key.startsWith(q.prefix())) {
      return null;
    }
    int at = key.indexOf(q.delimiter(), q.prefix().length());
    return at < 0 ? null : key.substring(0, at + q.delimiter().length());
  }

  /** The smallest string greater than every string that starts with {@code prefix}. */
  static String successor(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }
}
