package io.mocks3.faults.runs;

import io.mocks3.checker.Op;
import io.mocks3.faults.runs.RunEvidence.Applied;
import io.mocks3.faults.runs.RunReport.WriteFate;
import io.mocks3.schemas.fault.FaultEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fate of every acknowledged write: joined by command id to the events that applied (or
 * rejected) it, and by command id or request id to the faults that hit it. A write can have several
 * fates (delayed and applied twice); "applied" is the fate of a write nothing happened to.
 */
record WriteFates(List<WriteFate> all, Map<String, Integer> counts, Set<FaultEvent> attributed) {
  static final String APPLIED = "applied";
  static final String LOST = "lost";
  static final String APPLIED_TWICE = "applied_twice";
  static final String OVERTAKEN = "overtaken";
  static final String REORDERED = "reordered";
  static final String DELAYED = "delayed";
  static final String DEAD_LETTERED = "dead_lettered";
  static final String APPLIED_LATE = "applied_late";
  static final String REJECTED = "rejected";
  static final String UNACKNOWLEDGED_APPLIED = "unacknowledged_applied";

  List<WriteFate> notApplied() {
    return all.stream().filter(w -> !w.fates().equals(List.of(APPLIED))).toList();
  }

  static WriteFates of(List<Op> ops, Map<String, List<Applied>> applied, List<FaultEvent> faults) {
    Map<String, List<FaultEvent>> byCommand = new HashMap<>();
    Map<String, List<FaultEvent>> byRequest = new HashMap<>();
    for (FaultEvent f : faults) {
      if (f.subject().commandId() != null) {
        byCommand.computeIfAbsent(f.subject().commandId(), id -> new ArrayList<>()).add(f);
      } else if (f.subject().requestId() != null) {
        byRequest.computeIfAbsent(f.subject().requestId(), id -> new ArrayList<>()).add(f);
      }
    }
    Set<FaultEvent> attributed = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<Op, WriteFate> fates = new java.util.LinkedHashMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (Op op : ops) {
      if (!op.isWrite() || op.commandId() == null) {
        continue;
      }
      List<Applied> events = applied.getOrDefault(op.commandId(), List.of());
      if (!op.isOk()) {
        if (events.stream().anyMatch(e -> !e.rejected())) {
          counts.merge(UNACKNOWLEDGED_APPLIED, 1, Integer::sum);
        }
        continue;
      }
      List<FaultEvent> causes = new ArrayList<>(byCommand.getOrDefault(op.commandId(), List.of()));
      causes.addAll(byRequest.getOrDefault(op.requestId(), List.of()));
      attributed.addAll(causes);
      fates.put(op, fate(op, events, causes));
    }
    markOvertaken(fates, applied);
    List<WriteFate> all = new ArrayList<>(fates.values());
    all.forEach(w -> w.fates().forEach(f -> counts.merge(f, 1, Integer::sum)));
    return new WriteFates(all, counts, attributed);
  }

  private static WriteFate fate(Op op, List<Applied> events, List<FaultEvent> causes) {
    Set<String> fates = new LinkedHashSet<>();
    boolean deadLettered = causes.stream().anyMatch(c -> "dead_letter".equals(c.action()));
    List<Applied> accepted = events.stream().filter(e -> !e.rejected()).toList();
    if (events.isEmpty()) {
      // A command re-driven from the DLQ can meet chaos again: what happened to it last decides.
      String last = causes.stream().filter(c -> "dead_letter".equals(c.action()) || "lose".equals(c.action()))
          .max(Comparator.comparing(FaultEvent::at)).map(FaultEvent::action).orElse("lose");
      fates.add("dead_letter".equals(last) ? DEAD_LETTERED : LOST);
    } else if (accepted.isEmpty()) {
      fates.add(REJECTED);
    } else {
      if (deadLettered) {
        fates.add(APPLIED_LATE);
      }
      if (events.size() > 1) {
        fates.add(APPLIED_TWICE);
      }
      if (causes.stream().anyMatch(c -> "reorder".equals(c.action()))) {
        fates.add(REORDERED);
      }
      if (causes.stream().anyMatch(c -> "delay".equals(c.action()) || c.detail().contains("delayed"))) {
        fates.add(DELAYED);
      }
    }
    if (fates.isEmpty()) {
      fates.add(APPLIED);
    }
    long ackedAt = op.completeNanos() / 1_000_000;
    Long applyMillis = events.isEmpty() ? null
        : events.stream().mapToLong(e -> e.at().toEpochMilli()).min().getAsLong() - ackedAt;
    Applied first = events.stream().min(Comparator.comparingLong(Applied::sequence)).orElse(null);
    String version = op.value() != null && op.value().versionId() != null ? op.value().versionId()
        : first == null ? null : first.versionId();
    return new WriteFate(op.f().name().toLowerCase(java.util.Locale.ROOT), op.bucket(), op.key(), version,
        op.commandId(), op.requestId(), ackedAt, List.copyOf(fates), events.size(), applyMillis, List.copyOf(causes));
  }

  /**
   * A write is overtaken when it was acknowledged before a newer write of the same key began, yet
   * applied after it (a higher sequence): the older value won.
   */
  private static void markOvertaken(Map<Op, WriteFate> fates, Map<String, List<Applied>> applied) {
    Map<String, List<Op>> byKey = new HashMap<>();
    fates.keySet().forEach(op -> byKey.computeIfAbsent(op.registerKey(), k -> new ArrayList<>()).add(op));
    for (List<Op> writes : byKey.values()) {
      for (Op older : writes) {
        long olderSeq = firstSequence(applied.get(older.commandId()));
        for (Op newer : writes) {
          long newerSeq = firstSequence(applied.get(newer.commandId()));
          if (older.precedes(newer) && olderSeq != Long.MAX_VALUE && newerSeq != Long.MAX_VALUE && olderSeq > newerSeq) {
            WriteFate w = fates.get(older);
            List<String> next = new ArrayList<>(w.fates());
            next.remove(APPLIED);
            next.add(OVERTAKEN);
            fates.put(older, new WriteFate(w.op(), w.bucket(), w.key(), w.versionId(), w.commandId(), w.requestId(),
                w.ackedAtMillis(), List.copyOf(new LinkedHashSet<>(next)), w.applications(), w.applyMillis(), w.causes()));
            break;
          }
        }
      }
    }
  }

  private static long firstSequence(List<Applied> events) {
    return events == null ? Long.MAX_VALUE
        : events.stream().filter(e -> !e.rejected()).mapToLong(Applied::sequence).min().orElse(Long.MAX_VALUE);
  }
}
