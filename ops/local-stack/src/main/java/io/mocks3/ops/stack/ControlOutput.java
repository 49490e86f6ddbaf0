package io.mocks3.ops.stack;

import tools.jackson.databind.SerializationFeature;
import io.mocks3.client.MockS3Control;
import io.mocks3.schemas.fault.Durations;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.mocks3.schemas.Json;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every control-plane command shares (a picocli mixin): {@code --json}, the client of the stack's
 * control plane, and printing an answer for a person or as JSON.
 */
final class ControlOutput {
  /** --json: indented, nulls written, ISO timestamps (as the Jackson 2 ObjectMapper it replaces did). */
  private static final JsonMapper JSON = Json.wireBuilder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--json", description = "print the control plane's answer as JSON")
  boolean json;

  /** The client of the control plane: {@code MOCKS3_CONTROL_URL} when set, else the local stack's (changes wait for its agents). */
  MockS3Control mocks3() {
    String url = System.getenv("MOCKS3_CONTROL_URL");
    if (url != null && !url.isBlank()) {
      return MockS3Control.connect(java.net.URI.create(url));
    }
    return MockS3Control.local(((LocalStack) spec.root().userObject()).portOffset);
  }

  /** Prints {@code value} as JSON with {@code --json}, else {@code human} (a person's lines). */
  void print(Object value, String human) {
    out().print(json ? json(value) + System.lineSeparator() : human);
  }

  PrintStream out() {
    return System.out;
  }

  /** A usage error: picocli prints it with the command's usage and exits 2. */
  CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** Durations as the control plane writes them: 30s, 150ms, 5m, PT2M. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
