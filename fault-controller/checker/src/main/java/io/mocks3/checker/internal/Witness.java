package io.mocks3.checker.internal;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.Op;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Builds anomalies whose witness lists the given ops (nulls skipped) in invoke order. */
final class Witness {

  private Witness() {
  }

  static Anomaly anomaly(String type, String key, String explanation, Op... ops) {
    List<Op> witness = Arrays.stream(ops).filter(Objects::nonNull).distinct()
        .sorted(Comparator.comparingLong(Op::invokeIndex)).toList();
    return new Anomaly(type, key, explanation, witness);
  }

  static String describe(Op op) {
    return op.process() + " " + op.f().name().toLowerCase() + "#" + op.invokeIndex();
  }
}
