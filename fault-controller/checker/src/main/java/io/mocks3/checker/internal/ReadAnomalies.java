package io.mocks3.checker.internal;

import static io.mocks3.checker.AnomalyTypes.MONOTONIC_READ;
import static io.mocks3.checker.AnomalyTypes.READ_YOUR_WRITES;
import static io.mocks3.checker.AnomalyTypes.RESURRECTED_DELETE;
import static io.mocks3.checker.AnomalyTypes.STALE_READ;
import static io.mocks3.checker.AnomalyTypes.UNKNOWN_VALUE;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Anomalies of single reads. Each bad read is reported once, by its most telling name: unknown-value, then
 * read-your-writes (its own process had written something newer), monotonic-read (it had read something newer),
 * resurrected-delete, stale-read. A write found lost explains the reads that miss it (it is reported as
 * lost-write), so it does not count as the newer write of a stale read. The session flags are kept apart from
 * the reporting: they judge the models and ignore that exemption.
 */
final class ReadAnomalies {

  private final KeyHistory h;
  private final Set<Op> lostPuts;
  final List<Anomaly> anomalies = new ArrayList<>();
  boolean readYourWritesViolated;
  boolean monotonicReadsViolated;

  private ReadAnomalies(KeyHistory h, Set<Op> lostPuts) {
    this.h = h;
    this.lostPuts = lostPuts;
  }

  static ReadAnomalies find(KeyHistory h, Set<Op> lostPuts) {
    ReadAnomalies found = new ReadAnomalies(h, lostPuts);
    h.reads().forEach(found::judge);
    return found;
  }

  private void judge(Op read) {
    int seen = h.valueOf(read);
    List<Op> newer = h.writes().stream()
        .filter(w -> w.isOk() && w.precedes(read) && h.olderThan(seen, w, read)).toList();
    if (seen < KeyHistory.ABSENT) {
      Op put = latest(newer.stream().filter(w -> w.f() == Op.F.PUT).toList());
      if (put != null) {
        anomalies.add(Witness.anomaly(UNKNOWN_VALUE, h.key(), Witness.describe(read) + " returned "
            + read.value() + ", which no put wrote, after " + Witness.describe(put) + " completed", put, read));
      }
      return;
    }
    List<Op> own = newer.stream().filter(w -> w.process().equals(read.process())).toList();
    Op[] monotonic = newerEarlierRead(read, seen);
    readYourWritesViolated |= !own.isEmpty();
    monotonicReadsViolated |= monotonic != null;
    Op ownNewer = latest(own.stream().filter(w -> !lostPuts.contains(w)).toList());
    Op newest = latest(newer.stream().filter(w -> !lostPuts.contains(w)).toList());
    if (ownNewer != null) {
      report(READ_YOUR_WRITES, read, ownNewer, "its own process had completed ");
    } else if (monotonic != null) {
      anomalies.add(Witness.anomaly(MONOTONIC_READ, h.key(), Witness.describe(read) + " returned " + shown(read)
          + " after the same process had read the newer " + shown(monotonic[0]), monotonic[0], monotonic[1],
          h.latestProducerBefore(seen, monotonic[1]), read));
    } else if (newest != null && newest.f() == Op.F.DELETE && seen != KeyHistory.ABSENT) {
      report(RESURRECTED_DELETE, read, newest, "it was invoked after the completed ");
    } else if (newest != null) {
      report(STALE_READ, read, newest, "it was invoked after the completed ");
    }
  }

  private void report(String type, Op read, Op newer, String because) {
    anomalies.add(Witness.anomaly(type, h.key(), Witness.describe(read) + " returned the older " + shown(read)
        + " but " + because + Witness.describe(newer) + " (" + shown(newer) + ")", h.latestProducerBefore(
        h.valueOf(read), newer), newer, read));
  }

  /** {earlier read of the same process that saw a newer value, the put of that value}, or null. */
  private Op[] newerEarlierRead(Op read, int seen) {
    Op[] found = null;
    for (Op earlier : h.reads()) {
      if (earlier == read || !earlier.process().equals(read.process()) || !earlier.precedes(read)) {
        continue;
      }
      int value = h.valueOf(earlier);
      Op put = value > KeyHistory.ABSENT ? h.earliestProducer(value) : null;
      if (put != null && value != seen && h.olderThan(seen, put, read)) {
        found = new Op[] {earlier, put};
      }
    }
    return found;
  }

  private static Op latest(List<Op> writes) {
    return writes.stream().max(Comparator.comparingLong(Op::completeNanos)).orElse(null);
  }

  private static String shown(Op op) {
    if (op.f() == Op.F.DELETE || op.value() == null) {
      return "absent";
    }
    return op.value().toString();
  }
}
