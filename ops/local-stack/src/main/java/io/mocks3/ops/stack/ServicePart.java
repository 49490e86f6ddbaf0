package io.mocks3.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  private final List<String> javaOptions;
  private final List<String> args;

  ServicePart(StackLayout layout, String name, String module, int basePort, String heap, List<String> javaOptions,
      List<String> args) {
    this.layout = layout;
    this.name = name;
    this.module = module;
    this.basePort = basePort;
    this.heap = heap;
    this.javaOptions = List.copyOf(javaOptions);
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

  /** Where this build of the module is unpacked: named by the built jar's size and time. */
  private Path app() {
    java.io.File built = built().toFile();
    return layout.cache().resolve(module + "-" + built.length() + "-" + built.lastModified());
  }

  /**
   * Runs the build unpacked into the stack's cache ({@code java -Djarmode=tools extract}), not the jar
   * in {@code target/}: a build while the stack runs rewrote that file under the running JVM, which
   * then failed on the next class it loaded; and an unpacked application can use a class-data
   * sharing archive (see {@link #command}), which a nested jar cannot. Unpacked once per build.
   */
  @Override
  public void prepare() throws IOException, InterruptedException {
    Path built = built();
    if (!Files.exists(built)) {
      throw new IOException(name + ": " + built + " is missing - build first: ./mvnw -DskipTests install");
    }
    Path app = app();
    if (Files.exists(app)) {
      return;
    }
    FileTime before = Files.getLastModifiedTime(built);
    Path partial = app.resolveSibling(app.getFileName() + ".part");
    Supervisor.deleteRecursively(partial);
    Process extract = new ProcessBuilder(layout.java(), "-Djarmode=tools", "-jar", built.toString(),
        "extract", "--destination", partial.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (extract.waitFor() != 0 || !Files.getLastModifiedTime(built).equals(before)) {
      Supervisor.deleteRecursively(partial);
      throw new IOException(name + ": could not unpack " + built + " (a build is running?); start again");
    }
    Files.move(partial, app, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the unpacked builds of this module other than the current one; only when none of them runs. */
  void forgetOtherBuilds() throws IOException {
    Path current = app();
    if (!Files.isDirectory(layout.cache())) {
      return;
    }
    try (var builds = Files.list(layout.cache())) {
      for (Path build : builds.filter(b -> b.getFileName().toString().matches(java.util.regex.Pattern.quote(module) + "-\\d+-\\d+(\\.part)?")
          && !b.equals(current)).toList()) {
        Supervisor.deleteRecursively(build);
      }
    }
  }

  /**
   * The JVM options of class-data sharing: the first run of a build records the classes it loaded
   * into {@code <part>.jsa} when it exits, later runs of any part of the module (four storage nodes
   * share one) map them instead of loading and verifying each class again: a storage node started
   * with 30% less CPU, measured. Each part records into its own file, so parts that stop together
   * never write the same one. An archive that is missing, stale or cut short by a kill only costs
   * that saving: the JVM then starts without it.
   */
  private List<String> classDataSharing() {
    Path app = app();
    Optional<Path> recorded;
    try (var files = Files.list(app)) {
      recorded = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().findFirst();
    } catch (IOException notUnpacked) {
      return List.of(); // not prepared (a unit test of the command line): no archive to name
    }
    return List.of(recorded.map(a -> "-XX:SharedArchiveFile=" + a).orElse("-XX:ArchiveClassesAtExit=" + app.resolve(name + ".jsa")),
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  @Override
  public List<String> command() {
    List<String> cmd = new ArrayList<>(List.of(layout.java(), "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC",
        // Direct buffers (the memory_leaker process scenario, NIO) get room beyond the heap: by default
        // the limit equals -Xmx, and a 256 MB service could not leak the scenario's 512 MB cap.
        "-XX:MaxDirectMemorySize=768m", "-XX:+ExitOnOutOfMemoryError"));
    cmd.addAll(JvmFootprint.options(layout.java()));
    cmd.addAll(classDataSharing());
    cmd.addAll(javaOptions);
    cmd.addAll(List.of("-jar", app().resolve(module + ".jar").toString(),
        "--server.port=" + port(),
        "--server.address=" + layout.bindAddress(),
        "--mocks3.kafka.bootstrap-servers=" + new ProcessLinks(layout).kafkaBootstrap(name),
        "--logging.file.name=",
        "--spring.main.banner-mode=off"));
    cmd.addAll(new ProcessLinks(layout).arguments(name));
    cmd.addAll(args);
    return cmd;
  }

  /** Where the stack's own calls reach the service. */
  String url() {
    return layout.url(basePort);
  }

  @Override
  public boolean healthy() {
    return Probes.http(url() + "/health");
  }

  @Override
  public String healthReport() {
    return Probes.text(url() + "/health");
  }
}
