package io.mocks3.junit5;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the extension finds or starts MockS3, read from system properties (first) and environment
 * variables. The local stack's data directory and port offset come from system properties only: the
 * environment's {@code MOCKS3_HOME} and {@code MOCKS3_PORT_OFFSET} belong to a developer's own stack,
 * which a test run must never wipe.
 *
 * @param mode auto (default), endpoint, container or processes
 * @param endpoint {@code mocks3.endpoint} / {@code MOCKS3_ENDPOINT}: the S3 endpoint of a running MockS3
 * @param controlPlane {@code mocks3.control-endpoint} / {@code MOCKS3_CONTROL_ENDPOINT}; default: the endpoint's port + 5
 * @param image {@code mocks3.image} / {@code MOCKS3_IMAGE}: the all-in-one image; default: this library's version
 * @param repo {@code mocks3.repo} / {@code MOCKS3_REPO}: a built MockS3 checkout, for the local stack as processes
 * @param home {@code mocks3.home}: the local stack's data directory (wiped at start); default target/mocks3-stack
 * @param portOffset {@code mocks3.port-offset}: added to the local stack's ports; default 20000
 */
record StackSettings(Mode mode, URI endpoint, URI controlPlane, String image, Path repo, Path home, int portOffset) {
  static final int DEFAULT_PORT_OFFSET = 20_000;

  enum Mode { AUTO, ENDPOINT, CONTAINER, PROCESSES }

  static StackSettings fromEnvironment() {
    return read(System::getProperty, System.getenv());
  }

  static StackSettings read(Function<String, String> properties, Map<String, String> env) {
    Function<String, String> either = name -> {
      String value = properties.apply(name);
      if (value == null || value.isBlank()) {
        value = env.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
      }
      return value == null || value.isBlank() ? null : value.strip();
    };
    String modeText = either.apply("mocks3.mode");
    Mode mode;
    try {
      mode = modeText == null ? Mode.AUTO : Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mocks3.mode=" + modeText + " is not a mode; use auto, endpoint, container or processes");
    }
    String endpoint = either.apply("mocks3.endpoint");
    String control = either.apply("mocks3.control-endpoint");
    String repo = either.apply("mocks3.repo");
    String home = properties.apply("mocks3.home");
    String offset = properties.apply("mocks3.port-offset");
    return new StackSettings(mode, endpoint == null ? null : URI.create(endpoint), control == null ? null : URI.create(control),
        either.apply("mocks3.image"), repo == null ? null : Path.of(repo),
        Path.of(home == null || home.isBlank() ? "target/mocks3-stack" : home), portOffset(offset));
  }

  private static int portOffset(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_PORT_OFFSET;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("mocks3.port-offset=" + text + " is not a whole number, e.g. 20000");
    }
  }
}
