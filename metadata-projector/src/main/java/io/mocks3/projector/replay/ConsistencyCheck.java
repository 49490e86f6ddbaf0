package io.mocks3.projector.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mocks3.projector.StreamsRunner;
import io.mocks3.projector.core.BucketState;
import io.mocks3.projector.core.ObjectState;
import io.mocks3.projector.topology.CommandTopology;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.cache.CacheKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Compares the projections with the log and with each other, and names every difference.
 *
 * <ul>
 *   <li><b>log</b>: the projector's state, made from the command log (every bucket, every version
 *       and delete marker of every key);
 *   <li><b>postgres</b>: the read model (buckets, {@code objects} and {@code object_versions});
 *   <li><b>redis</b>: the cache of current objects;
 *   <li><b>storage nodes</b>: each node's blobs against the blobs the read model references:
 *       missing (referenced, not on the node), orphans (on the node, referenced by nothing:
 *       garbage until collected, listed with their age for the collector) and, with
 *       {@code verify}, corrupt (MD5 read from disk differs).
 * </ul>
 *
 * Each side is summarised as a count and a digest (SHA-256 over its sorted lines), so two runs can
 * be compared by digest alone; differences are listed (by default the first {@value #LISTED} of each kind).
 */
public final class ConsistencyCheck {
  static final int LISTED = 100;
  private final DataSource dataSource;
  private final StreamsRunner streams;
  private final String redisUrl;
  private final List<URI> storageNodes;
  private final CommandAudit audit;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  /**
   * @param redisUrl the cache, null when this projector keeps none
   * @param audit what was acknowledged against what was applied; null to skip it
   */
  public ConsistencyCheck(DataSource dataSource, StreamsRunner streams, String redisUrl, List<URI> storageNodes,
      CommandAudit audit) {
    this.audit = audit;
    this.dataSource = dataSource;
    this.streams = streams;
    this.redisUrl = redisUrl;
    this.storageNodes = storageNodes == null ? List.of() : List.copyOf(storageNodes);
  }

  /** One side's lines: identity to description. */
  private record Side(String name, Map<String, String> lines) {
    Map<String, Object> summary() {
      return Map.of("count", lines.size(), "digest", digest(lines));
    }
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

    Side logVersions = new Side("log", new TreeMap<>());
    Side logBuckets = new Side("log", new TreeMap<>());
    readLog(logVersions.lines(), logBuckets.lines());
    Side pgVersions = new Side("postgres", new TreeMap<>());
    Side pgBuckets = new Side("postgres", new TreeMap<>());
    Side pgCurrent = new Side("postgres", new TreeMap<>());
    Map<String, String[]> referenced = new TreeMap<>();
    readPostgres(pgVersions.lines(), pgBuckets.lines(), pgCurrent.lines(), referenced);

    report.put("log", Map.of("buckets", logBuckets.summary(), "versions", logVersions.summary()));
    Map<String, Object> pg = new LinkedHashMap<>();
    pg.put("buckets", pgBuckets.summary());
    pg.put("versions", pgVersions.summary());
    pg.put("current", pgCurrent.summary());
    report.put("postgres", pg);
    compare("buckets", logBuckets, pgBuckets, differences, differenceCount, listed);
    compare("versions", logVersions, pgVersions, differences, differenceCount, listed);

    if (redisUrl != null) {
      Side redis = new Side("redis", new TreeMap<>());
      readRedis(redis.lines());
      report.put("redis", Map.of("current", redis.summary()));
      compare("current", pgCurrent, redis, differences, differenceCount, listed);
    }

    Map<String, Object> nodes = new LinkedHashMap<>();
    for (URI node : storageNodes) {
      nodes.put(node.getHost() + ":" + node.getPort(), checkNode(node, referenced, verify, differenceCount, listed));
    }
    report.put("storageNodes", nodes);
    if (audit != null && acknowledged) {
      report.put("acknowledged", acknowledged(differences, differenceCount, listed));
    }
    report.put("referencedBlobs", referenced.size());
    report.put("consistent", differenceCount[0] == 0);
    report.put("differenceCount", differenceCount[0]);
    report.put("differences", differences);
    return report;
  }

  /** Acknowledged commands the projector passed without applying: each a difference, named by bucket and key. */
  private Map<String, Object> acknowledged(List<Map<String, String>> differences, int[] count, int limit) throws Exception {
    CommandAudit.Result result = audit.audit();
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

  /** The projector's state stores: every version of every key, every existing bucket. */
  private void readLog(Map<String, String> versions, Map<String, String> buckets) {
    ReadOnlyKeyValueStore<String, ObjectState> objects = streams.streams().store(
        StoreQueryParameters.fromNameAndType(CommandTopology.OBJECTS_STORE, QueryableStoreTypes.<String, ObjectState>keyValueStore()));
    try (KeyValueIterator<String, ObjectState> all = objects.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        int nul = entry.key.indexOf('\0');
        String bucket = entry.key.substring(0, nul);
        String key = entry.key.substring(nul + 1);
        for (ObjectState.Version v : entry.value.versions()) {
          versions.put(bucket + "/" + key + "#" + v.versionId(),
              v.deleteMarker() ? "delete-marker" : v.blob().id().value() + " " + v.blob().size() + " " + v.blob().md5Hex());
        }
      }
    }
    ReadOnlyKeyValueStore<String, BucketState> bucketStore = streams.streams().store(
        StoreQueryParameters.fromNameAndType(CommandTopology.BUCKETS_STORE, QueryableStoreTypes.<String, BucketState>keyValueStore()));
    try (KeyValueIterator<String, BucketState> all = bucketStore.all()) {
      while (all.hasNext()) {
        BucketState b = all.next().value;
        if (b.exists()) {
          buckets.put(b.name(), "exists");
        }
      }
    }
  }

  private void readPostgres(Map<String, String> versions, Map<String, String> buckets, Map<String, String> current,
      Map<String, String[]> referenced) throws SQLException, IOException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (ResultSet r = s.executeQuery("SELECT name FROM buckets")) {
        while (r.next()) {
          buckets.put(r.getString(1), "exists");
        }
      }
      try (ResultSet r = s.executeQuery("""
          SELECT bucket, key, coalesce(version_id, 'null'), false, blob_id, size, etag, parts::text, true FROM objects
          UNION ALL
          SELECT bucket, key, version_id, delete_marker, blob_id, size, etag, parts::text, false FROM object_versions
          """)) {
        while (r.next()) {
          String id = r.getString(1) + "/" + r.getString(2) + "#" + r.getString(3);
          boolean marker = r.getBoolean(4);
          String line = marker ? "delete-marker" : r.getString(5) + " " + r.getLong(6) + " " + r.getString(7);
          versions.put(id, line);
          if (r.getBoolean(9)) {
            current.put(id, line);
          }
          if (!marker) {
            reference(referenced, r.getString(5), r.getLong(6), r.getString(7), r.getString(8));
          }
        }
      }
      try (ResultSet r = s.executeQuery("SELECT blob_id, size, etag FROM multipart_parts")) {
        while (r.next()) {
          reference(referenced, r.getString(1), r.getLong(2), r.getString(3), null);
        }
      }
      c.commit();
    }
  }

  /** The stored blobs an object stands on: its parts when it was assembled from them, else its blob. */
  private static void reference(Map<String, String[]> referenced, String blobId, long size, String md5, String partsJson)
      throws IOException {
    if (partsJson == null) {
      referenced.put(blobId, new String[] {String.valueOf(size), md5});
      return;
    }
    for (JsonNode part : Json.mapper().readTree(partsJson)) {
      referenced.put(part.path("id").asText(), new String[] {part.path("size").asText(), part.path("md5Hex").asText()});
    }
  }

  private void readRedis(Map<String, String> current) {
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

  private static void addCachedRow(Map<String, String> current, String json) {
    try {
      JsonNode row = Json.mapper().readTree(json);
      String version = row.path("version_id").isNull() || row.path("version_id").isMissingNode()
          ? Versioning.NULL_VERSION : row.path("version_id").asText();
      current.put(row.path("bucket").asText() + "/" + row.path("key").asText() + "#" + version,
          row.path("blob_id").asText() + " " + row.path("size").asLong() + " " + row.path("etag").asText());
    } catch (IOException e) {
      current.put("unreadable cache entry " + json.hashCode(), json);
    }
  }

  private Map<String, Object> checkNode(URI node, Map<String, String[]> referenced, boolean verify, int[] differenceCount,
      int listed)
      throws InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode inventory;
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.resolve("/admin/blobs?verify=" + verify))
          .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("answered " + response.statusCode());
      }
      inventory = Json.mapper().readTree(response.body());
    } catch (IOException e) {
      differenceCount[0]++;
      out.put("error", "cannot read its inventory: " + e.getMessage());
      return out;
    }
    Map<String, JsonNode> held = new TreeMap<>();
    inventory.path("blobs").forEach(b -> held.put(b.path("id").asText(), b));
    List<String> missing = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    Map<String, String> lines = new TreeMap<>();
    referenced.forEach((id, sizeAndMd5) -> {
      JsonNode blob = held.get(id);
      if (blob == null) {
        missing.add(id);
        return;
      }
      String md5 = verify ? blob.path("md5").asText() : sizeAndMd5[1];
      boolean sizeDiffers = !String.valueOf(blob.path("size").asLong()).equals(sizeAndMd5[0]);
      if (sizeDiffers || (verify && !md5.equalsIgnoreCase(sizeAndMd5[1]))) {
        corrupt.add(id);
      }
      lines.put(id, blob.path("size").asLong() + " " + md5);
    });
    List<Map<String, Object>> orphans = held.values().stream().filter(b -> !referenced.containsKey(b.path("id").asText()))
        .map(b -> Map.<String, Object>of("id", b.path("id").asText(), "size", b.path("size").asLong(),
            "modified", b.path("modified").asText()))
        .toList();
    differenceCount[0] += missing.size() + corrupt.size();
    out.put("node", inventory.path("node").asText());
    out.put("url", node.toString());
    out.put("blobs", held.size());
    out.put("digest", digest(lines));
    out.put("missingCount", missing.size());
    out.put("missing", missing.stream().limit(listed).map(id -> Map.of("id", id, "size", Long.parseLong(referenced.get(id)[0]),
        "md5", referenced.get(id)[1])).toList());
    out.put("orphanCount", orphans.size());
    out.put("orphans", orphans.stream().limit(listed).toList());
    if (verify) {
      out.put("corruptCount", corrupt.size());
      out.put("corrupt", corrupt.stream().limit(listed).toList());
    }
    return out;
  }

  /** Lists what {@code a} and {@code b} disagree on (missing on one side, or different). */
  private static void compare(String what, Side a, Side b, List<Map<String, String>> differences, int[] count, int limit) {
    int listed = 0;
    for (Map.Entry<String, String> line : a.lines().entrySet()) {
      String other = b.lines().get(line.getKey());
      if (!line.getValue().equals(other)) {
        count[0]++;
        if (listed++ < limit) {
          differences.add(difference(what, a, b, line.getKey(), line.getValue(), other));
        }
      }
    }
    for (Map.Entry<String, String> line : b.lines().entrySet()) {
      if (!a.lines().containsKey(line.getKey())) {
        count[0]++;
        if (listed++ < limit) {
          differences.add(difference(what, a, b, line.getKey(), null, line.getValue()));
        }
      }
    }
  }

  private static Map<String, String> difference(String what, Side a, Side b, String id, String inA, String inB) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("what", what);
    d.put("between", a.name() + "/" + b.name());
    d.put("id", id);
    d.put(a.name(), inA == null ? "(absent)" : inA);
    d.put(b.name(), inB == null ? "(absent)" : inB);
    return d;
  }

  /** SHA-256 (hex) over the sorted lines "identity description". */
  static String digest(Map<String, String> lines) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(lines).forEach((k, v) -> sha.update((k + " " + v + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
