package io.mocks3.checker.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sequential consistency of one register: is there a total order that keeps each process's program order and
 * explains every read? Depth-first over (position in each process, register state), memoized. A read that sees
 * the current state is always taken at once: it changes nothing and only frees its process, so that never loses
 * a solution; the search branches only on writes (and on whether an unknown-outcome write happened at all).
 */
final class SequentialSearch {

  private final RegisterOp[][] programs;

  private SequentialSearch(List<RegisterOp> ops) {
    Map<String, List<RegisterOp>> byProcess = new LinkedHashMap<>();
    ops.forEach(op -> byProcess.computeIfAbsent(op.process(), p -> new java.util.ArrayList<>()).add(op));
    programs = byProcess.values().stream().map(l -> l.toArray(RegisterOp[]::new)).toArray(RegisterOp[][]::new);
  }

  static SearchOutcome check(List<RegisterOp> ops, int initialState, SearchBudget budget) {
    return new SequentialSearch(ops).search(initialState, budget);
  }

  private SearchOutcome search(int initialState, SearchBudget budget) {
    Set<Node> explored = new HashSet<>();
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(settled(new int[programs.length], initialState));
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (node.finished(programs)) {
        return SearchOutcome.FOUND;
      }
      for (int p = 0; p < programs.length; p++) {
        for (Node child : successors(node, p)) {
          if (explored.add(child)) {
            if (!budget.take()) {
              return SearchOutcome.OUT_OF_BUDGET;
            }
            pending.push(child);
          }
        }
      }
    }
    return SearchOutcome.IMPOSSIBLE;
  }

  private List<Node> successors(Node node, int p) {
    if (node.positions[p] == programs[p].length) {
      return List.of();
    }
    RegisterOp op = programs[p][node.positions[p]];
    if (!op.write()) {
      return List.of(); // a read that sees another state waits for a write
    }
    int[] advanced = node.positions.clone();
    advanced[p]++;
    Node applied = settled(advanced, op.value());
    return op.optional() ? List.of(applied, settled(advanced.clone(), node.state)) : List.of(applied);
  }

  private Node settled(int[] positions, int state) {
    for (int p = 0; p < programs.length; p++) {
      while (positions[p] < programs[p].length && !programs[p][positions[p]].write()
          && programs[p][positions[p]].value() == state) {
        positions[p]++;
      }
    }
    return new Node(positions, state);
  }

  private record Node(int[] positions, int state) {

    boolean finished(RegisterOp[][] programs) {
      for (int p = 0; p < programs.length; p++) {
        if (positions[p] < programs[p].length) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Node n && n.state == state && Arrays.equals(n.positions, positions);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(positions) + state;
    }

    @Override
    public String toString() {
      return Arrays.toString(positions) + "@" + state;
    }
  }
}
