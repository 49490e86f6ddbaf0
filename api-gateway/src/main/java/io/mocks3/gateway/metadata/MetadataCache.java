package io.mocks3.gateway.metadata;

import tools.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.readmodel.ColumnJson;
import io.mocks3.readmodel.ObjectRow;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.cache.CacheKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The gateway's view of the Redis metadata cache, which the projector keeps from PostgreSQL's
 * committed changes (Debezium CDC, {@code mocks3.cdc}). Read-only here. A lookup is a hit (the
 * cached row), or a miss — the key is not cached, or Redis did not answer within its timeout —
 * after which the caller reads PostgreSQL. Hits, misses, errors and stale answers are counted in
 * {@code mocks3_cache_reads_total{result}}.
 */
public final class MetadataCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);
  private static final long RECONNECT_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();
  private final RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;
  private long lastAttempt = System.nanoTime() - RECONNECT_PAUSE_NANOS;
  private final Counter hits;
  private final Counter misses;
  private final Counter errors;
  private final Counter stale;

  public MetadataCache(String redisUrl, Duration timeout, MeterRegistry meters) {
    this.client = RedisClient.create(RedisURI.builder(RedisURI.create(redisUrl)).withTimeout(timeout).build());
    this.hits = counter(meters, "hit");
    this.misses = counter(meters, "miss");
    this.errors = counter(meters, "error");
    this.stale = counter(meters, "stale");
  }

  private static Counter counter(MeterRegistry meters, String result) {
    return Counter.builder("mocks3.cache.reads").description("metadata reads answered from (or missed in) the Redis cache")
        .tag("result", result).register(meters);
  }

  /** The cached current object; empty on a miss. */
  public Optional<ObjectRow> object(String bucket, String key) {
    Optional<ObjectRow> row = lookup(CacheKeys.current(CacheKeys.object(bucket, key)));
    (row.isPresent() ? hits : misses).increment();
    return row;
  }

  /**
   * What the cache held for the key before its latest change: an older version, the object a
   * delete removed, or nothing when the key was created by its latest change.
   */
  public Optional<ObjectRow> previous(String bucket, String key) {
    stale.increment();
    return lookup(CacheKeys.previous(CacheKeys.object(bucket, key)));
  }

  /** A read that skipped the cache (a {@code cache_miss} fault). */
  public void missed() {
    misses.increment();
  }

  private Optional<ObjectRow> lookup(String redisKey) {
    String json;
    try {
      json = redis().get(redisKey);
    } catch (RedisException e) {
      errors.increment();
      log.debug("cache read of {} failed: {}", redisKey, e.toString());
      return Optional.empty();
    }
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(row(json));
    } catch (RuntimeException e) {
      errors.increment();
      log.warn("cache entry {} is not a row, reading PostgreSQL instead: {}", redisKey, e.toString());
      return Optional.empty();
    }
  }

  /**
   * The connection, made on first use: a gateway starts, and serves from PostgreSQL, while Redis is
   * away. Once connected, Lettuce reconnects by itself; a failed attempt is retried after a second.
   */
  private RedisCommands<String, String> redis() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      return c.sync();
    }
    synchronized (this) {
      if (connection == null) {
        if (System.nanoTime() - lastAttempt < RECONNECT_PAUSE_NANOS) {
          throw new RedisException("Redis unreachable; next attempt within a second");
        }
        lastAttempt = System.nanoTime();
        connection = client.connect();
      }
      return connection.sync();
    }
  }

  /** A captured {@code objects} row (Debezium's JSON: jsonb columns as strings, timestamps ISO-8601). */
  static ObjectRow row(String json) {
    JsonNode r;
    try {
      r = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new IllegalStateException("the cache holds a row that is not JSON", e);
    }
    return new ObjectRow(
        r.path("key").asString(),
        BlobId.of(r.path("blob_id").asString()),
        r.path("size").asLong(),
        r.path("etag").asString(),
        r.path("content_type").asString(),
        ColumnJson.stringMap(text(r, "headers", "{}")),
        ColumnJson.stringMap(text(r, "user_metadata", "{}")),
        ColumnJson.stringMap(text(r, "tags", "{}")),
        ColumnJson.checksums(text(r, "checksums", "{}")),
        Instant.parse(r.path("last_modified").asString()),
        r.path("parts").isNull() || r.path("parts").isMissingNode() ? null
            : ColumnJson.blobs(r.path("parts").asString()),
        r.path("version_id").isNull() || r.path("version_id").isMissingNode() ? null : r.path("version_id").asString());
  }

  private static String text(JsonNode row, String column, String fallback) {
    JsonNode v = row.path(column);
    return v.isNull() || v.isMissingNode() ? fallback : v.asString();
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown();
  }
}
