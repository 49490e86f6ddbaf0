package io.mocks3.projector.cdc;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which cache rebuild each {@code mocks3.cdc} partition has been read for. With K projector
 * instances the cache writers share the topic's partitions, so a rebuild asked of one instance must
 * reach every partition, whoever holds it: the instance asked empties the cache and bumps the
 * rebuild epoch in Redis ({@value #REDIS_KEY}); every writer that sees an epoch other than the one
 * a partition of its own was read for goes back to that partition's beginning. The epoch a
 * partition was read for travels with its committed offset (the commit's metadata), so a writer that
 * dies mid-rebuild hands the rebuild over with the partition instead of losing it.
 *
 * <p>An epoch that differs (rather than one that is higher) triggers the re-read: a Redis that lost
 * its data also lost the epoch, and its cache is refilled the same way.
 */
final class RebuildEpochs {
  /** Not under the cache's prefixes: emptying the cache keeps it. */
  static final String REDIS_KEY = "mocks3:cache-rebuild-epoch";
  private static final String PREFIX = "rebuild-epoch=";
  private final Map<TopicPartition, Long> readFor = new HashMap<>();

  /** The epoch a committed offset was read for (0 when it names none: no rebuild yet). */
  static long of(OffsetAndMetadata committed) {
    if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(PREFIX)) {
      return 0;
    }
    try {
      return Long.parseLong(committed.metadata().substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The epoch in Redis: null (no rebuild ever) is 0. */
  static long parse(String stored) {
    return stored == null ? 0 : Long.parseLong(stored);
  }

  /** Partitions just assigned, with what their last holder committed. */
  void assigned(Map<TopicPartition, OffsetAndMetadata> committed, Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      readFor.put(tp, of(committed.get(tp)));
    }
  }

  void revoked(Collection<TopicPartition> partitions) {
    partitions.forEach(readFor::remove);
  }

  /** Partitions held here that were read for another epoch than {@code current}: to read again. */
  List<TopicPartition> stale(long current) {
    return readFor.entrySet().stream().filter(e -> e.getValue() != current).map(Map.Entry::getKey).toList();
  }

  /** A commit of {@code offset} on {@code tp}, marked with the epoch the partition is read for. */
  OffsetAndMetadata commit(TopicPartition tp, long offset) {
    return new OffsetAndMetadata(offset, PREFIX + readFor.getOrDefault(tp, 0L));
  }

  void readFor(TopicPartition tp, long epoch) {
    readFor.put(tp, epoch);
  }
}
