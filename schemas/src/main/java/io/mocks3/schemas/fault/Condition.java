package io.mocks3.schemas.fault;

/**
 * One condition of a rule. {@code type} is one of:
 * <ul>
 *   <li>{@code probability} — {@code value} in [0, 1]: the share of otherwise matching requests hit;
 *   <li>{@code operation} — {@code value}: an S3 operation name (GetObject, PutObject, ...) or an
 *       injection point's own operation; several comma-separated;
 *   <li>{@code bucket} — {@code value}: the bucket name;
 *   <li>{@code key_prefix} — {@code value}: the object key starts with it;
 *   <li>{@code key_pattern} — {@code value}: a glob over the key ({@code *} any run, {@code ?} one character);
 *   <li>{@code header} — {@code name} and optional {@code value}: the request carries that header (with that value);
 *   <li>{@code first_n} — {@code value} N: only the first N matching requests;
 *   <li>{@code every_nth} — {@code value} N: every Nth matching request;
 *   <li>{@code time_window} — {@code from} / {@code until} (ISO-8601 instants, either optional);
 *   <li>{@code instance} — {@code value}: one process of the service (e.g. node-1);
 *   <li>{@code matches} — {@code value}: a list of positions (1-based) in the sequence of requests
 *       that met the rule's other conditions: only those are hit. What a replayed run's rules use
 *       to meet the exported decisions again.
 *   <li>{@code link} — {@code value}: one network link of the process (kafka, postgres, redis,
 *       storage-node-1, ...), several comma-separated; only for link actions, which without it act on
 *       every link of the process.
 * </ul>
 */
public record Condition(String type, Object value, String name, String from, String until) {
  public static final java.util.Set<String> TYPES = java.util.Set.of(
      "probability", "operation", "bucket", "key_prefix", "key_pattern", "header", "first_n", "every_nth", "time_window", "instance",
      "matches", "link");
  /** The conditions that count or draw over a rule's sequence of matching requests, rather than filter them. */
  public static final java.util.Set<String> SEQUENCE_TYPES = java.util.Set.of("probability", "first_n", "every_nth", "matches");

  /** A {@code matches} condition's positions; empty when the value is not a list of whole numbers. */
  public java.util.Set<Long> positions() {
    java.util.Set<Long> out = new java.util.TreeSet<>();
    if (value instanceof java.util.Collection<?> list) {
      for (Object o : list) {
        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          return java.util.Set.of();
        }
        out.add(n.longValue());
      }
    }
    return out;
  }

  public String text() {
    return value == null ? null : value.toString();
  }

  public double number() {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return Double.parseDouble(String.valueOf(value).trim());
  }
}
