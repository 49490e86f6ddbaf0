package io.mocks3.ops.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A real single-node KRaft broker from the kafka_2.13 artifact (laid out by ops/kafka-broker). */
final class KafkaPart implements Part {
  private final StackLayout layout;

  KafkaPart(StackLayout layout) {
    this.layout = layout;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public int port() {
    return layout.port(StackLayout.KAFKA);
  }

  private Path classpath() {
    return layout.repo().resolve("ops/kafka-broker/target/lib");
  }

  private Path config() {
    return layout.data("kafka").resolve("server.properties");
  }

  @Override
  public void prepare() throws IOException {
    if (!Files.isDirectory(classpath())) {
      throw new IOException("Kafka broker jars missing at " + classpath() + " - build first: ./mvnw -DskipTests install");
    }
    Path logDirs = layout.data("kafka").resolve("logs");
    Files.createDirectories(logDirs);
    String template;
    try (InputStream in = KafkaPart.class.getResourceAsStream("/broker/server.properties")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // Written on every start, so a data directory made before the process listeners existed gets them.
    Files.writeString(config(), new ProcessLinks(layout).withProcessListeners(template
        .replace("${PORT}", String.valueOf(port()))
        .replace("${CONTROLLER_PORT}", String.valueOf(layout.port(StackLayout.KAFKA_CONTROLLER)))
        .replace("${DATA_DIR}", logDirs.toString())));
    if (!Files.exists(logDirs.resolve("meta.properties"))) {
      format();
    }
  }

  private void format() throws IOException {
    String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    Process p = new ProcessBuilder(layout.java(), "-cp", classpath() + "/*", "kafka.tools.StorageTool", "format",
        "-t", clusterId, "-c", config().toString())
        .redirectErrorStream(true)
        .redirectOutput(layout.logs().resolve("kafka-format.log").toFile())
        .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("formatting Kafka storage failed; see " + layout.logs().resolve("kafka-format.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public List<String> command() {
    List<String> cmd = new ArrayList<>(List.of(layout.java(), "-Xms32m", "-Xmx768m", "-XX:+UseSerialGC"));
    cmd.addAll(JvmFootprint.options(layout.java()));
    cmd.addAll(JvmFootprint.userOptions(name()));
    cmd.addAll(List.of("-Dlog4j2.configurationFile=" + log4jConfig(),
        "-cp", classpath() + "/*", "kafka.Kafka", config().toString()));
    return cmd;
  }

  private String log4jConfig() {
    Path file = layout.data("kafka").resolve("log4j2.properties");
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, String.join("\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "appender.stdout.type = Console",
            "appender.stdout.name = STDOUT",
            "appender.stdout.layout.type = PatternLayout",
            "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
            "logger.kafka.name = kafka",
            "logger.kafka.level = WARN",
            "logger.server.name = org.apache.kafka",
            "logger.server.level = WARN",
            "logger.started.name = kafka.server.KafkaRaftServer",
            "logger.started.level = INFO",
            ""));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file.toString();
  }

  @Override
  public boolean healthy() {
    return Probes.kafka(layout.kafkaBootstrap());
  }
}
