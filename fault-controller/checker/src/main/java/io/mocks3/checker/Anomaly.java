package io.mocks3.checker;

import java.util.List;

/** One anomaly and the fewest operations that show it, in invoke order. */
public record Anomaly(String type, String key, String explanation, List<Op> witness) {

  public Anomaly {
    witness = List.copyOf(witness);
  }
}
