package io.mocks3.ops.bench;

import java.util.EnumMap;
import java.util.Map;

/** The tallies of every operation a target ran in a workload, over the seconds they were measured. */
final class Tally {
  final Map<Operation, OpTally> byOperation = new EnumMap<>(Operation.class);
  double seconds;

  OpTally of(Operation operation) {
    return byOperation.computeIfAbsent(operation, o -> new OpTally());
  }

  void add(Tally other) {
    other.byOperation.forEach((operation, tally) -> of(operation).add(tally));
    seconds += other.seconds;
  }

  /** Every operation together (for a mixed workload). */
  OpTally total() {
    OpTally total = new OpTally();
    byOperation.values().forEach(total::add);
    return total;
  }

  long ops() {
    return byOperation.values().stream().mapToLong(OpTally::ops).sum();
  }

  double opsPerSecond() {
    return seconds == 0 ? 0 : ops() / seconds;
  }
}
