package io.mocks3.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Redis from the embedded-redis artifact's binary, append-only for durability across restarts. */
final class RedisPart implements Part {
  private final StackLayout layout;
  private Path binary;

  RedisPart(StackLayout layout) {
    this.layout = layout;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public int port() {
    return layout.port(StackLayout.REDIS);
  }

  @Override
  public void prepare() throws IOException {
    binary = Binaries.redis(layout.bin());
    Files.createDirectories(layout.data("redis"));
  }

  @Override
  public List<String> command() {
    return List.of(binary.toString(), "--port", String.valueOf(port()), "--bind", "127.0.0.1",
        "--dir", layout.data("redis").toString(), "--appendonly", "yes", "--save", "", "--protected-mode", "no");
  }

  @Override
  public boolean healthy() {
    return Probes.redis(port());
  }
}
