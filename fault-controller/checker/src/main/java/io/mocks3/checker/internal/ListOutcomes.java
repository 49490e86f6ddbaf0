package io.mocks3.checker.internal;

import io.mocks3.checker.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each acknowledged key's fate over the listings of a prefix it lives under that were invoked after its first
 * ack and before any delete of it: stable (in all), stale (missing from some, then present), lost (missing from
 * the last), never-read (no such listing). Keys under no listed prefix are left out.
 */
public final class ListOutcomes {

  private ListOutcomes() {
  }

  public static Map<String, String> of(ListAnalysis analysis, List<Op> lists) {
    List<Op> byInvoke = lists.stream().sorted(Comparator.comparingLong(Op::invokeNanos)).toList();
    List<Set<String>> contents = byInvoke.stream().map(l -> (Set<String>) new HashSet<>(l.registerListed()))
        .toList();
    Map<String, String> outcomes = new TreeMap<>();
    Set<String> covered = new HashSet<>();
    for (Op list : byInvoke) {
      for (KeyHistory h : analysis.underPrefix(list.registerPrefix())) {
        if (covered.add(h.key()) && analysis.facts(h.key()).firstAck() != null) {
          outcomes.put(h.key(), outcome(analysis.facts(h.key()), byInvoke, contents, h.key()));
        }
      }
    }
    return outcomes;
  }

  private static String outcome(ListAnalysis.KeyFacts f, List<Op> lists, List<Set<String>> contents,
      String key) {
    List<Boolean> seen = new ArrayList<>();
    for (int i = 0; i < lists.size(); i++) {
      Op list = lists.get(i);
      if (key.startsWith(list.registerPrefix()) && f.firstAck().precedes(list)
          && f.firstDeleteInvoke() >= list.completeNanos()) {
        seen.add(contents.get(i).contains(key));
      }
    }
    if (seen.isEmpty()) {
      return "never-read";
    }
    if (!seen.contains(false)) {
      return "stable";
    }
    return seen.get(seen.size() - 1) ? "stale" : "lost";
  }
}
