package io.mocks3.checker.internal;

/** The states one key's searches may still explore, shared by all of them so that a key costs a bounded time. */
final class SearchBudget {

  private long remaining;

  SearchBudget(long states) {
    this.remaining = states;
  }

  /** Takes one state; false when the budget is spent. */
  boolean take() {
    return --remaining >= 0;
  }
}
