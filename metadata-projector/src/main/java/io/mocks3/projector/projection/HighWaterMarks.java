package io.mocks3.projector.projection;

import io.mocks3.schemas.event.Event;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buckets' high-water marks ({@code bucket_progress}) for one transaction: read and locked
 * once for the batch's buckets, raised in memory event by event, written back once before the
 * commit. The row locks keep a concurrent writer (a second projector by mistake) from applying the
 * same events in between; it waits for this commit and then finds the marks raised.
 */
final class HighWaterMarks {
  private final Map<String, Long> marks = new HashMap<>();
  private final Map<String, Long> raised = new LinkedHashMap<>();

  private HighWaterMarks() {}

  static HighWaterMarks lock(Connection c, List<ProjectedEvent> batch) throws SQLException {
    HighWaterMarks result = new HighWaterMarks();
    Object[] buckets = batch.stream().map(p -> p.event().bucket().value()).distinct().toArray();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT bucket, applied_sequence FROM bucket_progress WHERE bucket = ANY(?) ORDER BY bucket FOR UPDATE")) {
      Array array = c.createArrayOf("text", buckets);
      s.setArray(1, array);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          result.marks.put(rows.getString(1), rows.getLong(2));
        }
      }
      array.free();
    }
    return result;
  }

  /** Raises the event's bucket mark to its sequence; false when the mark is there already (applied before). */
  boolean raise(Event e) {
    String bucket = e.bucket().value();
    Long mark = marks.get(bucket);
    if (mark != null && mark >= e.sequence()) {
      return false;
    }
    marks.put(bucket, e.sequence());
    raised.put(bucket, e.sequence());
    return true;
  }

  /** Writes the raised marks, one batch; a mark never goes down (GREATEST), whoever wrote it. */
  void save(Connection c) throws SQLException {
    if (raised.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO bucket_progress(bucket, applied_sequence) VALUES (?, ?)
        ON CONFLICT (bucket) DO UPDATE SET applied_sequence = GREATEST(bucket_progress.applied_sequence, EXCLUDED.applied_sequence)
        """)) {
      for (Map.Entry<String, Long> mark : raised.entrySet()) {
        s.setString(1, mark.getKey());
        s.setLong(2, mark.getValue());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
