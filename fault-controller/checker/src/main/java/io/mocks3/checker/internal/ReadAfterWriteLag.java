package io.mocks3.checker.internal;

import io.mocks3.checker.LagStats;
import io.mocks3.checker.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-after-write lag per key prefix (the bucket, if named, and the key up to its first '/'): from a put's ack to the invoke of the first
 * read that observed its value, over the puts that were observed. The read's invoke is a lower bound of when the
 * value became visible; a read concurrent with the put counts as no lag. A listing observes a key's first put
 * only, since it shows that the key exists, not which value it holds.
 */
public final class ReadAfterWriteLag {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private ReadAfterWriteLag() {
  }

  public static Map<String, LagStats> of(Collection<KeyHistory> keys, Map<String, List<Op>> listsByListedKey) {
    Map<String, List<Long>> lagsByPrefix = new TreeMap<>();
    for (KeyHistory h : keys) {
      Op firstPut = h.writes().stream().filter(w -> w.f() == Op.F.PUT && w.isOk())
          .min(java.util.Comparator.comparingLong(Op::completeNanos)).orElse(null);
      for (Op put : h.writes()) {
        if (put.f() != Op.F.PUT || !put.isOk()) {
          continue;
        }
        List<Op> lists = put == firstPut ? listsByListedKey.getOrDefault(h.key(), List.of()) : List.of();
        long observed = firstObservation(h, put, lists);
        if (observed != Long.MAX_VALUE) {
          lagsByPrefix.computeIfAbsent(prefix(put), p -> new ArrayList<>())
              .add(Math.max(0, observed - put.completeNanos()));
        }
      }
    }
    Map<String, LagStats> stats = new TreeMap<>();
    lagsByPrefix.forEach((prefix, lags) -> stats.put(prefix, stats(lags)));
    return stats;
  }

  private static long firstObservation(KeyHistory h, Op put, List<Op> lists) {
    int written = h.valueOf(put);
    long first = Long.MAX_VALUE;
    for (Op read : h.reads()) {
      if (h.valueOf(read) == written && read.completeNanos() > put.invokeNanos()) {
        first = Math.min(first, read.invokeNanos());
      }
    }
    for (Op list : lists) {
      if (list.completeNanos() > put.invokeNanos()) {
        first = Math.min(first, list.invokeNanos());
      }
    }
    return first;
  }

  /** The put's key up to its first '/', after its bucket when the history names buckets ("b/photos/"). */
  static String prefix(Op put) {
    String key = put.key();
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash + 1);
    return put.bucket() == null ? prefix : put.bucket() + "/" + prefix;
  }

  static LagStats stats(List<Long> lagsNanos) {
    List<Long> sorted = lagsNanos.stream().sorted().toList();
    return new LagStats(sorted.size(), millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
        millis(sorted.get(sorted.size() - 1)), LagStats.histogram(sorted.stream().map(ReadAfterWriteLag::millis).toList()));
  }

  private static long rank(List<Long> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private static long millis(long nanos) {
    return nanos / NANOS_PER_MILLI;
  }
}
