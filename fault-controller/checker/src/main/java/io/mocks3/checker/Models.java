package io.mocks3.checker;

import java.util.List;

/** The consistency models a key can be judged to satisfy, strongest first. */
public final class Models {

  public static final String LINEARIZABLE = "linearizable";
  public static final String SEQUENTIAL = "sequential";
  public static final String READ_YOUR_WRITES = "read-your-writes";
  public static final String MONOTONIC_READS = "monotonic-reads";
  public static final String EVENTUAL = "eventual";
  public static final String NONE = "none";
  public static final String UNKNOWN = "unknown";

  /** Strongest first; {@code unknown} last, so that one key the search gave up on shows in the summary. */
  public static final List<String> ORDER = List.of(LINEARIZABLE, SEQUENTIAL, READ_YOUR_WRITES, MONOTONIC_READS,
      EVENTUAL, NONE, UNKNOWN);

  private Models() {
  }

  public static String weaker(String a, String b) {
    return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
  }
}
