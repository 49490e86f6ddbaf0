package io.mocks3.ops.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people write them: {@code 4096}, {@code 4KiB}, {@code 1MiB}, {@code 64MiB}, {@code 1GiB}. */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB|KB|MB|GB)", Pattern.CASE_INSENSITIVE);

  private Sizes() {
  }

  static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 4096, 4KiB, 1MiB)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "b" -> n;
      case "kib" -> n << 10;
      case "mib" -> n << 20;
      case "gib" -> n << 30;
      case "kb" -> n * 1_000;
      case "mb" -> n * 1_000_000;
      default -> n * 1_000_000_000;
    };
  }

  static String format(long bytes) {
    if (bytes >= 1 << 30 && bytes % (1 << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " B";
  }
}
