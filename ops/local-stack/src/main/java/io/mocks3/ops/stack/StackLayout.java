package io.mocks3.ops.stack;

import java.nio.file.Path;

/**
 * Where the local stack lives: the repository (for the built jars), the one data directory
 * holding every part's state, logs and pid files, the port offset that lets a second stack
 * (the system tests') run beside a developer's, and the address every service listens on.
 *
 * @param bindAddress what every service binds ({@code server.address}): {@value #DEFAULT_BIND_ADDRESS}
 *     unless {@code MOCKS3_BIND_ADDRESS} / {@code --bind-address} says otherwise (e.g. {@code 0.0.0.0} to
 *     reach the stack from other machines: set {@code MOCKS3_CONTROL_TOKEN} then)
 * @param topology how many storage nodes and projectors run, and how blobs are placed
 */
public record StackLayout(Path repo, Path home, int portOffset, String java, String bindAddress, StackTopology topology) {
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final String BIND_ADDRESS_VARIABLE = "MOCKS3_BIND_ADDRESS";
  /** The system property naming a cache directory shared by stacks ({@link #cache()}). */
  private static final String CACHE_PROPERTY = "mocks3.cache";
  public static final int GATEWAY = 8080;
  public static final int PROJECTOR = 8081;
  public static final int STORAGE_1 = 8082;
  public static final int STORAGE_2 = 8182;
  public static final int TASKS = 8083;
  public static final int FAULTS = 8085;
  public static final int KAFKA = 9092;
  public static final int KAFKA_CONTROLLER = 9093;
  public static final int POSTGRES = 5433;
  public static final int REDIS = 6379;

  public StackLayout {
    repo = repo.toAbsolutePath().normalize();
    home = home.toAbsolutePath().normalize();
    bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND_ADDRESS : bindAddress.strip();
    topology = topology == null ? StackTopology.DEFAULT : topology;
  }

  /** A layout with the default topology (two storage nodes, one projector). */
  public StackLayout(Path repo, Path home, int portOffset, String java, String bindAddress) {
    this(repo, home, portOffset, java, bindAddress, StackTopology.DEFAULT);
  }

  /** This layout running {@code other} instead. */
  public StackLayout withTopology(StackTopology other) {
    return new StackLayout(repo, home, portOffset, java, bindAddress, other);
  }

  /** A layout whose services bind {@code MOCKS3_BIND_ADDRESS}, {@value #DEFAULT_BIND_ADDRESS} when unset. */
  public StackLayout(Path repo, Path home, int portOffset, String java) {
    this(repo, home, portOffset, java, System.getenv(BIND_ADDRESS_VARIABLE));
  }

  /**
   * The address the stack's own calls use: the bound one, or loopback when the services bind every
   * interface ({@code 0.0.0.0}, {@code ::}).
   */
  public String host() {
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]")) {
      return DEFAULT_BIND_ADDRESS;
    }
    return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
  }

  public int port(int base) {
    return base + portOffset;
  }

  public Path logs() {
    return home.resolve("logs");
  }

  public Path run() {
    return home.resolve("run");
  }

  /**
   * What the stack can rebuild but keeps across {@code up --fresh}: unpacked builds and their class-data
   * archives; in the home, unless {@code MOCKS3_CACHE} (or {@code mocks3.cache}) names a directory that
   * stacks started one after another from the same build share (the test suites' stacks: the second
   * starts from the builds the first unpacked and the archive made while it ran). Stacks that share one
   * must run the same build: a stack removes the builds in its cache other than its own when it stops.
   */
  public Path cache() {
    String shared = System.getProperty(CACHE_PROPERTY, System.getenv("MOCKS3_CACHE"));
    return shared == null || shared.isBlank() ? home.resolve("cache") : Path.of(shared).toAbsolutePath().normalize();
  }

  public Path data(String part) {
    return home.resolve("data").resolve(part);
  }

  public Path bin() {
    return home.resolve("bin");
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + port(KAFKA);
  }

  public String redisUrl() {
    return "redis://127.0.0.1:" + port(REDIS);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port(POSTGRES) + "/postgres";
  }

  public String url(int basePort) {
    return "http://" + host() + ":" + port(basePort);
  }

  /** The URL of a storage node or projector part by name, e.g. {@code storage-node-3}. */
  public String url(String part) {
    int base = StackTopology.basePort(part);
    if (base < 0) {
      throw new IllegalArgumentException("no storage node or projector named " + part);
    }
    return url(base);
  }
}
