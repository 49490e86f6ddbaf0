package io.mocks3.projector.replay;

import tools.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mocks3.projector.replay.SortedComparison.Result;
import io.mocks3.projector.replay.SortedComparison.Side;
import io.mocks3.projector.replay.SortedComparison.Summary;
import io.mocks3.readmodel.BlobReferences.ReferencedBlob;
import io.mocks3.readmodel.ReadModelSnapshot;
import io.mocks3.readmodel.StoredVersion;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.cache.CacheKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import tools.jackson.core.JacksonException;

/**
 * Compares the projections with the log and with each other, and names every difference.
 *
 * <ul>
 *   <li><b>log</b>: the projector's state, made from the command log (every bucket, every version
 *       and delete marker of every key), of every projector instance ({@link CommandState});
 *   <li><b>postgres</b>: the read model (buckets, {@code objects} and {@code object_versions});
 *   <li><b>redis</b>: the cache of current objects;
 *   <li><b>storage nodes</b>: each node's blobs against the blobs the read model references:
 *       missing (referenced, not on the node), orphans (on the node, referenced by nothing:
 *       garbage until collected, listed with their age for the collector) and, with
 *       {@code verify}, corrupt (MD5 read from disk differs).
 * </ul>
 *
 * Each side is summarised as a count and a digest (SHA-256 over its lines in id order, code point
 * order), so two runs can be compared by digest alone; differences are listed (by default the first
 * {@value #LISTED} of each kind). The GC sweep runs this every few minutes, so no side is held in
 * memory: PostgreSQL streams in id order from one snapshot, the other sides are sorted on disk
 * ({@link LineSorter}), and each pair is merged ({@link SortedComparison}).
 */
public final class ConsistencyCheck {
  static final int LISTED = 100;
  private final DataSource dataSource;
  private final CommandState state;
  private final String redisUrl;
  private final List<URI> storageNodes;
  private final CommandAudit audit;
  private final NodeInventoryCheck nodeCheck = new NodeInventoryCheck(HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build());

  /**
   * @param redisUrl the cache, null when this projector keeps none
   * @param audit what was acknowledged against what was applied; null to skip it
   */
  public ConsistencyCheck(DataSource dataSource, CommandState state, String redisUrl, List<URI> storageNodes,
      CommandAudit audit) {
    this.audit = audit;
    this.dataSource = dataSource;
    this.state = state;
    this.redisUrl = redisUrl;
    this.storageNodes = storageNodes == null ? List.of() : List.copyOf(storageNodes);
  }

  /** @param verify read every blob on every node and check its MD5 */
  public Map<String, Object> check(boolean verify) throws Exception {
    return check(verify, LISTED, true);
  }

