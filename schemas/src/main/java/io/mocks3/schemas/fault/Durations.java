package io.mocks3.schemas.fault;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of durations in MockS3 (rules' {@code ttl} and {@code delay}, chaos delays,
 * scenario and process-scenario durations, admin parameters). It accepts what Spring Boot's
 * {@code DurationStyle.detectAndParse} accepts with a unit — {@code 30s}, {@code 150ms},
 * {@code 5m}, {@code 1h}, {@code 2d}, {@code 500us}, {@code 10ns}, or ISO-8601 {@code PT30S} — and
 * in addition a fraction ({@code 1.5s}), which rules have always allowed. Unlike Spring it wants
 * the unit: a bare {@code "30"} is refused instead of silently meaning 30 ms. Schemas has no
 * Spring dependency, so the simple style is written out here rather than delegated.
 */
public final class Durations {
  /** What an error message suggests. */
  public static final String EXAMPLES = "use e.g. 30s, 150ms, PT30S";
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h|d)");
  private static final Pattern ISO = Pattern.compile("[pP].*");

  private Durations() {}

  /**
   * @throws IllegalArgumentException with a message a user can act on (it quotes the text and shows
   *     the accepted forms) when {@code text} is missing, not a duration or negative
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a duration is required (" + EXAMPLES + ")");
    }
    String trimmed = text.trim();
    Matcher simple = SIMPLE.matcher(trimmed.toLowerCase(Locale.ROOT));
    if (simple.matches()) {
      return ofAmount(new BigDecimal(simple.group(1)), simple.group(2), text);
    }
    if (ISO.matcher(trimmed).matches()) {
      try {
        Duration parsed = Duration.parse(trimmed);
        if (!parsed.isNegative()) {
          return parsed;
        }
      } catch (DateTimeParseException e) {
        // reported below, with the accepted forms
      }
    }
    throw new IllegalArgumentException(notADuration(text));
  }

  /**
   * A duration as JSON carries it: a number is seconds (fractions allowed), text is parsed by
   * {@link #parse}; null stays null (the field was not given).
   */
  public static Duration fromJson(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number seconds) {
      BigDecimal amount = new BigDecimal(seconds.toString());
      if (amount.signum() < 0) {
        throw new IllegalArgumentException(notADuration(value));
      }
      return ofAmount(amount, "s", value);
    }
    return parse(value.toString());
  }

  private static Duration ofAmount(BigDecimal amount, String unit, Object text) {
    long nanosPerUnit = switch (unit) {
      case "ns" -> 1L;
      case "us" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 86_400_000_000_000L;
    };
    try {
      return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\" (too long, or finer than a nanosecond)");
    }
  }

  private static String notADuration(Object text) {
    return "not a duration: \"" + text + "\" (" + EXAMPLES + ")";
  }
}
