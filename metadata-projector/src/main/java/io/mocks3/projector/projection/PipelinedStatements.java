package io.mocks3.projector.projection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements of one transaction that need no answer before the next is sent, held and then sent
 * together: one multi-statement prepared statement, which the PostgreSQL driver sends as one
 * round trip (each statement parsed, bound and executed in order, one sync at the end). A
 * transaction through the projector's network link pays a hand-off per round trip, so five
 * statements sent one after another cost four more than this.
 *
 * <p>Parameters are strings, longs, ints, doubles, timestamps, SQL arrays or null (sent untyped:
 * each statement casts what is not text).
 */
final class PipelinedStatements {
  private final List<String> statements = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();
  private final Map<Integer, RowsCheck> checks = new HashMap<>();

  /** What the rows of a held statement must be; it throws when they are not. */
  @FunctionalInterface
  interface RowsCheck {
    void check(List<Object[]> rows) throws SQLException;
  }

  /** Holds a statement; returns its index among the results of the next {@link #send}. */
  int add(String sql, Object... args) {
    if (sql.indexOf(';') >= 0) {
      throw new IllegalArgumentException("one statement at a time: " + sql);
    }
    statements.add(sql);
    parameters.addAll(Arrays.asList(args));
    return statements.size() - 1;
  }

  int size() {
    return statements.size();
  }

  /** Checks the rows of the held statement at {@code index} as soon as it has been sent. */
  void check(int index, RowsCheck check) {
    checks.put(index, check);
  }

  /**
   * Sends the held statements in one round trip and forgets them.
   *
   * @return each statement's result in order: an {@link Integer} (rows changed) or a list of rows
   *     (each an {@code Object[]})
   */
  List<Object> send(Connection c) throws SQLException {
    if (statements.isEmpty()) {
      return List.of();
    }
    List<Object> results = new ArrayList<>(statements.size());
    try (PreparedStatement s = c.prepareStatement(String.join(";\n", statements))) {
      for (int i = 0; i < parameters.size(); i++) {
        bind(s, i + 1, parameters.get(i));
      }
      boolean rows = s.execute();
      while (true) {
        if (rows) {
          results.add(rowsOf(s.getResultSet()));
        } else {
          int changed = s.getUpdateCount();
          if (changed == -1) {
            break;
          }
          results.add(changed);
        }
        rows = s.getMoreResults();
      }
      for (Map.Entry<Integer, RowsCheck> check : checks.entrySet()) {
        check.getValue().check(rows(results, check.getKey()));
      }
    } finally {
      statements.clear();
      parameters.clear();
      checks.clear();
    }
    return results;
  }

  /** The rows of the statement at {@code index}. */
  @SuppressWarnings("unchecked")
  static List<Object[]> rows(List<Object> results, int index) {
    return (List<Object[]>) results.get(index);
  }

  private static List<Object[]> rowsOf(ResultSet r) throws SQLException {
    try (r) {
      int columns = r.getMetaData().getColumnCount();
      List<Object[]> rows = new ArrayList<>();
      while (r.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = r.getObject(i + 1);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else if (value instanceof String v) {
      s.setString(index, v);
    } else if (value instanceof Long v) {
      s.setLong(index, v);
    } else if (value instanceof Integer v) {
      s.setInt(index, v);
    } else if (value instanceof Double v) {
      s.setDouble(index, v);
    } else if (value instanceof Timestamp v) {
      s.setTimestamp(index, v);
    } else if (value instanceof Array v) {
      s.setArray(index, v);
    } else {
      throw new IllegalArgumentException("no binding for a " + value.getClass().getName());
    }
  }
}
