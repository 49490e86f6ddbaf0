package io.mocks3.faults.runs;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.AnomalyTypes;
import io.mocks3.checker.CheckReport;
import io.mocks3.checker.HistoryChecker;
import io.mocks3.checker.HistoryReader;
import io.mocks3.checker.KeyVerdict;
import io.mocks3.checker.Op;
import io.mocks3.faults.runs.RunEvidence.Applied;
import io.mocks3.faults.runs.RunReport.TimelineEntry;
import io.mocks3.faults.runs.RunReport.WriteFate;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.history.HistoryRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The judge of a run: a pure function from its evidence (the S3 history, the projector's events,
 * the fault events and the final state) to its report. Writes are joined to what became of them
 * by command id; faults to the writes they hit by command id or client request id; reads are
 * judged by the history checker, the same code that checks client-side histories.
 */
public final class RunOracle {
  /** The most rows a report lists of one kind; the counts stay exact. */
  static final int ROWS = 1000;
  /** What a run's expectations may name, with what each measures. */
  public static final Map<String, String> MEASURES = measures();

  private RunOracle() {}

  public static RunReport judge(RunEvidence evidence) {
    List<Op> ops = operations(evidence.history());
    long start = evidence.run().startedAt().toEpochMilli();
    Map<String, List<Applied>> applied = new HashMap<>();
    evidence.applied().forEach(a -> applied.computeIfAbsent(a.commandId(), id -> new ArrayList<>()).add(a));
    WriteFates writes = WriteFates.of(ops, applied, evidence.faults());
    CheckReport reads = HistoryChecker.check(ops);
    RunReport.FinalState finalState = FinalStateCheck.check(ops, evidence.finalState());
    Map<String, Double> measured = measured(writes, reads, finalState);
    long end = evidence.run().endedAt() == null ? start : evidence.run().endedAt().toEpochMilli();
    return new RunReport(evidence.run(),
        summary(ops, end - start),
        faults(evidence.faults(), writes),
        new RunReport.Writes(writes.counts(), cap(writes.notApplied())),
        reads(reads),
        finalState,
        verdict(evidence.run().expectations(), measured),
        timeline(start, evidence.faults(), writes, reads));
  }

  /**
   * The history lines as the checker's operations: the gateways' lines merged into one order by time (a completion
   * before an invoke at the same instant), indexed in that order, invocations folded with completions.
   */
  static List<Op> operations(List<HistoryRecord> history) {
    List<HistoryRecord> lines = history.stream()
        .filter(h -> !HistoryRecord.OPEN.equals(h.f()))
        .sorted(Comparator.comparingLong(HistoryRecord::time)
            .thenComparing(h -> HistoryRecord.INVOKE.equals(h.type()) ? 1 : 0))
        .toList();
    return HistoryReader.fold(IntStream.range(0, lines.size()).mapToObj(i -> lines.get(i).withIndex(i)).toList());
  }

  private static RunReport.Summary summary(List<Op> ops, long durationMillis) {
    int acked = 0;
    int unacked = 0;
    int reads = 0;
    int lists = 0;
    for (Op op : ops) {
      if (op.isWrite()) {
        if (op.isOk()) {
          acked++;
        } else {
          unacked++;
        }
      } else if (op.f() == Op.F.LIST) {
        lists++;
      } else {
        reads++;
      }
    }
    return new RunReport.Summary(ops.size(), acked, unacked, reads, lists, durationMillis);
  }

  private static RunReport.Faults faults(List<FaultEvent> faults, WriteFates writes) {
    Map<String, Integer> byAction = new TreeMap<>();
    faults.forEach(f -> byAction.merge(f.action(), 1, Integer::sum));
    Map<String, Integer> attributed = new TreeMap<>();
    writes.attributed().forEach(f -> attributed.merge(f.action(), 1, Integer::sum));
    return new RunReport.Faults(faults.size(), byAction, attributed, faults.size() - writes.attributed().size());
  }

  private static RunReport.Reads reads(CheckReport check) {
    Map<String, Integer> models = new TreeMap<>();
    for (KeyVerdict v : check.perKey().values()) {
      models.merge(v.model(), 1, Integer::sum);
    }
    Map<String, Integer> listOutcomes = new TreeMap<>();
    check.listOutcomes().values().forEach(o -> listOutcomes.merge(o, 1, Integer::sum));
    return new RunReport.Reads(new TreeMap<>(check.anomalyCounts()), cap(check.anomalies()), models,
        check.readAfterWriteLag(), listOutcomes, staleReadMaxMillis(check.anomalies()));
  }

  /** The longest a stale read was behind: from the newest write it missed completing to the read's start. */
  static long staleReadMaxMillis(List<Anomaly> anomalies) {
    long max = 0;
    for (Anomaly a : anomalies) {
      if (!AnomalyTypes.STALE_READ.equals(a.type())) {
        continue;
      }
      Op read = a.witness().stream().filter(Op::isRead).findFirst().orElse(null);
      if (read == null) {
        continue;
      }
      long missed = a.witness().stream().filter(w -> w.isWrite() && w.isOk() && w.precedes(read))
          .mapToLong(Op::completeNanos).max().orElse(read.invokeNanos());
      max = Math.max(max, (read.invokeNanos() - missed) / 1_000_000);
    }
    return max;
  }

