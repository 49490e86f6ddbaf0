package io.mocks3.checker;

import java.util.List;
import java.util.Map;

/**
 * What the checker found. {@code strongestModel} is the weakest per-key verdict ({@code unknown} is weaker than
 * all); {@code valid} means no anomalies.
 */
public record CheckReport(int operations, int keys, int processes, Map<String, KeyVerdict> perKey,
    List<Anomaly> anomalies, Map<String, Integer> anomalyCounts, Map<String, LagStats> readAfterWriteLag,
    Map<String, String> listOutcomes, String strongestModel, boolean valid) {
}
