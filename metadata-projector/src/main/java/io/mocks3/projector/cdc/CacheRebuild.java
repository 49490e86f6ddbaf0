package io.mocks3.projector.cdc;

import io.mocks3.schemas.ReplayAnswer;
import io.mocks3.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild of the Redis cache, answered once it has caught up: the cache is emptied and the
 * rebuild epoch bumped ({@link CacheWriter#rebuild}), then this waits until the cache writers'
 * group has committed, on every partition of {@code mocks3.cdc}, an offset read for that epoch at
 * or past the partition's end as it was when the rebuild began. With K projector instances the
 * writers share the partitions; the group's offsets say how far each got, whoever holds it.
 */
public final class CacheRebuild {
  private static final Logger log = LoggerFactory.getLogger(CacheRebuild.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  private final CacheWriter writer;
  private final String bootstrapServers;

  public CacheRebuild(CacheWriter writer, String bootstrapServers) {
    this.writer = writer;
    this.bootstrapServers = bootstrapServers;
  }

  /** What a rebuild did: the cache's entries once caught up, how long it took. */
  public record Result(long epoch, long entries, long tookMillis) {
    public Map<String, Object> describe() {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("rebuildEpoch", epoch);
      figures.put("entries", entries);
      return ReplayAnswer.caughtUp("redis", figures, tookMillis, "entriesPerSecond", entries);
    }
  }

  /** Starts a rebuild and answers its epoch once the cache is empty (the writers refill it meanwhile). */
  public long start() throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return writer.rebuild().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("the cache writer has not emptied the cache after 30 s (is Redis up?)");
    }
  }

  /**
   * Rebuilds the cache and waits until the writers have caught up with {@code mocks3.cdc} as it was
   * when the rebuild began, at most {@code limit}.
   *
   * @throws TimeoutException when they have not caught up by then (the rebuild goes on)
   */
  public Result run(Duration limit) throws InterruptedException, ExecutionException, TimeoutException {
    long started = System.nanoTime();
    long epoch = start();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "cache-rebuild");
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(java.util.List.of(Topics.CDC)).allTopicNames().get(10, TimeUnit.SECONDS).get(Topics.CDC)
          .partitions().forEach(info -> latest.put(new TopicPartition(Topics.CDC, info.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
      long deadline = System.nanoTime() + limit.toNanos();
      while (!caughtUp(admin, epoch, end)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("the cache writers have not read " + Topics.CDC + " to " + end + " for rebuild "
              + epoch + " after " + limit);
        }
        Thread.sleep(CHECK_EVERY.toMillis());
      }
    }
    long took = (System.nanoTime() - started) / 1_000_000;
    Result result = new Result(epoch, writer.entries(), took);
    log.info("cache rebuild {} caught up: {}", epoch, result.describe());
    return result;
  }

  private static boolean caughtUp(Admin admin, long epoch, Map<TopicPartition, Long> end)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(CacheWriter.GROUP)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    return end.entrySet().stream().allMatch(e -> {
      OffsetAndMetadata at = committed.get(e.getKey());
      return at != null && RebuildEpochs.of(at) == epoch && at.offset() >= e.getValue();
    });
  }
}
