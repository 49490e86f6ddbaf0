package io.mocks3.ops.bench;

import java.util.Locale;

/** The S3 operations a workload can run; {@link #MIXED} draws from the others by weight. */
public enum Operation {
  PUT, GET, HEAD, LIST, DELETE, MIXED;

  static Operation parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown operation '" + name + "' (put, get, head, list, delete, mixed)");
    }
  }
}
