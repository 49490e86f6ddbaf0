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

  /**
   * Compares UTF-16 units, each moved to where the code point it begins sorts: at the first unit
   * that differs, a surrogate (a code point above U+FFFF, or the second half of one whose first
   * halves were equal) goes above U+E000..U+FFFF. No code point is decoded: this comparison is a
   * third of a consistency report's time over a million objects.
   */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return inCodePointOrder(x) - inCodePointOrder(y);
      }
    }
    return a.length() - b.length();
  }

  private static int inCodePointOrder(char unit) {
    return unit < Character.MIN_SURROGATE ? unit : unit > Character.MAX_SURROGATE ? unit - 0x800 : unit + 0x2000;
  }
}
