package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackServicesTest {
  @AfterEach
  void clear() {
    System.clearProperty("mocks3.java-options");
    System.clearProperty("mocks3.java-options.api-gateway");
    System.clearProperty("mocks3.java-options.kafka");
  }

  @Test
  void javaOptionsGoToEveryServiceOrToTheOneTheyName() {
    System.setProperty("mocks3.java-options", " -XX:TieredStopAtLevel=1  -Xss512k ");
    System.setProperty("mocks3.java-options.api-gateway", "-XX:TieredStopAtLevel=4");

    assertThat(JvmFootprint.userOptions("api-gateway")).containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:TieredStopAtLevel=4");
    assertThat(JvmFootprint.userOptions("storage-node-1")).containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
  }

  @Test
  void kafkaTakesTheOptionsOfEveryJavaPartThenItsOwn() throws IOException {
    System.setProperty("mocks3.java-options", "-XX:TieredStopAtLevel=1");
    System.setProperty("mocks3.java-options.kafka", "-Xss512k");

    StackLayout layout = new StackLayout(Path.of("."), Path.of("target/kafka-options-test"), 0, "java");
    Files.createDirectories(layout.data("kafka"));
    assertThat(new KafkaPart(layout).command()).containsSubsequence("-XX:TieredStopAtLevel=1", "-Xss512k", "kafka.Kafka");
  }
}
