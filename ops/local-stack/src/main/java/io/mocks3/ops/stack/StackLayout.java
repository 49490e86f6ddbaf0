package io.mocks3.ops.stack;

import java.nio.file.Path;

/**
 * Where the local stack lives: the repository (for the built jars), the one data directory
 * holding every part's state, logs and pid files, and the port offset that lets a second stack
 * (the system tests') run beside a developer's.
 */
public record StackLayout(Path repo, Path home, int portOffset, String java) {
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
    return "http://127.0.0.1:" + port(basePort);
  }
}
