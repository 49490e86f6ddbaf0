package io.mocks3.schemas.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exact wire strings saved as test fixtures (src/test/resources/golden). They were written by the Jackson 2 code
 * before the move to Jackson 3: what a topic already holds must read back, and what we write must not change.
 * {@code -Dgolden.record=true} rewrites a fixture from the current output (only when the wire is meant to change).
 */
public final class GoldenFixtures {
  private final Path folder;

  public GoldenFixtures(Path folder) {
    this.folder = folder;
  }

  /** The fixture {@code name}; recorded from {@code current} first when asked to. */
  public String fixture(String name, String current) {
    Path file = folder.resolve(name);
    try {
      if (Boolean.getBoolean("golden.record")) {
        Files.createDirectories(folder);
        Files.writeString(file, current, StandardCharsets.UTF_8);
      }
      if (!Files.exists(file)) {
        throw new AssertionError("no golden fixture " + file.toAbsolutePath() + " (record it with -Dgolden.record=true)");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture {@code name} as saved, never recorded. */
  public String fixture(String name) {
    Path file = folder.resolve(name);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("no golden fixture " + file.toAbsolutePath(), e);
    }
  }
}
