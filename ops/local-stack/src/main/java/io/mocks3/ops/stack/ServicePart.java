package io.mocks3.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A MockS3 service: its Spring Boot jar, run with the stack's ports, bind address and directories as
 * arguments. It inherits the launcher's environment, {@code MOCKS3_CONTROL_TOKEN} included.
 */
final class ServicePart implements Part {
  private final StackLayout layout;
  private final String name;
  private final String module;
  private final int basePort;
  private final String heap;
  private final List<String> args;

  ServicePart(StackLayout layout, String name, String module, int basePort, String heap, List<String> args) {
    this.layout = layout;
    this.name = name;
    this.module = module;
    this.basePort = basePort;
    this.heap = heap;
    this.args = args;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return layout.port(basePort);
  }

  private Path jar() {
    return layout.repo().resolve(module).resolve("target").resolve(module + ".jar");
  }

  @Override
  public void prepare() throws IOException {
    if (!Files.exists(jar())) {
      throw new IOException(name + ": " + jar() + " is missing - build first: ./mvnw -DskipTests install");
    }
  }

  @Override
  public List<String> command() {
    List<String> cmd = new ArrayList<>(List.of(layout.java(), "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC",
        // Direct buffers (the memory_leaker process scenario, NIO) get room beyond the heap: by default
        // the limit equals -Xmx, and a 256 MB service could not leak the scenario's 512 MB cap.
        "-XX:MaxDirectMemorySize=768m",
        "-XX:+ExitOnOutOfMemoryError", "-jar", jar().toString(),
        "--server.port=" + port(),
        "--server.address=" + layout.bindAddress(),
        "--mocks3.kafka.bootstrap-servers=" + new ProcessLinks(layout).kafkaBootstrap(name),
        "--logging.file.name=",
        "--spring.main.banner-mode=off"));
    cmd.addAll(new ProcessLinks(layout).arguments(name));
    cmd.addAll(args);
    return cmd;
  }

  @Override
  public boolean healthy() {
    return Probes.http(layout.url(basePort) + "/health");
  }
}
