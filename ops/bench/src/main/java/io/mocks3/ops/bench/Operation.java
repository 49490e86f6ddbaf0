package io.mocks3.ops.bench;

import java.util.Locale;

/**
 * The S3 operations a workload can run; {@link #MIXED} draws from the others by weight. {@link #LIST}
 * lists the workload's own keys; {@link #LIST_PAGE} the bucket's first page (ListObjectsV2, no prefix),
 * {@link #LIST_DIRS} the first page of {@code preload/} with delimiter {@code /}: the listings a bucket
 * of a million objects must still answer fast.
 */
public enum Operation {
  PUT, GET, HEAD, LIST, LIST_PAGE, LIST_DIRS, DELETE, MIXED;

  static Operation parse(String name) {
    try {
      return valueOf(name.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown operation '" + name + "' (put, get, head, list, list-page, list-dirs, delete, mixed)");
    }
  }

  boolean lists() {
    return this == LIST || this == LIST_PAGE || this == LIST_DIRS;
  }

  /** As written on the command line: {@code list-page}. */
  String spelling() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