  /**
   * @param listed how many differences, missing and orphan blobs to name (of each kind)
   * @param acknowledged also compare the command log (what was acknowledged) with the events (what was applied)
   */
  public Map<String, Object> check(boolean verify, int listed, boolean acknowledged) throws Exception {
    List<Map<String, String>> differences = new ArrayList<>();
    int[] differenceCount = {0};
    Map<String, Object> report = new LinkedHashMap<>();
    ExecutorService readers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "consistency-read");
      t.setDaemon(true);
      return t;
    });
    // Read beside the comparisons, each from its own source: the audit of the command log (independent of every
    // projection), and each node's inventory once PostgreSQL's snapshot is taken, as before: a blob that snapshot
    // references was stored before its node is read, so it is never reported missing for being read too early.
    Future<CommandAudit.Result> audited = audit != null && acknowledged ? readers.submit(audit::audit) : null;
    List<Future<NodeInventoryCheck.Held>> inventories = new ArrayList<>();
    Runnable readNodes = () -> storageNodes.forEach(node -> inventories.add(readers.submit(() -> nodeCheck.read(node, verify))));
    try (LineSorter pgCurrent = new LineSorter("postgres current"); LineSorter referenced = new LineSorter("referenced blobs")) {
      Map<String, Object> pgReport = compareLogWithPostgres(pgCurrent, referenced, report, differences, differenceCount,
          listed, readNodes);
      pgReport.put("current", compareCache(pgCurrent, report, differences, differenceCount, listed).describe());
      Map<String, Object> nodes = new LinkedHashMap<>();
      for (int i = 0; i < storageNodes.size(); i++) {
        URI node = storageNodes.get(i);
        try (NodeInventoryCheck.Held held = result(inventories.set(i, null))) {
          nodes.put(node.getHost() + ":" + node.getPort(), nodeCheck.check(held, referenced, verify, differenceCount, listed));
        }
      }
      report.put("storageNodes", nodes);
      if (audited != null) {
        report.put("acknowledged", acknowledged(result(audited), differences, differenceCount, listed));
      }
      report.put("referencedBlobs", count(referenced));
    } finally {
      readers.shutdownNow();
      // Inventories read but not compared (the report failed first): their sorted files go now.
      for (Future<NodeInventoryCheck.Held> f : inventories) {
        if (f != null && f.isDone() && !f.isCancelled()) {
          try {
            f.get().close();
          } catch (ExecutionException e) {
            // Nothing was kept.
          }
        }
      }
    }
    report.put("consistent", differenceCount[0] == 0);
    report.put("differenceCount", differenceCount[0]);
    report.put("differences", differences);
    return report;
  }

  /** What a read beside the comparisons found; its failure as the failure it was. */
  private static <T> T result(Future<T> read) throws Exception {
    try {
      return read.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * The log's buckets and versions against PostgreSQL's, all from one PostgreSQL snapshot, which
   * also fills {@code pgCurrent} and {@code referenced} for the comparisons after it. Puts the
   * "log" and "postgres" sections into the report; answers the latter. {@code snapshotTaken} runs
   * once the snapshot is taken.
   */
  private Map<String, Object> compareLogWithPostgres(LineSorter pgCurrent, LineSorter referenced, Map<String, Object> report,
      List<Map<String, String>> differences, int[] differenceCount, int listed, Runnable snapshotTaken) throws Exception {
    try (LineSorter logVersions = new LineSorter("log versions"); LineSorter logBuckets = new LineSorter("log buckets")) {
      readLog(logVersions, logBuckets);
      Result buckets;
      Result versions;
      try (ReadModelSnapshot pg = ReadModelSnapshot.open(dataSource)) {
        snapshotTaken.run();
        try (LineCursor log = logBuckets.sorted(); LineCursor names = LineCursor.of("postgres buckets",
            pg.buckets().allNames().map(name -> new Line(name, "exists")))) {
          buckets = SortedComparison.compare("buckets", new Side("log", log), new Side("postgres", names), differences,
              differenceCount, listed);
        }
        try (LineCursor log = logVersions.sorted(); LineCursor rows = LineCursor.of("postgres versions",
            pg.objects().allVersions().map(v -> new Line(v.id(), describe(v))))) {
          versions = SortedComparison.compare("versions", new Side("log", log), new Side("postgres", rows), differences,
              differenceCount, listed);
        }
        readPostgresForLater(pg, pgCurrent, referenced);
      }
      report.put("log", Map.of("buckets", buckets.a().describe(), "versions", versions.a().describe()));
      Map<String, Object> pgReport = new LinkedHashMap<>();
      pgReport.put("buckets", buckets.b().describe());
      pgReport.put("versions", versions.b().describe());
      report.put("postgres", pgReport);
      return pgReport;
    }
  }

  /** Current objects (for the cache, read after PostgreSQL as before) and referenced blobs (for every node). */
  private static void readPostgresForLater(ReadModelSnapshot pg, LineSorter pgCurrent, LineSorter referenced) {
    try (Stream<StoredVersion> current = pg.objects().allCurrent()) {
      current.forEach(v -> pgCurrent.add(v.id(), describe(v)));
    }
    try (Stream<ReferencedBlob> blobs = pg.blobs().allReferenced()) {
      blobs.forEach(b -> referenced.add(b.id(), b.size() + " " + b.md5()));
    }
  }

  /** PostgreSQL's current objects against the cache, when there is one; answers PostgreSQL's summary. */
  private Summary compareCache(LineSorter pgCurrent, Map<String, Object> report, List<Map<String, String>> differences,
      int[] differenceCount, int listed) {
    if (redisUrl == null) {
      try (LineCursor current = pgCurrent.sorted()) {
        return SortedComparison.summarize(current);
      }
    }
    try (LineSorter redis = new LineSorter("redis current")) {
      readRedis(redis);
      try (LineCursor current = pgCurrent.sorted(); LineCursor cached = redis.sorted()) {
        Result result = SortedComparison.compare("current", new Side("postgres", current), new Side("redis", cached),
            differences, differenceCount, listed);
        report.put("redis", Map.of("current", result.b().describe()));
        return result.a();
      }
    }
  }

  private static String describe(StoredVersion v) {
    return v.deleteMarker() ? "delete-marker" : v.blobId() + " " + v.size() + " " + v.etag();
  }

  private static long count(LineSorter lines) {
    try (LineCursor cursor = lines.sorted()) {
      long n = 0;
      for (; cursor.hasNext(); cursor.next()) {
        n++;
      }
      return n;
    }
  }

  /** Acknowledged commands the projector passed without applying: each a difference, named by bucket and key. */
  private static Map<String, Object> acknowledged(CommandAudit.Result result, List<Map<String, String>> differences,
      int[] count, int limit) {
    int listed = 0;
    for (CommandAudit.Unapplied u : result.unapplied()) {
      count[0]++;
      if (listed++ < limit) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("what", "acknowledged command");
        d.put("between", "commands/events");
        d.put("id", u.bucket() + (u.key() == null ? "" : "/" + u.key()));
        d.put("commands", u.type() + " " + u.commandId() + " at " + u.position());
        d.put("events", u.state().equals("lost") ? "(never applied: lost)" : "(never applied: waiting in the dead-letter queue)");
        differences.add(d);
      }
    }
    return Map.of("commands", result.passed(), "pending", result.pending(), "unapplied", result.unapplied().size());
  }

  /** The projector's state, of every instance: every version of every key, every existing bucket. */
  private void readLog(LineSorter versions, LineSorter buckets) throws IOException, InterruptedException {
    state.readAll(new CommandState.Sink() {
      @Override
      public void bucket(String name) {
        buckets.add(name, "exists");
      }

      @Override
      public void version(String id, String description) {
        versions.add(id, description);
      }
    });
  }

  /** The cache's current objects, scanned in batches of a thousand keys. */
  private void readRedis(LineSorter current) {
    RedisClient client = RedisClient.create(redisUrl);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanArgs match = ScanArgs.Builder.matches(CacheKeys.current(CacheKeys.OBJECTS + ":") + "*").limit(1000);
      KeyScanCursor<String> cursor = redis.scan(match);
      while (true) {
        if (!cursor.getKeys().isEmpty()) {
          for (KeyValue<String, String> kv : redis.mget(cursor.getKeys().toArray(String[]::new))) {
            if (kv.hasValue()) {
              addCachedRow(current, kv.getValue());
            }
          }
        }
        if (cursor.isFinished()) {
          break;
        }
        cursor = redis.scan(cursor, match);
      }
    } finally {
      client.shutdown();
    }
  }

  private static void addCachedRow(LineSorter current, String json) {
    try {
      JsonNode row = Json.mapper().readTree(json);
      String version = row.path("version_id").isNull() || row.path("version_id").isMissingNode()
          ? Versioning.NULL_VERSION : row.path("version_id").asString();
      current.add(row.path("bucket").asString() + "/" + row.path("key").asString() + "#" + version,
          row.path("blob_id").asString() + " " + row.path("size").asLong() + " " + row.path("etag").asString());
    } catch (JacksonException e) {
      current.add("unreadable cache entry " + json.hashCode(), json);
    }
  }
}
