package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackServicesTest {
  @AfterEach
  void clear() {
    System.clearProperty("mocks3.java-options");
    System.clearProperty("mocks3.java-options.api-gateway");
  }

  @Test
  void javaOptionsGoToEveryServiceOrToTheOneTheyName() {
    System.setProperty("mocks3.java-options", " -XX:TieredStopAtLevel=1  -Xss512k ");
    System.setProperty("mocks3.java-options.api-gateway", "-XX:TieredStopAtLevel=4");

    assertThat(StackServices.javaOptions(null)).containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
    assertThat(StackServices.javaOptions("api-gateway")).containsExactly("-XX:TieredStopAtLevel=4");
    assertThat(StackServices.javaOptions("storage-node-1")).isEmpty();
  }
}
