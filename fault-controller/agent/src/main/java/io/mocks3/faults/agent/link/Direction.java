package io.mocks3.faults.agent.link;

import java.util.Locale;

/** Which way through a link a toxic acts: client to server (upstream), server to client (downstream), or both. */
public enum Direction {
  UPSTREAM, DOWNSTREAM, BOTH;

  /** The direction a rule names ("upstream", "downstream", "both"); both when it names none. */
  public static Direction of(String name) {
    return name == null || name.isBlank() ? BOTH : valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** Whether bytes travelling {@code upstream} (or, when false, downstream) are in this direction. */
  boolean covers(boolean upstream) {
    return this == BOTH || (this == UPSTREAM) == upstream;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
