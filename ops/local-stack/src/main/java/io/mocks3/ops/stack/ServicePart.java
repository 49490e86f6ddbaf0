package io.mocks3.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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

  private Path built() {
    return layout.repo().resolve(module).resolve("target").resolve(module + ".jar");
  }

  /** The copy of the built jar this part runs (see {@link #prepare}). */
  private Path jar() {
    java.io.File built = built().toFile();
    return layout.run().resolve("jars").resolve(module + "-" + built.length() + "-" + built.lastModified() + ".jar");
  }

  /**
   * Runs a copy of the built jar, not the jar in {@code target/}: a build while the stack runs
   * rewrites that file under the running JVM, which then fails on the next class it loads. The copy
   * is named by the build's size and time and made once per build; {@code down} removes the copies.
   */
  @Override
  public void prepare() throws IOException {
    Path built = built();
    if (!Files.exists(built)) {
      throw new IOException(name + ": " + built + " is missing - build first: ./mvnw -DskipTests install");
    }
    Path copy = jar();
    if (Files.exists(copy)) {
      return;
    }
    Files.createDirectories(copy.getParent());
    FileTime before = Files.getLastModifiedTime(built);
    Path partial = copy.resolveSibling(copy.getFileName() + ".part");
    Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
    if (!Files.getLastModifiedTime(built).equals(before) || Files.size(partial) != Files.size(built)) {
      Files.delete(partial);
      throw new IOException(name + ": " + built + " changed while it was copied (a build is running?); start again");
    }
    Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
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

  @Override
  public String healthReport() {
    return Probes.text(layout.url(basePort) + "/health");
  }
}
