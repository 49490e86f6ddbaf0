package io.mocks3.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSelectorTest {
  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  private StackSettings settings() {
    return StackSettings.read(properties::get, env);
  }

  private StackSettings.Mode choose(boolean docker) {
    return new StackSelector(settings(), () -> docker).choose();
  }

  @Test
  void aRunningEndpointComesFirstThenDockerThenTheLocalStackAsProcesses() {
    env.put("MOCKS3_REPO", "/src/mocks3");
    assertThat(choose(true)).isEqualTo(StackSettings.Mode.CONTAINER);
    assertThat(choose(false)).isEqualTo(StackSettings.Mode.PROCESSES);
    env.put("MOCKS3_ENDPOINT", "http://localhost:8080");
    assertThat(choose(true)).isEqualTo(StackSettings.Mode.ENDPOINT);
  }

  @Test
  void withNowhereToRunItFailsSayingWhatToSet() {
    assertThatThrownBy(() -> choose(false)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mocks3.endpoint (or MOCKS3_ENDPOINT)")
        .hasMessageContaining("docker build --target all-in-one -t mocks3/all-in-one:")
        .hasMessageContaining("mocks3.repo (or MOCKS3_REPO)");
  }

  @Test
  void aForcedModeThatCannotRunSaysWhy() {
    properties.put("mocks3.mode", "container");
    env.put("MOCKS3_ENDPOINT", "http://localhost:8080");
    assertThatThrownBy(() -> choose(false)).hasMessageStartingWith("mocks3.mode=container, but no Docker engine answers");
    properties.put("mocks3.mode", "processes");
    assertThatThrownBy(() -> choose(true)).hasMessageStartingWith("mocks3.mode=processes needs mocks3.repo");
    properties.put("mocks3.mode", "Endpoint");
    assertThat(choose(true)).isEqualTo(StackSettings.Mode.ENDPOINT);
    properties.put("mocks3.mode", "cloud");
    assertThatThrownBy(this::settings).hasMessage("mocks3.mode=cloud is not a mode; use auto, endpoint, container or processes");
  }

  @Test
  void propertiesWinOverTheEnvironmentAndADevelopersStackSettingsAreNotTaken() {
    env.put("MOCKS3_REPO", "/env/repo");
    properties.put("mocks3.repo", "/property/repo");
    env.put("MOCKS3_HOME", "/home/dev/.mocks3");
    env.put("MOCKS3_PORT_OFFSET", "0");
    StackSettings s = settings();
    assertThat(s.repo()).isEqualTo(Path.of("/property/repo"));
    assertThat(s.home()).isEqualTo(Path.of("target/mocks3-stack"));
    assertThat(s.portOffset()).isEqualTo(20_000);
    properties.put("mocks3.port-offset", "forty");
    assertThatThrownBy(this::settings).hasMessageContaining("mocks3.port-offset=forty is not a whole number");
  }

  @Test
  void aRunningLocalStacksControlPlaneAndAgentsAreBesideItsGateway() throws Exception {
    env.put("MOCKS3_ENDPOINT", "http://localhost:18080");
    try (MockS3Stack stack = new StackSelector(settings(), () -> false).start()) {
      assertThat(stack.endpoint().s3()).isEqualTo(URI.create("http://localhost:18080"));
      assertThat(stack.endpoint().controlPlane()).isEqualTo(URI.create("http://localhost:18085"));
      assertThat(stack.endpoint().agents()).extracting(URI::getPort).containsExactly(18080, 18081, 18082, 18182, 18083);
    }
    env.put("MOCKS3_ENDPOINT", "http://mocks3.test:8080");
    env.put("MOCKS3_CONTROL_ENDPOINT", "http://mocks3.test:9000");
    try (MockS3Stack stack = new StackSelector(settings(), () -> false).start()) {
      assertThat(stack.endpoint().controlPlane()).isEqualTo(URI.create("http://mocks3.test:9000"));
      assertThat(stack.endpoint().agents()).as("a remote stack's agents are not reachable").isEmpty();
    }
  }

  @Test
  void aCheckoutWithoutABuiltLauncherIsRefusedWithTheBuildCommand(@TempDir Path repo) {
    properties.put("mocks3.repo", repo.toString());
    assertThatThrownBy(() -> new StackSelector(settings(), () -> false).start())
        .hasMessageContaining("ops/local-stack/target/local-stack.jar is missing")
        .hasMessageContaining("./mvnw -DskipTests install");
  }
}
