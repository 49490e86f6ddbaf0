package io.mocks3.checker.internal;

import io.mocks3.checker.Op;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Convergence: every read invoked after the last acknowledged write completed returns one of the final
 * candidates, the writes that no acknowledged write follows in real time (unknown-outcome writes always qualify).
 */
final class EventualConvergence {

  private EventualConvergence() {
  }

  static boolean holds(KeyHistory h) {
    List<Op> acked = h.writes().stream().filter(Op::isOk).toList();
    if (acked.isEmpty()) {
      return true;
    }
    long lastAck = acked.stream().mapToLong(Op::completeNanos).max().orElseThrow();
    Set<Integer> finalValues = h.writes().stream()
        .filter(w -> acked.stream().noneMatch(w::precedes))
        .map(h::valueOf)
        .collect(Collectors.toSet());
    return h.reads().stream()
        .filter(r -> r.invokeNanos() > lastAck)
        .allMatch(r -> finalValues.contains(h.valueOf(r)));
  }
}
