package io.mocks3.projector.projection;

import io.mocks3.schemas.event.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buckets' high-water marks ({@code bucket_progress}) for one transaction: locked once for the
 * batch's buckets, raised in memory event by event, written back once before the commit. The row
 * locks keep a concurrent writer (a second projector by mistake, or the one that held the
 * partition before a rebalance) from applying the same events in between; it waits for this
 * commit and then finds the marks raised.
 *
 * <p>Two ways to start: {@link #lock} reads the marks before anything is decided (a round trip of
 * its own); {@link #expect} takes the marks this projector committed last and sends the lock with
 * the transaction's writes, in the same round trip. If the locked marks are not the expected
 * ones (someone else moved them), the transaction is {@link Moved}: it must be rolled back and
 * done again with {@link #lock}.
 */
final class HighWaterMarks {
  private static final String LOCK =
      "SELECT bucket, applied_sequence FROM bucket_progress WHERE bucket = ANY(?) ORDER BY bucket FOR UPDATE";
  private final Map<String, Long> marks = new HashMap<>();
  private final Map<String, Long> raised = new LinkedHashMap<>();

  private HighWaterMarks() {}

  /** Locks and reads the marks of {@code buckets}, sending what {@code pending} holds with the lock. */
  static HighWaterMarks lock(Connection c, PipelinedStatements pending, Object[] buckets) throws SQLException {
    HighWaterMarks result = new HighWaterMarks();
    int lock = pending.add(LOCK, c.createArrayOf("text", buckets));
    result.marks.putAll(marksOf(PipelinedStatements.rows(pending.send(c), lock)));
    return result;
  }

  /**
   * Marks taken to be {@code expected} (every bucket of the batch has one), their lock added to
   * {@code pending}; when it is sent, the locked marks are checked against them.
   */
  static HighWaterMarks expect(Connection c, PipelinedStatements pending, Map<String, Long> expected) throws SQLException {
    HighWaterMarks result = new HighWaterMarks();
    result.marks.putAll(expected);
    int lock = pending.add(LOCK, c.createArrayOf("text", expected.keySet().toArray()));
    pending.check(lock, rows -> {
      if (!marksOf(rows).equals(expected)) {
        throw new Moved();
      }
    });
    return result;
  }

  /** The lock's rows as marks by bucket. */
  private static Map<String, Long> marksOf(List<Object[]> rows) {
    Map<String, Long> marks = new HashMap<>();
    for (Object[] row : rows) {
      marks.put((String) row[0], ((Number) row[1]).longValue());
    }
    return marks;
  }

  static Object[] buckets(List<ProjectedEvent> batch) {
    return batch.stream().map(p -> p.event().bucket().value()).distinct().toArray();
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

  /** Every bucket's mark as this transaction leaves it (what it read, raised by what it applied). */
  Map<String, Long> all() {
    return marks;
  }

  /** Adds the raised marks' write to {@code pending}; a mark never goes down (GREATEST), whoever wrote it. */
  void save(Connection c, PipelinedStatements pending) throws SQLException {
    if (raised.isEmpty()) {
      return;
    }
    pending.add("""
        INSERT INTO bucket_progress(bucket, applied_sequence) SELECT * FROM unnest(?::text[], ?::bigint[])
        ON CONFLICT (bucket) DO UPDATE SET applied_sequence = GREATEST(bucket_progress.applied_sequence, EXCLUDED.applied_sequence)
        """, c.createArrayOf("text", raised.keySet().toArray()), c.createArrayOf("bigint", raised.values().toArray()));
  }

  /** The marks locked were not the ones expected: roll back, and {@link #lock} them. */
  static final class Moved extends RuntimeException {
    Moved() {
      super("the buckets' high-water marks moved since this projector last wrote them", null, false, false);
    }
  }
}
