package io.mocks3.systemtest;

/** How long each phase of a long test took, printed with its result: where the suite's minutes go. */
final class Phases {
  private final StringBuilder done = new StringBuilder();
  private long since = System.nanoTime();

  /** Ends the phase under way (begun when the last one ended, or when this was made). */
  void done(String phase) {
    long now = System.nanoTime();
    done.append(done.isEmpty() ? "" : ", ").append(phase).append(' ').append((now - since) / 1_000_000).append(" ms");
    since = now;
  }

  @Override
  public String toString() {
    return done.toString();
  }
}
