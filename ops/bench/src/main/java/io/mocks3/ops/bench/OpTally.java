package io.mocks3.ops.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What one operation did in a run: how many completed, their latencies, bytes moved and failures by kind. */
final class OpTally {
  private static final long MAX_TRACKED_NANOS = 3_600_000_000_000L;

  final Histogram latencyNanos = new Histogram(MAX_TRACKED_NANOS, 3);
  long bytes;
  long errors;
  final Map<String, Long> errorKinds = new TreeMap<>();
  String firstError;

  void success(long nanos, long bytesMoved) {
    latencyNanos.recordValue(Math.min(nanos, MAX_TRACKED_NANOS));
    bytes += bytesMoved;
  }

  void failure(String kind, String message) {
    errors++;
    errorKinds.merge(kind, 1L, Long::sum);
    if (firstError == null) {
      firstError = message;
    }
  }

  long ops() {
    return latencyNanos.getTotalCount();
  }

  double millisAt(double percentile) {
    return ops() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(percentile) / 1e6;
  }

  double maxMillis() {
    return ops() == 0 ? Double.NaN : latencyNanos.getMaxValue() / 1e6;
  }

  void add(OpTally other) {
    latencyNanos.add(other.latencyNanos);
    bytes += other.bytes;
    errors += other.errors;
    other.errorKinds.forEach((kind, n) -> errorKinds.merge(kind, n, Long::sum));
    if (firstError == null) {
      firstError = other.firstError;
    }
  }
}
