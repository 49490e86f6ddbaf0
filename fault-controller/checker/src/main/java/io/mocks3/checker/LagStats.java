package io.mocks3.checker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-after-write lag over the puts that were later observed (nearest-rank percentiles), and its
 * histogram: how many lags fell in each of {@link #BINS} ("<10ms", "10ms-50ms", ..., ">=5s"), every bin listed.
 */
public record LagStats(int count, long p50Millis, long p99Millis, long maxMillis, Map<String, Integer> histogram) {
  /** The upper bounds (exclusive, in ms) of the histogram's bins; the last bin has none. */
  public static final List<Long> BINS = List.of(10L, 50L, 100L, 250L, 500L, 1_000L, 2_000L, 5_000L);

  public LagStats {
    histogram = histogram == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(histogram));
  }

  /** Stats without a histogram (every lag in the first bin is not implied: the histogram is empty). */
  public LagStats(int count, long p50Millis, long p99Millis, long maxMillis) {
    this(count, p50Millis, p99Millis, maxMillis, Map.of());
  }

  /** The histogram of {@code lagsMillis} over {@link #BINS}. */
  public static Map<String, Integer> histogram(List<Long> lagsMillis) {
    Map<String, Integer> bins = new LinkedHashMap<>();
    long lower = 0;
    for (long upper : BINS) {
      bins.put(lower == 0 ? "<" + label(upper) : label(lower) + "-" + label(upper), 0);
      lower = upper;
    }
    bins.put(">=" + label(lower), 0);
    List<String> names = List.copyOf(bins.keySet());
    for (long lag : lagsMillis) {
      int bin = 0;
      while (bin < BINS.size() && lag >= BINS.get(bin)) {
        bin++;
      }
      bins.merge(names.get(bin), 1, Integer::sum);
    }
    return bins;
  }

  private static String label(long millis) {
    return millis >= 1_000 ? (millis % 1_000 == 0 ? millis / 1_000 + "s" : millis / 1_000.0 + "s") : millis + "ms";
  }
}
