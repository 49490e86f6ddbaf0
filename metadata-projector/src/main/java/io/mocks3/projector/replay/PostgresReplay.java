package io.mocks3.projector.replay;

import io.mocks3.projector.CommandStreams;
import io.mocks3.projector.projection.PostgresMetadataProjection;
import io.mocks3.projector.projection.ProjectedEvent;
import io.mocks3.schemas.ReplayAnswer;
import io.mocks3.schemas.event.Event;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Rebuilds the PostgreSQL read model from the event log while the gateway keeps serving.
 *
 * <ol>
 *   <li>The events so far are projected, by the same code as live, into a shadow schema
 *       ({@value #SHADOW}); the live projection goes on meanwhile.
 *   <li>The command stream is stopped (its transaction committed: every event the live projection
 *       applied is now in the log), the shadow catches up with the log's end, and in one
 *       transaction the live tables become equal to the shadow: rows that differ are deleted and
 *       the shadow's inserted, rows that agree are not touched (so CDC and the cache see only real
 *       changes). The command stream resumes.
 * </ol>
 *
 * Readers see the old tables until that commit and the rebuilt ones after it, never a half-built
 * state; strong writes wait during the short stop (the catch-up and the swap), eventual writes do not.
 *
 * <p>Only one projector instance may run meanwhile: the stop is of this instance's command stream,
 * and another instance's live projection between the cut and the swap would be undone by it. With
 * more than one instance in the Streams group the replay is refused before it starts.
 */
public final class PostgresReplay {
  private static final Logger log = LoggerFactory.getLogger(PostgresReplay.class);
  static final String SHADOW = "mocks3_replay";
  /** The read model's tables and their primary keys. */
  static final Map<String, List<String>> TABLES = tables();

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final CommandStreams streams;
  private final String bootstrapServers;
  private final AtomicBoolean running = new AtomicBoolean();

  /** The replay works on a connection of its own (never a pooled one: it points at the shadow schema). */
  public PostgresReplay(String jdbcUrl, String user, String password, CommandStreams streams, String bootstrapServers) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.streams = streams;
    this.bootstrapServers = bootstrapServers;
  }

  private static Map<String, List<String>> tables() {
    Map<String, List<String>> t = new LinkedHashMap<>();
    t.put("buckets", List.of("name"));
    t.put("bucket_progress", List.of("bucket"));
    t.put("bucket_config", List.of("bucket", "kind"));
    t.put("objects", List.of("bucket", "key"));
    t.put("object_versions", List.of("bucket", "key", "version_id"));
    t.put("multipart_uploads", List.of("bucket", "upload_id"));
    t.put("multipart_parts", List.of("bucket", "upload_id", "part_number"));
    return t;
  }

  /** What a replay did: events replayed, rows deleted and inserted per table, how long writes were stopped. */
  public record Result(long events, Map<String, int[]> changes, long stoppedMillis, long tookMillis) {
    public Map<String, Object> describe() {
      Map<String, Object> tables = new LinkedHashMap<>();
      changes.forEach((table, c) -> tables.put(table, Map.of("deleted", c[0], "inserted", c[1])));
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("events", events);
      figures.put("tables", tables);
      figures.put("commandStreamStoppedMs", stoppedMillis);
      return ReplayAnswer.caughtUp("postgres", figures, tookMillis, "eventsPerSecond", events);
    }
  }

  public Result run() throws Exception {
    int instances = streams.streams().metadataForAllStreamsClients().size();
    if (instances > 1) {
      throw new IllegalStateException("a PostgreSQL replay needs the whole command stream stopped, and " + instances
          + " projector instances run it: stop all but one (ops/mocks3 kill metadata-projector-2 ..., or scale to one), replay, then start them again");
    }
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("a PostgreSQL replay is already running");
    }
    long started = System.nanoTime();
    try (Connection shadow = DriverManager.getConnection(jdbcUrl, user, password); EventLog events = new EventLog(bootstrapServers)) {
      createShadow(shadow);
      PostgresMetadataProjection projection = new PostgresMetadataProjection(new SingleConnectionDataSource(shadow, true));
      Map<TopicPartition, Long> cut = events.end();
      Consumer<List<Event>> apply = batch -> projection.apply(batch.stream().map(ProjectedEvent::of).toList());
      long replayed = events.read(events.beginning(), cut, apply);
      log.info("replay: {} events projected into {} while live; stopping the command stream for the catch-up", replayed, SHADOW);
      long stopped = System.nanoTime();
      long[] caughtUp = new long[2];
      Map<String, int[]> changes = streams.whileStopped(() -> {
        caughtUp[0] = events.read(cut, events.end(), apply);
        Map<String, int[]> swapped = swap(shadow);
        caughtUp[1] = System.nanoTime();
        return swapped;
      });
      dropShadow(shadow);
      Result result = new Result(replayed + caughtUp[0], changes, (caughtUp[1] - stopped) / 1_000_000,
          (System.nanoTime() - started) / 1_000_000);
      log.info("replay of PostgreSQL done: {}", result.describe());
      return result;
    } finally {
      running.set(false);
    }
  }

  /**
   * An empty copy of every table in {@value #SHADOW}; this connection works there. The copies are
   * unlogged (the shadow is thrown away if the replay dies, so its rows need no write-ahead log,
   * which the change capture would also have to read past) and keep only the indexes the
   * projection itself uses (the primary keys, and a key's versions newest first); the live tables'
   * other indexes serve readers and are maintained by the swap's inserts.
   */
  private static void createShadow(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SHADOW + " CASCADE");
      s.execute("CREATE SCHEMA " + SHADOW);
      for (Map.Entry<String, List<String>> table : TABLES.entrySet()) {
        String copy = SHADOW + "." + table.getKey();
        s.execute("CREATE UNLOGGED TABLE " + copy + " (LIKE public." + table.getKey() + " INCLUDING ALL EXCLUDING INDEXES)");
        s.execute("ALTER TABLE " + copy + " ADD PRIMARY KEY (" + String.join(", ", table.getValue()) + ")");
      }
      s.execute("CREATE INDEX ON " + SHADOW + ".object_versions (bucket, key, sequence DESC)");
      s.execute("SET search_path TO " + SHADOW);
      s.execute("SET synchronous_commit TO off");
    }
  }

  private static void dropShadow(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SHADOW + " CASCADE");
    }
  }

  /** Makes every live table equal to its shadow in one transaction, touching only rows that differ. */
  private static Map<String, int[]> swap(Connection c) throws SQLException {
    Map<String, int[]> changes = new LinkedHashMap<>();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL synchronous_commit TO on");
      for (Map.Entry<String, List<String>> table : TABLES.entrySet()) {
        String live = "public." + table.getKey();
        String rebuilt = SHADOW + "." + table.getKey();
        String sameKey = String.join(" AND ", table.getValue().stream().map(k -> "s." + k + " = p." + k).toList());
        int deleted = s.executeUpdate("DELETE FROM " + live + " p WHERE NOT EXISTS (SELECT 1 FROM " + rebuilt + " s WHERE "
            + sameKey + " AND ROW(s.*) IS NOT DISTINCT FROM ROW(p.*))");
        int inserted = s.executeUpdate("INSERT INTO " + live + " SELECT s.* FROM " + rebuilt + " s WHERE NOT EXISTS (SELECT 1 FROM "
            + live + " p WHERE " + sameKey + ")");
        changes.put(table.getKey(), new int[] {deleted, inserted});
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    return changes;
  }
}
