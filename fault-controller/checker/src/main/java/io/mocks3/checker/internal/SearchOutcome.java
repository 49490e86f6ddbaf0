package io.mocks3.checker.internal;

/** The result of a bounded search: found, proven impossible, or gave up at the state budget. */
enum SearchOutcome {
  FOUND, IMPOSSIBLE, OUT_OF_BUDGET;

  static SearchOutcome anyOf(Iterable<SearchOutcome> outcomes) {
    SearchOutcome best = IMPOSSIBLE;
    for (SearchOutcome o : outcomes) {
      if (o == FOUND) {
        return FOUND;
      }
      if (o == OUT_OF_BUDGET) {
        best = OUT_OF_BUDGET;
      }
    }
    return best;
  }
}
