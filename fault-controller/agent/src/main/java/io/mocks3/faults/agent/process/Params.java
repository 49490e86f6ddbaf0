package io.mocks3.faults.agent.process;

import java.util.Map;

/** A scenario's parameters as posted (JSON numbers or strings), read with defaults and bounds. */
final class Params {
  private final Map<String, Object> values;

  Params(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  double number(String name, double fallback, double min, double max) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    double d;
    try {
      d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
    if (d < min || d > max) {
      throw new IllegalArgumentException(name + " must be between " + fmt(min) + " and " + fmt(max));
    }
    return d;
  }

  String text(String name, String fallback, String... allowed) {
    Object v = values.get(name);
    String s = v == null ? fallback : v.toString();
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
