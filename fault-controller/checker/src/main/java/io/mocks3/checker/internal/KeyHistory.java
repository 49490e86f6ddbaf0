package io.mocks3.checker.internal;

import io.mocks3.checker.Op;
import io.mocks3.checker.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One key's register history: its puts, deletes and reads (failed ones dropped, reads of unknown outcome too, as
 * they say nothing), each mapped to a value id: 0 is absent, 1.. the distinct values puts wrote, -1.. the distinct
 * values reads returned that no put wrote.
 */
public final class KeyHistory {

  public static final int ABSENT = 0;

  private final String key;
  private final List<Op> ops = new ArrayList<>();
  private final List<Op> writes = new ArrayList<>();
  private final List<Op> reads = new ArrayList<>();
  private final Map<Op, Integer> valueIds = new IdentityHashMap<>();
  private final Map<Integer, List<Op>> producers = new HashMap<>();
  private int distinctUnknown;

  public KeyHistory(String key, List<Op> keyOps) {
    this.key = key;
    keyOps.stream()
        .filter(op -> op.type() != Op.Type.FAIL && (op.isWrite() || op.isOk()))
        .sorted(Comparator.comparingLong(Op::invokeNanos).thenComparingLong(Op::invokeIndex))
        .forEach(ops::add);
    ops.stream().filter(Op::isWrite).forEach(writes::add);
    ops.stream().filter(Op::isRead).forEach(reads::add);
    identifyValues();
  }

  public String key() {
    return key;
  }

  /** Puts, deletes (ok or unknown outcome) and ok reads, by invoke time. */
  public List<Op> ops() {
    return ops;
  }

  public List<Op> writes() {
    return writes;
  }

  public List<Op> reads() {
    return reads;
  }

  public int valueOf(Op op) {
    return valueIds.get(op);
  }

  /** Value ids read that no put wrote: the history may start with the key already holding one of them. */
  public List<Integer> unknownValues() {
    List<Integer> unknown = new ArrayList<>();
    for (int id = -1; id >= -distinctUnknown; id--) {
      unknown.add(id);
    }
    return unknown;
  }

  /** The writes that produce a value: its puts, or the deletes for absent (the initial state is implicit). */
  public List<Op> producers(int value) {
    return producers.getOrDefault(value, List.of());
  }

  /**
   * Whether {@code observed}, read by {@code read}, is older than what {@code write} wrote: every write that could
   * have produced it (invoked before the read completed) completed before {@code write} was invoked.
   */
  public boolean olderThan(int observed, Op write, Op read) {
    if (valueOf(write) == observed) {
      return false;
    }
    for (Op producer : producers(observed)) {
      if (producer.invokeNanos() < read.completeNanos() && !producer.precedes(write)) {
        return false;
      }
    }
    return true;
  }

  /** The put of the value read that completed last before {@code write}: the witness that the value is older. */
  public Op latestProducerBefore(int observed, Op write) {
    if (observed <= ABSENT) {
      return null;
    }
    return producers(observed).stream().filter(p -> p.precedes(write))
        .max(Comparator.comparingLong(Op::completeNanos)).orElse(null);
  }

  public Op earliestProducer(int value) {
    return producers(value).stream().min(Comparator.comparingLong(Op::invokeNanos)).orElse(null);
  }

  private void identifyValues() {
    Map<String, Integer> bySha = new HashMap<>();
    Map<String, Integer> byEtag = new HashMap<>();
    int nextId = 1;
    for (Op write : writes) {
      int id = ABSENT;
      if (write.f() == Op.F.PUT) {
        Value v = write.value();
        Integer known = v == null ? null : lookup(v, bySha, byEtag);
        id = known != null ? known : nextId++;
        remember(v, id, bySha, byEtag);
      }
      valueIds.put(write, id);
      producers.computeIfAbsent(id, x -> new ArrayList<>()).add(write);
    }
    Map<String, Integer> unknown = new HashMap<>();
    for (Op read : reads) {
      Value v = read.value();
      Integer id = v == null ? Integer.valueOf(ABSENT) : lookup(v, bySha, byEtag);
      if (id == null) {
        id = unknown.computeIfAbsent(v.toString(), x -> -(++distinctUnknown));
      }
      valueIds.put(read, id);
    }
  }

  private static Integer lookup(Value v, Map<String, Integer> bySha, Map<String, Integer> byEtag) {
    if (v.sha256() != null && bySha.containsKey(v.sha256().toLowerCase())) {
      return bySha.get(v.sha256().toLowerCase());
    }
    boolean etagDecides = v.sha256() == null || bySha.isEmpty();
    return etagDecides && v.etag() != null ? byEtag.get(v.unquotedEtag()) : null;
  }

  private static void remember(Value v, int id, Map<String, Integer> bySha, Map<String, Integer> byEtag) {
    if (v == null) {
      return;
    }
    if (v.sha256() != null) {
      bySha.putIfAbsent(v.sha256().toLowerCase(), id);
    }
    if (v.etag() != null) {
      byEtag.putIfAbsent(v.unquotedEtag(), id);
    }
  }
}
