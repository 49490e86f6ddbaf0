package io.mocks3.checker;

/** Read-after-write lag over the puts that were later observed (nearest-rank percentiles). */
public record LagStats(int count, long p50Millis, long p99Millis, long maxMillis) {
}
