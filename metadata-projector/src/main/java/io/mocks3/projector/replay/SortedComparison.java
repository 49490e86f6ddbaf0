package io.mocks3.projector.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two sides read in id order by merging them, keeping only each side's count and
 * running digest and the first differences: memory does not grow with the sides.
 */
final class SortedComparison {
  private SortedComparison() {}

  /** A side read to its end: how many lines, and SHA-256 (hex) over its lines "id value\n" in id order. */
  record Summary(long count, String digest) {
    Map<String, Object> describe() {
      return Map.of("count", count, "digest", digest);
    }
  }

  /** A named side of a comparison. */
  record Side(String name, LineCursor lines) {}

  /** Both sides' summaries. */
  record Result(Summary a, Summary b) {}

  /**
   * Lists what {@code a} and {@code b} disagree on (missing on one side, or different): every one
   * counts in {@code count[0]}, the first {@code limit} are added to {@code differences}, in id order.
   */
  static Result compare(String what, Side a, Side b, List<Map<String, String>> differences, int[] count, int limit) {
    RunningDigest inA = new RunningDigest();
    RunningDigest inB = new RunningDigest();
    Line x = nextOrNull(a.lines());
    Line y = nextOrNull(b.lines());
    int listed = 0;
    while (x != null || y != null) {
      int order = x == null ? 1 : y == null ? -1 : Line.ID_ORDER.compare(x.id(), y.id());
      Line onlyA = order <= 0 ? x : null;
      Line onlyB = order >= 0 ? y : null;
      if (onlyA != null) {
        inA.add(onlyA);
        x = nextOrNull(a.lines());
      }
      if (onlyB != null) {
        inB.add(onlyB);
        y = nextOrNull(b.lines());
      }
      if (onlyA == null || onlyB == null || !onlyA.value().equals(onlyB.value())) {
        count[0]++;
        if (listed++ < limit) {
          String id = onlyA != null ? onlyA.id() : onlyB.id();
          differences.add(difference(what, a.name(), b.name(), id, onlyA, onlyB));
        }
      }
    }
    return new Result(inA.summary(), inB.summary());
  }

  /** A side read to its end with nothing to compare it with. */
  static Summary summarize(LineCursor lines) {
    RunningDigest digest = new RunningDigest();
    lines.forEachRemaining(digest::add);
    return digest.summary();
  }

  private static Line nextOrNull(LineCursor lines) {
    return lines.hasNext() ? lines.next() : null;
  }

  private static Map<String, String> difference(String what, String a, String b, String id, Line inA, Line inB) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("what", what);
    d.put("between", a + "/" + b);
    d.put("id", id);
    d.put(a, inA == null ? "(absent)" : inA.value());
    d.put(b, inB == null ? "(absent)" : inB.value());
    return d;
  }

  /** SHA-256 over lines fed in order, with their count. */
  static final class RunningDigest {
    private final MessageDigest sha;
    private long count;

    RunningDigest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void add(Line line) {
      add(line.id(), line.value());
    }

    void add(String id, String value) {
      sha.update((id + " " + value + "\n").getBytes(StandardCharsets.UTF_8));
      count++;
    }

    Summary summary() {
      return new Summary(count, HexFormat.of().formatHex(sha.digest()));
    }
  }
}
