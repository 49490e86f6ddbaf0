package io.mocks3.checker.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Wing–Gong linearizability search with Lowe's memoization (as in Knossos' wgl.clj): walk the history's call and
 * return entries in time order; at a call, try to linearize the op now (remove its call and return from the list
 * and restart at the head); at a return of an op not yet linearized, backtrack. A (linearized set, state) pair
 * already explored is never explored again. Ops of unknown outcome have no return entry: they may linearize
 * any time after their invoke, or never.
 */
final class LinearizabilitySearch {

  private final List<RegisterOp> ops;
  private final int[] opOf;
  private final int[] returnOf;
  private final int[] next;
  private final int[] prev;
  private final int head;
  private final int tail;

  private LinearizabilitySearch(List<RegisterOp> ops) {
    this.ops = ops;
    List<long[]> entries = new ArrayList<>();
    for (RegisterOp op : ops) {
      // {time, call(0) before return(1) at equal times: that only widens concurrency, never invents an order, op}
      entries.add(new long[] {op.invokeNanos(), 0, op.id()});
      if (!op.optional()) {
        entries.add(new long[] {op.completeNanos(), 1, op.id()});
      }
    }
    entries.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int size = entries.size();
    head = size;
    tail = size + 1;
    opOf = new int[size];
    returnOf = new int[size];
    next = new int[size + 2];
    prev = new int[size + 2];
    int[] callEntry = new int[ops.size()];
    for (int e = 0; e < size; e++) {
      long[] entry = entries.get(e);
      opOf[e] = (int) entry[2];
      returnOf[e] = -1;
      if (entry[1] == 0) {
        callEntry[opOf[e]] = e;
      } else {
        returnOf[callEntry[opOf[e]]] = e;
      }
      link(e == 0 ? head : e - 1, e);
    }
    link(size == 0 ? head : size - 1, tail);
  }

  static SearchOutcome check(List<RegisterOp> ops, int initialState, SearchBudget budget) {
    return new LinearizabilitySearch(ops).search(initialState, budget);
  }

  private SearchOutcome search(int initialState, SearchBudget budget) {
    Set<Configuration> explored = new HashSet<>();
    Deque<int[]> stack = new ArrayDeque<>(); // {call entry, state before it}
    BitSet linearized = new BitSet(ops.size());
    int state = initialState;
    int entry = next[head];
    while (entry != tail) {
      int op = opOf[entry];
      if (isCall(entry)) {
        int after = ops.get(op).step(state);
        if (after != RegisterOp.INVALID) {
          linearized.set(op);
          if (explored.add(new Configuration((BitSet) linearized.clone(), after))) {
            if (!budget.take()) {
              return SearchOutcome.OUT_OF_BUDGET;
            }
            stack.push(new int[] {entry, state});
            state = after;
            lift(entry);
            entry = next[head];
            continue;
          }
          linearized.clear(op);
        }
        entry = next[entry];
      } else {
        if (stack.isEmpty()) {
          return SearchOutcome.IMPOSSIBLE;
        }
        int[] top = stack.pop();
        state = top[1];
        linearized.clear(opOf[top[0]]);
        unlift(top[0]);
        entry = next[top[0]];
      }
    }
    // Only calls of unknown-outcome ops remain: every acknowledged op has been linearized.
    return SearchOutcome.FOUND;
  }

  private boolean isCall(int entry) {
    return returnOf[entry] != -1 || ops.get(opOf[entry]).optional();
  }

  private void lift(int call) {
    unlink(call);
    if (returnOf[call] != -1) {
      unlink(returnOf[call]);
    }
  }

  /** Dancing links: the lifted entries kept their neighbours, so relinking in reverse order restores the list. */
  private void unlift(int call) {
    if (returnOf[call] != -1) {
      relink(returnOf[call]);
    }
    relink(call);
  }

  private void link(int before, int entry) {
    next[before] = entry;
    prev[entry] = before;
  }

  private void unlink(int entry) {
    next[prev[entry]] = next[entry];
    prev[next[entry]] = prev[entry];
  }

  private void relink(int entry) {
    next[prev[entry]] = entry;
    prev[next[entry]] = entry;
  }

  private record Configuration(BitSet linearized, int state) {
  }
}
