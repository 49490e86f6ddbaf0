package io.mocks3.checker;

import io.mocks3.checker.internal.KeyAnalysis;
import io.mocks3.checker.internal.KeyHistory;
import io.mocks3.checker.internal.ListAnalysis;
import io.mocks3.checker.internal.ListOutcomes;
import io.mocks3.checker.internal.ReadAfterWriteLag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Judges a history. Each key is a register checked on its own (linearizability is compositional, which is what
 * makes 100,000 operations cheap); listings are checked as sets against the keys under their prefix.
 */
public final class HistoryChecker {

  /** {@code maxStatesPerKey}: the search budget per key, beyond which the key is judged {@code unknown}. */
  public record Options(long maxStatesPerKey) {

    public static final long DEFAULT_MAX_STATES = 1_000_000L;

    public Options {
      if (maxStatesPerKey < 1) {
        throw new IllegalArgumentException("maxStatesPerKey must be positive, got " + maxStatesPerKey);
      }
    }

    public static Options defaults() {
      return new Options(DEFAULT_MAX_STATES);
    }
  }

  private HistoryChecker() {
  }

  public static CheckReport check(List<Op> ops) {
    return check(ops, Options.defaults());
  }

  public static CheckReport check(List<Op> ops, Options o) {
    NavigableMap<String, KeyHistory> keys = keyHistories(ops);
    List<KeyAnalysis> analyses = keys.values().parallelStream()
        .map(h -> KeyAnalysis.of(h, o.maxStatesPerKey())).toList();
    List<Op> lists = ops.stream().filter(op -> op.f() == Op.F.LIST && op.isOk()).toList();
    ListAnalysis listAnalysis = new ListAnalysis(keys);

    Map<String, KeyVerdict> perKey = new LinkedHashMap<>();
    List<Anomaly> anomalies = new ArrayList<>();
    String strongest = Models.LINEARIZABLE;
    for (KeyAnalysis analysis : analyses) {
      perKey.put(analysis.verdict().key(), analysis.verdict());
      anomalies.addAll(analysis.anomalies());
      strongest = Models.weaker(strongest, analysis.verdict().model());
    }
    anomalies.addAll(listAnalysis.anomalies(lists));
    anomalies.sort(Comparator.comparing(Anomaly::key).thenComparing(Anomaly::type));
    return new CheckReport(ops.size(), keys.size(), (int) ops.stream().map(Op::process).distinct().count(),
        perKey, anomalies, counts(anomalies),
        ReadAfterWriteLag.of(keys.values(), listsByListedKey(lists)), ListOutcomes.of(listAnalysis, lists),
        strongest, anomalies.isEmpty());
  }

  private static NavigableMap<String, KeyHistory> keyHistories(List<Op> ops) {
    Map<String, List<Op>> byKey = new HashMap<>();
    for (Op op : ops) {
      if (op.f() != Op.F.LIST) {
        byKey.computeIfAbsent(op.registerKey(), k -> new ArrayList<>()).add(op);
      }
    }
    NavigableMap<String, KeyHistory> keys = new TreeMap<>();
    byKey.forEach((key, keyOps) -> keys.put(key, new KeyHistory(key, keyOps)));
    return keys;
  }

  private static Map<String, List<Op>> listsByListedKey(List<Op> lists) {
    Map<String, List<Op>> byKey = new HashMap<>();
    for (Op list : lists) {
      list.registerListed().stream().distinct()
          .forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(list));
    }
    return byKey;
  }

  private static Map<String, Integer> counts(List<Anomaly> anomalies) {
    Map<String, Integer> counts = new TreeMap<>();
    anomalies.forEach(a -> counts.merge(a.type(), 1, Integer::sum));
    return counts;
  }
}
