package io.mocks3.checker.internal;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.KeyVerdict;
import io.mocks3.checker.Models;
import io.mocks3.checker.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Judges one key: the strongest model its history satisfies, and its anomalies. */
public record KeyAnalysis(KeyVerdict verdict, List<Anomaly> anomalies) {

  public static KeyAnalysis of(KeyHistory h, long maxStates) {
    List<Anomaly> lost = LostWrites.find(h);
    Set<Op> lostPuts = Collections.newSetFromMap(new IdentityHashMap<>());
    lost.forEach(a -> lostPuts.add(a.witness().stream().filter(op -> op.f() == Op.F.PUT).findFirst()
        .orElseThrow()));
    ReadAnomalies reads = ReadAnomalies.find(h, lostPuts);
    List<Anomaly> anomalies = new ArrayList<>(lost);
    anomalies.addAll(reads.anomalies);
    String model = model(h, reads, maxStates);
    return new KeyAnalysis(new KeyVerdict(h.key(), model, h.ops().size()), anomalies);
  }

  private static String model(KeyHistory h, ReadAnomalies reads, long maxStates) {
    List<RegisterOp> ops = RegisterOp.of(h);
    SearchBudget budget = new SearchBudget(maxStates);
    List<Integer> initialStates = new ArrayList<>(List.of(KeyHistory.ABSENT));
    initialStates.addAll(h.unknownValues());
    SearchOutcome linearizable = SearchOutcome.anyOf(initialStates.stream()
        .map(initial -> LinearizabilitySearch.check(ops, initial, budget)).toList());
    if (linearizable != SearchOutcome.IMPOSSIBLE) {
      return linearizable == SearchOutcome.FOUND ? Models.LINEARIZABLE : Models.UNKNOWN;
    }
    // The sequential search spends what the linearizability search left of the key's budget; running out proves
    // nothing either way, so the key is then judged by the weaker models.
    boolean sequential = initialStates.stream()
        .anyMatch(initial -> SequentialSearch.check(ops, initial, budget) == SearchOutcome.FOUND);
    if (sequential) {
      return Models.SEQUENTIAL;
    }
    if (!reads.monotonicReadsViolated) {
      return reads.readYourWritesViolated ? Models.MONOTONIC_READS : Models.READ_YOUR_WRITES;
    }
    return EventualConvergence.holds(h) ? Models.EVENTUAL : Models.NONE;
  }
}
