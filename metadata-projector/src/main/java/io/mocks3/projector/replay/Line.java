package io.mocks3.projector.replay;

import java.util.Comparator;

/**
 * One line of a side of the consistency check: an identity ("bucket/key#version", a bucket name,
 * a blob id) and what that side says of it.
 */
record Line(String id, String value) {
  /**
   * The order every side is read in: Unicode code points, which is the byte order of UTF-8 and so
   * PostgreSQL's {@code COLLATE "C"} and the Streams stores' serialized keys.
   */
  static final Comparator<String> ID_ORDER = Line::compareCodePoints;

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
