package io.mocks3.checker.internal;

import static io.mocks3.checker.AnomalyTypes.LOST_WRITE;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Acknowledged puts that vanished: never read by anything invoked after their ack, every such read saw something
 * older (a value no put wrote is not older: that is an unknown-value), and the final read (invoked after every
 * acknowledged write completed) does not return them either.
 */
final class LostWrites {

  private LostWrites() {
  }

  static List<Anomaly> find(KeyHistory h) {
    List<Anomaly> lost = new ArrayList<>();
    Op finalRead = h.reads().stream().max(Comparator.comparingLong(Op::invokeNanos)).orElse(null);
    long lastAck = h.writes().stream().filter(Op::isOk).mapToLong(Op::completeNanos).max().orElse(Long.MIN_VALUE);
    if (finalRead == null || finalRead.invokeNanos() <= lastAck) {
      return lost;
    }
    for (Op put : h.writes()) {
      if (put.f() == Op.F.PUT && put.isOk() && vanished(h, put)) {
        lost.add(Witness.anomaly(LOST_WRITE, h.key(), "acknowledged " + Witness.describe(put) + " ("
            + put.value() + ") is never read afterwards; the final read " + Witness.describe(finalRead)
            + " returns an older state", put, finalRead));
      }
    }
    return lost;
  }

  private static boolean vanished(KeyHistory h, Op put) {
    int written = h.valueOf(put);
    for (Op read : h.reads()) {
      if (put.precedes(read)) {
        int seen = h.valueOf(read);
        if (seen == written || seen < KeyHistory.ABSENT || !h.olderThan(seen, put, read)) {
          return false;
        }
      }
    }
    return true;
  }
}
