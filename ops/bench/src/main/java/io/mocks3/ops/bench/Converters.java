package io.mocks3.ops.bench;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** The bench's option values as users write them; a mistake is a usage error that names the option. */
final class Converters {
  private Converters() {
  }

  /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or {@code 0}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = DURATION.matcher(value.trim());
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (e.g. 500ms, 10s, 2m)");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2) == null ? "s" : m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }

  /** Turns a parser's IllegalArgumentException into a usage error that names the option. */
  private static <T> T converted(String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return converted(value, Sizes::parse);
    }
  }

  static final class TargetConverter implements CommandLine.ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      return converted(value, Target::parse);
    }
  }

  static final class ClientConverter implements CommandLine.ITypeConverter<ClientKind> {
    @Override
    public ClientKind convert(String value) {
      return converted(value, ClientKind::parse);
    }
  }

  static final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {
    @Override
    public Workload convert(String value) {
      return converted(value, Workload::parse);
    }
  }
}
