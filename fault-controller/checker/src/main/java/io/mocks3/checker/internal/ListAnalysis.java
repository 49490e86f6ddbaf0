package io.mocks3.checker.internal;

import static io.mocks3.checker.AnomalyTypes.LIST_DELETED;
import static io.mocks3.checker.AnomalyTypes.LIST_DUPLICATE;
import static io.mocks3.checker.AnomalyTypes.LIST_MISSING;
import static io.mocks3.checker.AnomalyTypes.LIST_UNREADABLE;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Set-style analysis of LIST results (after Jepsen's set-full): each listing against the acknowledged puts and
 * deletes of the keys under its prefix, and each key's fate over all listings ({@link ListOutcomes}).
 */
public final class ListAnalysis {

  private final NavigableMap<String, KeyHistory> keys;
  private final Map<String, KeyFacts> facts = new HashMap<>();

  public ListAnalysis(NavigableMap<String, KeyHistory> keys) {
    this.keys = keys;
    keys.forEach((key, h) -> facts.put(key, KeyFacts.of(h)));
  }

  public List<Anomaly> anomalies(List<Op> lists) {
    List<Anomaly> anomalies = new ArrayList<>();
    for (Op list : lists) {
      Set<String> listed = new HashSet<>();
      Set<String> reported = new HashSet<>();
      for (String key : list.registerListed()) {
        if (!listed.add(key) && reported.add(key)) {
          anomalies.add(Witness.anomaly(LIST_DUPLICATE, key, Witness.describe(list) + " returned " + key
              + " more than once", list));
        }
      }
      underPrefix(list.registerPrefix()).forEach(h -> judge(h, list, listed, anomalies));
      listed.stream().sorted().map(keys::get).filter(h -> h != null)
          .forEach(h -> unreadable(h, list, anomalies));
    }
    return anomalies;
  }

  Iterable<KeyHistory> underPrefix(String prefix) {
    return keys.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values();
  }

  KeyFacts facts(String key) {
    return facts.get(key);
  }

  private void judge(KeyHistory h, Op list, Set<String> listed, List<Anomaly> anomalies) {
    KeyFacts f = facts.get(h.key());
    if (!listed.contains(h.key())) {
      boolean acked = f.firstAck() != null && f.firstAck().precedes(list);
      if (acked && f.firstDeleteInvoke() >= list.completeNanos()) {
        anomalies.add(Witness.anomaly(LIST_MISSING, h.key(), Witness.describe(list) + " did not return "
            + h.key() + " although " + Witness.describe(f.firstAck()) + " had completed", f.firstAck(), list));
      }
      return;
    }
    Op delete = h.writes().stream().filter(w -> w.f() == Op.F.DELETE && w.isOk() && w.precedes(list))
        .max(java.util.Comparator.comparingLong(Op::completeNanos)).orElse(null);
    boolean rePut = delete != null && h.writes().stream().anyMatch(w -> w.f() == Op.F.PUT
        && !w.precedes(delete) && w.invokeNanos() < list.completeNanos());
    if (delete != null && !rePut) {
      anomalies.add(Witness.anomaly(LIST_DELETED, h.key(), Witness.describe(list) + " returned " + h.key()
          + " after " + Witness.describe(delete) + " had completed and no put followed", delete, list));
    }
  }

  private void unreadable(KeyHistory h, Op list, List<Anomaly> anomalies) {
    for (Op read : h.reads()) {
      if (h.valueOf(read) != KeyHistory.ABSENT || !list.precedes(read)) {
        continue;
      }
      boolean excused = h.writes().stream().anyMatch(w -> w.f() == Op.F.DELETE
          && w.invokeNanos() < read.completeNanos() && !w.precedes(list));
      if (!excused) {
        anomalies.add(Witness.anomaly(LIST_UNREADABLE, h.key(), Witness.describe(list) + " returned " + h.key()
            + " but the later " + Witness.describe(read) + " found it absent, with no delete between", list, read));
        return;
      }
    }
  }

  /** The key's first acknowledged put (earliest ack) and its first delete's invoke time. */
  record KeyFacts(Op firstAck, long firstDeleteInvoke) {

    static KeyFacts of(KeyHistory h) {
      Op firstAck = h.writes().stream().filter(w -> w.f() == Op.F.PUT && w.isOk())
          .min(java.util.Comparator.comparingLong(Op::completeNanos)).orElse(null);
      long firstDelete = h.writes().stream().filter(w -> w.f() == Op.F.DELETE).mapToLong(Op::invokeNanos)
          .min().orElse(Long.MAX_VALUE);
      return new KeyFacts(firstAck, firstDelete);
    }
  }
}