  private static Map<String, Double> measured(WriteFates writes, CheckReport reads, RunReport.FinalState state) {
    Map<String, Integer> fates = writes.counts();
    Map<String, Integer> anomalies = reads.anomalyCounts();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("lost_acknowledged_writes", (double) fates.getOrDefault(WriteFates.LOST, 0));
    m.put("applied_twice", (double) fates.getOrDefault(WriteFates.APPLIED_TWICE, 0));
    m.put("overtaken_writes", (double) fates.getOrDefault(WriteFates.OVERTAKEN, 0));
    m.put("dead_lettered_writes", (double) fates.getOrDefault(WriteFates.DEAD_LETTERED, 0));
    m.put("rejected_after_ack", (double) fates.getOrDefault(WriteFates.REJECTED, 0));
    m.put("stale_reads", (double) anomalies.getOrDefault(AnomalyTypes.STALE_READ, 0));
    m.put("stale_read_max_ms", (double) staleReadMaxMillis(reads.anomalies()));
    m.put("read_your_writes_violations", (double) anomalies.getOrDefault(AnomalyTypes.READ_YOUR_WRITES, 0));
    m.put("monotonic_read_violations", (double) anomalies.getOrDefault(AnomalyTypes.MONOTONIC_READ, 0));
    m.put("resurrected_deletes", (double) anomalies.getOrDefault(AnomalyTypes.RESURRECTED_DELETE, 0)
        + state.resurrected().size());
    m.put("list_anomalies", (double) anomalies.entrySet().stream().filter(e -> e.getKey().startsWith("list-"))
        .mapToInt(Map.Entry::getValue).sum());
    m.put("read_anomalies", (double) reads.anomalies().size());
    m.put("final_state_mismatches", (double) state.missing().size() + state.mismatched().size()
        + state.resurrected().size());
    return m;
  }

  /** Each expectation against its measure; without expectations, every anomaly count must be 0. */
  static RunReport.Verdict verdict(Map<String, Number> expectations, Map<String, Double> measured) {
    Map<String, Number> expected = expectations.isEmpty() ? defaults() : new TreeMap<>(expectations);
    List<RunReport.Check> checks = new ArrayList<>();
    expected.forEach((name, limit) -> {
      double value = measured.getOrDefault(name, 0.0);
      checks.add(new RunReport.Check(name, limit.doubleValue(), value, value <= limit.doubleValue()));
    });
    return new RunReport.Verdict(checks.stream().allMatch(RunReport.Check::pass), checks);
  }

  private static Map<String, Number> defaults() {
    Map<String, Number> d = new LinkedHashMap<>();
    for (String name : List.of("lost_acknowledged_writes", "applied_twice", "overtaken_writes", "dead_lettered_writes",
        "rejected_after_ack", "read_anomalies", "final_state_mismatches")) {
      d.put(name, 0);
    }
    return d;
  }

  private static List<TimelineEntry> timeline(long start, List<FaultEvent> faults, WriteFates writes, CheckReport reads) {
    List<TimelineEntry> entries = new ArrayList<>();
    for (FaultEvent f : faults) {
      entries.add(new TimelineEntry(f.at().toEpochMilli() - start, "fault", f.action(), f.subject().bucket(),
          f.subject().key()));
    }
    for (WriteFate w : writes.notApplied()) {
      entries.add(new TimelineEntry(w.ackedAtMillis() - start, "write", String.join("+", w.fates()), w.bucket(), w.key()));
    }
    for (Anomaly a : reads.anomalies()) {
      long at = a.witness().stream().mapToLong(Op::invokeNanos).max().orElse(0) / 1_000_000;
      entries.add(new TimelineEntry(at - start, "read", a.type(), null, a.key()));
    }
    entries.sort(Comparator.comparingLong(TimelineEntry::atMillis));
    return cap(entries);
  }

  private static <T> List<T> cap(List<T> rows) {
    return rows.size() <= ROWS ? rows : List.copyOf(rows.subList(0, ROWS));
  }

  private static Map<String, String> measures() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lost_acknowledged_writes", "acknowledged writes never applied");
    m.put("applied_twice", "acknowledged writes applied more than once");
    m.put("overtaken_writes", "acknowledged writes applied after a newer write of the same key");
    m.put("dead_lettered_writes", "acknowledged writes still waiting in a dead-letter queue");
    m.put("rejected_after_ack", "acknowledged writes the projector rejected");
    m.put("stale_reads", "reads that returned a value older than one acknowledged before they began");
    m.put("stale_read_max_ms", "the longest a stale read was behind the write it missed, in ms");
    m.put("read_your_writes_violations", "reads older than the reader's own acknowledged write");
    m.put("monotonic_read_violations", "reads older than what the same client had read before");
    m.put("resurrected_deletes", "deleted objects read or found again");
    m.put("list_anomalies", "listings missing acknowledged keys, listing deleted or duplicate keys, or unreadable ones");
    m.put("read_anomalies", "every anomaly the history checker found");
    m.put("final_state_mismatches", "keys whose final state is not what the acknowledged history allows");
    return java.util.Collections.unmodifiableMap(m);
  }
}
