package io.mocks3.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mocks3.kafkaconfig.retry.RetrySettings;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.event.BucketConfigSet;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.BucketDeleted;
import io.mocks3.schemas.event.CommittedOutcomes;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryTemplate;

/** The projection against a real PostgreSQL: applying every event twice gives the same state. */
class PostgresMetadataProjectionIT {
  private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void start() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
    dataSource = postgres.getPostgresDatabase();
    org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void empty() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE buckets, objects, object_versions, bucket_progress, bucket_config");
    }
  }

  /** One fixed history (blob ids are random, so build it once). */
  private static final List<Event> HISTORY = buildHistory();

  private static List<Event> history() {
    return HISTORY;
  }

  private static List<Event> buildHistory() {
    BucketName a = BucketName.of("bucket-a");
    BucketName b = BucketName.of("bucket-b");
    List<Event> events = new ArrayList<>();
    events.add(new BucketCreated("1", a, 1, T));
    events.add(new BucketCreated("2", b, 1, T));
    for (int i = 0; i < 20; i++) {
      events.add(new ObjectCreated("p" + i, a, 2 + i, T.plusSeconds(i), ObjectKey.of("k" + (i % 7)),
          BlobRef.of(BlobId.random(), i, "md5-" + i), new ObjectMetadata("text/plain", Map.of(), Map.of("i", "" + i), Map.of("t", "" + i)), null, null, null));
    }
    events.add(new ObjectDeleted("d1", a, 22, T, ObjectKey.of("k3"), null));
    events.add(new ObjectTagsSet("t1", a, 23, T, ObjectKey.of("k1"), Map.of("colour", "blue")));
    events.add(new BucketConfigSet("cfg1", a, 24, T, "cors", "<CORSConfiguration/>"));
    events.add(new BucketConfigSet("cfg2", a, 25, T, "tagging", "<Tagging/>"));
    events.add(new BucketConfigSet("cfg3", a, 26, T, "tagging", null));
    events.add(new ObjectCreated("pb", b, 2, T, ObjectKey.of("x"), BlobRef.of(BlobId.random(), 1, "m"), new ObjectMetadata(null, null, null, null), null, null, null));
    events.add(new ObjectDeleted("db", b, 3, T, ObjectKey.of("x"), null));
    events.add(new BucketDeleted("bd", b, 4, T));
    events.add(new BucketCreated("bc", b, 5, T));
    // A versioned bucket: two versions of "v", a delete marker on top, then the marker and the newest
    // version deleted by id, which leaves the first version current again.
    BucketName v = BucketName.of("bucket-v");
    events.add(new BucketCreated("vc", v, 1, T));
    events.add(new BucketConfigSet("vv", v, 2, T, "versioning", "Enabled"));
    for (int i = 1; i <= 2; i++) {
      events.add(new ObjectCreated("v" + i, v, 2 + i, T.plusSeconds(i), ObjectKey.of("v"), BlobRef.of(BlobId.random(), i, "mv" + i),
          new ObjectMetadata(null, null, null, null), null, null, null, "version-" + i));
    }
    events.add(new ObjectDeleted("vm", v, 5, T, ObjectKey.of("v"), null, "marker", true, true));
    events.add(new ObjectDeleted("vd1", v, 6, T, ObjectKey.of("v"), null, "marker", true, false));
    events.add(new ObjectDeleted("vd2", v, 7, T, ObjectKey.of("v"), null, "version-2", false, false));
    return List.copyOf(events);
  }

  @Test
  void deliveringEveryEventTwiceGivesTheSameState() throws SQLException {
    PostgresMetadataProjection projection = new PostgresMetadataProjection(dataSource);
    history().forEach(projection::apply);
    String once = snapshot();

    empty();
    for (Event e : history()) {
      projection.apply(e);
      projection.apply(e);
    }
    assertThat(snapshot()).isEqualTo(once);

    history().forEach(projection::apply);
    assertThat(snapshot()).isEqualTo(once);
    assertThat(once).contains("bucket-a/k0", "bucket-b|", "{\"colour\": \"blue\"}", "config bucket-a cors <CORSConfiguration/>")
        .contains("bucket-v/v version-1 ")
        .doesNotContain("bucket-a/k3", "bucket-b/x", "config bucket-a tagging", "version-2", "marker");
  }

  @Test
  void aStaleEventCannotOverwriteANewerOne() throws SQLException {
    PostgresMetadataProjection projection = new PostgresMetadataProjection(dataSource);
    List<Event> h = history();
    h.forEach(projection::apply);
    String current = snapshot();
    projection.apply(h.get(5));
    assertThat(snapshot()).isEqualTo(current);
  }

  @Test
  void theWholeHistoryAsOneBatchGivesTheStateOfOneEventAtATimeAndAgainChangesNothing() throws SQLException {
    PostgresMetadataProjection projection = new PostgresMetadataProjection(dataSource);
    history().forEach(projection::apply);
    String eventByEvent = snapshot();

    empty();
    List<ProjectedEvent> batch = history().stream().map(ProjectedEvent::of).toList();
    projection.apply(batch);
    assertThat(snapshot()).isEqualTo(eventByEvent);
    projection.apply(batch);
    projection.apply(batch.subList(3, 17));
    assertThat(snapshot()).isEqualTo(eventByEvent);
  }

  @Test
  void aBatchOfAThousandPutsIsOneTransactionAndTheLastWriteOfAKeyWins() throws SQLException {
    AtomicInteger commits = new AtomicInteger();
    PostgresMetadataProjection projection = new PostgresMetadataProjection(countingCommits(dataSource, commits));
    BucketName bucket = BucketName.of("bulk");
    List<ProjectedEvent> batch = new ArrayList<>();
    batch.add(ProjectedEvent.of(new BucketCreated("c", bucket, 1, T)));
    for (int i = 0; i < 1000; i++) {
      // 250 keys written 4 times each: one multi-row upsert may not touch a row twice, the projection sends the last.
      batch.add(ProjectedEvent.of(new ObjectCreated("put-" + i, bucket, 2 + i, T.plusMillis(i), ObjectKey.of("key-" + (i % 250)),
          BlobRef.of(BlobId.random(), i, "md5-" + i), new ObjectMetadata("text/plain", Map.of(), Map.of(), Map.of()), null, null,
          null)));
    }

    projection.apply(batch);

    assertThat(commits).hasValue(1);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), min(sequence), max(sequence), sum(size) FROM objects WHERE bucket = 'bulk'")) {
      r.next();
      // Each key's last write is one of the last 250 (sequences 752..1001, sizes 750..999).
      assertThat(List.of(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)))
          .containsExactly(250L, 752L, 1001L, (750L + 999L) * 250 / 2);
    }
    assertThat(mark("bulk")).isEqualTo(1001L);
  }

  @Test
  void aProjectorWhoseMarksAnotherMovedAppliesNoEventTwiceAndNoStaleOne() throws SQLException {
    AtomicInteger commits = new AtomicInteger();
    PostgresMetadataProjection zombie = new PostgresMetadataProjection(countingCommits(dataSource, commits));
    PostgresMetadataProjection successor = new PostgresMetadataProjection(dataSource);
    BucketName bucket = BucketName.of("handed-over");
    zombie.apply(List.of(ProjectedEvent.of(new BucketCreated("c", bucket, 1, T))));
    // The successor (the partition's next owner) applies sequences 2 and 3 while the zombie still takes its mark to be 1.
    successor.apply(List.of(ProjectedEvent.of(sized("v2", bucket, 2, 200)), ProjectedEvent.of(sized("v3", bucket, 3, 300))));

    // The zombie's batch: sequence 2 again (stale: 3 has replaced its row) and a new one for another key.
    zombie.apply(List.of(ProjectedEvent.of(sized("v2", bucket, 2, 200)),
        ProjectedEvent.of(new ObjectCreated("other", bucket, 4, T, ObjectKey.of("other"), BlobRef.of(BlobId.random(), 4, "m"),
            new ObjectMetadata(null, null, null, null), null, null, null))));

    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT key, size, sequence FROM objects WHERE bucket = 'handed-over' ORDER BY key")) {
      List<String> rows = new ArrayList<>();
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getLong(2) + " " + r.getLong(3));
      }
      assertThat(rows).containsExactly("k 300 3", "other 4 4");
    }
    assertThat(mark("handed-over")).isEqualTo(4L);
    // The zombie's first try, decided against the marks it wrote last, was rolled back, not committed.
    assertThat(commits).hasValue(2);
  }

  @Test
  void theEventsAWriterAwaitsAreNotifiedWhenTheirRowsCommitAndNeverWhenTheyRollBack() throws Exception {
    BucketName bucket = BucketName.of("awaited");
    Event created = new BucketCreated("create", bucket, 1, T);
    Event refused = put("refused", bucket, 2);
    Event quiet = put("quiet", bucket, 2);
    Event awaited = put("awaited", bucket, 3);
    try (Connection listener = dataSource.getConnection(); Statement s = listener.createStatement()) {
      s.execute("LISTEN " + CommittedOutcomes.CHANNEL);
      new PostgresMetadataProjection(dataSource).apply(List.of(new ProjectedEvent(created, null, true)));
      PostgresMetadataProjection failing = new PostgresMetadataProjection(onCommit(dataSource, () -> {
        throw new SQLException("commit refused");
      }));
      assertThatThrownBy(() -> failing.apply(List.of(new ProjectedEvent(refused, null, true))))
          .hasStackTraceContaining("commit refused");
      new PostgresMetadataProjection(dataSource).apply(
          List.of(new ProjectedEvent(quiet, null, false), new ProjectedEvent(awaited, null, true)));

      // Delivered in commit order: the rolled-back transaction's would come before the last one's.
      assertThat(notifiedCommands(listener, "awaited")).containsExactly("create", "awaited");
    }
  }

  @Test
  void noNotificationIsSentWhileTheQueueIsFillingAndTheRowsStillCommit() throws Exception {
    BucketName bucket = BucketName.of("guarded");
    Event created = new BucketCreated("guard-create", bucket, 1, T);
    Event withheld = put("withheld", bucket, 2);
    Event sent = put("sent", bucket, 3);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RetryTemplate once = new RetryTemplate(new RetrySettings(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)).policy());
    try (Connection listener = dataSource.getConnection(); Statement s = listener.createStatement()) {
      s.execute("LISTEN " + CommittedOutcomes.CHANNEL);
      // A guard of 0: the queue counts as full however empty it is.
      new PostgresMetadataProjection(dataSource, null, once, meters, 0.0)
          .apply(List.of(new ProjectedEvent(created, null, false), new ProjectedEvent(withheld, null, true)));
      new PostgresMetadataProjection(dataSource, null, once, null, CommittedOutcomes.QUEUE_GUARD)
          .apply(List.of(new ProjectedEvent(sent, null, true)));

      assertThat(notifiedCommands(listener, "sent")).containsExactly("sent");
      assertThat(meters.counter("mocks3.outcome.notifications.withheld").count()).isEqualTo(1.0);
    }
    assertThat(mark("guarded")).isEqualTo(3L);
  }

  /** The command ids of the notifications {@code listener} receives, until {@code last} (10 s at most). */
  private static List<String> notifiedCommands(Connection listener, String last) throws SQLException {
    List<String> commands = new ArrayList<>();
    PGConnection pg = listener.unwrap(PGConnection.class);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!commands.contains(last) && System.nanoTime() < deadline) {
      PGNotification[] received = pg.getNotifications(500);
      for (PGNotification n : received == null ? new PGNotification[0] : received) {
        commands.add(JsonSerde.of(Event.class).deserialize(Topics.EVENTS, n.getParameter().getBytes(StandardCharsets.UTF_8))
            .commandId());
      }
    }
    return commands;
  }

  /** The high-water mark of {@code bucket}. */
  private static long mark(String bucket) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var s = c.prepareStatement("SELECT applied_sequence FROM bucket_progress WHERE bucket = ?")) {
      s.setString(1, bucket);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("a mark for " + bucket).isTrue();
        return r.getLong(1);
      }
    }
  }

  /** A write of key {@code k} whose size tells which one it was. */
  private static Event sized(String commandId, BucketName bucket, long sequence, long size) {
    return new ObjectCreated(commandId, bucket, sequence, T, ObjectKey.of("k"), BlobRef.of(BlobId.random(), size, "m"),
        new ObjectMetadata(null, null, null, null), null, null, null);
  }

  private static Event put(String commandId, BucketName bucket, long sequence) {
    return new ObjectCreated(commandId, bucket, sequence, T, ObjectKey.of("k"), BlobRef.of(BlobId.random(), 1, "m"),
        new ObjectMetadata(null, null, null, null), null, null, null);
  }

  /** {@code dataSource}, counting the commits of its connections. */
  private static DataSource countingCommits(DataSource dataSource, AtomicInteger commits) {
    return onCommit(dataSource, commits::incrementAndGet);
  }

  /** What runs before each commit of a connection. */
  @FunctionalInterface
  private interface BeforeCommit {
    void run() throws SQLException;
  }

  /** {@code dataSource}, running {@code before} ahead of every commit of its connections (which fails if it throws). */
  private static DataSource onCommit(DataSource dataSource, BeforeCommit before) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(dataSource, method, args);
          if (!(result instanceof Connection connection)) {
            return result;
          }
          return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
            if (m.getName().equals("commit")) {
              before.run();
            }
            return invoke(connection, m, a);
          });
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static String snapshot() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT name FROM buckets ORDER BY name")) {
        while (r.next()) {
          out.append(r.getString(1)).append("|\n");
        }
      }
      try (ResultSet r = s.executeQuery(
          "SELECT bucket, key, version_id, blob_id, size, etag, content_type, user_metadata::text, last_modified, sequence, tags::text"
              + " FROM objects ORDER BY bucket, key")) {
        while (r.next()) {
          out.append(r.getString(1)).append('/').append(r.getString(2));
          for (int i = 3; i <= 11; i++) {
            out.append(' ').append(r.getString(i));
          }
          out.append('\n');
        }
      }
      try (ResultSet r = s.executeQuery(
          "SELECT bucket, key, version_id, delete_marker, blob_id, sequence FROM object_versions ORDER BY bucket, key, sequence")) {
        while (r.next()) {
          out.append("noncurrent ").append(r.getString(1)).append('/').append(r.getString(2));
          for (int i = 3; i <= 6; i++) {
            out.append(' ').append(r.getString(i));
          }
          out.append('\n');
        }
      }
      try (ResultSet r = s.executeQuery("SELECT bucket, kind, document FROM bucket_config ORDER BY bucket, kind")) {
        while (r.next()) {
          out.append("config ").append(r.getString(1)).append(' ').append(r.getString(2)).append(' ').append(r.getString(3)).append('\n');
        }
      }
    }
    return out.toString();
  }
}
