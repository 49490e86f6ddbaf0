package io.mocks3.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

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
  private final SharedClasses shared;

  ServicePart(StackLayout layout, String name, String module, int basePort, String heap, List<String> javaOptions,
      List<String> args, SharedClasses shared) {
    this.shared = shared;
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

  private static Path built(StackLayout layout, String module) {
    return layout.repo().resolve(module).resolve("target").resolve(module + ".jar");
  }

  /** Where this build of the module is unpacked: named by the built jar's size and time. */
  private static Path app(StackLayout layout, String module) {
    java.io.File built = built(layout, module).toFile();
    return layout.cache().resolve(module + "-" + built.length() + "-" + built.lastModified());
  }

  private Path app() {
    return app(layout, module);
  }

  /**
   * Unpacks the build and the other services' builds, whose common jars lead its class path
   * ({@link SharedClasses}).
   */
  @Override
  public void prepare() throws IOException, InterruptedException {
    unpacked(layout, module);
    shared.prepare();
  }

  /**
   * Where the module's build runs from: unpacked into the stack's cache ({@code java -Djarmode=tools
   * extract}), not the jar in {@code target/}: a build while the stack runs rewrote that file under
   * the running JVM, which then failed on the next class it loaded; and the classes of an unpacked
   * application can be shared between JVMs, which those of a nested jar cannot. Unpacked once per build.
   */
  static Path unpacked(StackLayout layout, String module) throws IOException, InterruptedException {
    Path built = built(layout, module);
    if (!Files.exists(built)) {
      throw new IOException(module + ": " + built + " is missing - build first: ./mvnw -DskipTests install");
    }
    Path app = app(layout, module);
    if (Files.exists(app)) {
      return app;
    }
    FileTime before = Files.getLastModifiedTime(built);
    Path partial = app.resolveSibling(app.getFileName() + ".part");
    Supervisor.deleteRecursively(partial);
    // C1 only: a JVM that lives a few seconds spends less on compiling than it would gain (2.4 against 3.7 s).
    Process extract = new ProcessBuilder(layout.java(), "-XX:TieredStopAtLevel=1", "-Djarmode=tools", "-jar", built.toString(),
        "extract", "--destination", partial.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (extract.waitFor() != 0 || !Files.getLastModifiedTime(built).equals(before)) {
      Supervisor.deleteRecursively(partial);
      throw new IOException(module + ": could not unpack " + built + " (a build is running?); start again");
    }
    SharedClasses.sums(partial);
    Supervisor.publish(partial, app);
    return app;
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

  @Override
  public List<String> command() {
    List<String> cmd = new ArrayList<>(List.of(layout.java(), "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC",
        // Direct buffers (the memory_leaker process scenario, NIO) get room beyond the heap: by default
        // the limit equals -Xmx, and a 256 MB service could not leak the scenario's 512 MB cap.
        "-XX:MaxDirectMemorySize=768m", "-XX:+ExitOnOutOfMemoryError"));
    cmd.addAll(JvmFootprint.options(layout.java()));
    if (shared.prepared()) {
      cmd.addAll(shared.options(name));
    }
    cmd.addAll(javaOptions);
    cmd.addAll(launch());
    cmd.addAll(List.of("--server.port=" + port(),
        "--server.address=" + layout.bindAddress(),
        "--mocks3.kafka.bootstrap-servers=" + new ProcessLinks(layout).kafkaBootstrap(name),
        "--logging.file.name=",
        "--spring.main.banner-mode=off"));
    cmd.addAll(new ProcessLinks(layout).arguments(name));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * How the build is run: from a class path that starts with the jars shared by every service, then
   * the module's own, and its main class; as {@code -jar} until the builds are unpacked (a unit test
   * of the command line).
   */
  private List<String> launch() {
    Path jar = app().resolve(module + ".jar");
    if (!shared.prepared()) {
      return List.of("-jar", jar.toString());
    }
    List<String> classPath = new ArrayList<>(shared.classPath());
    try (var jars = Files.list(app().resolve("lib"))) {
      jars.filter(j -> j.getFileName().toString().endsWith(".jar") && !shared.shares(j)).sorted()
          .forEach(j -> classPath.add(j.toString()));
      classPath.add(jar.toString());
      String main;
      try (JarFile app = new JarFile(jar.toFile())) {
        main = app.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      }
      return List.of("-cp", String.join(java.io.File.pathSeparator, classPath), main);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read its unpacked build " + app(), e);
    }
  }

  SharedClasses sharedClasses() {
    return shared;
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
