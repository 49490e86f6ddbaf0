package io.mocks3.ops.stack;

import static io.mocks3.ops.stack.ComposeFile.list;
import static io.mocks3.ops.stack.ComposeFile.map;
import static io.mocks3.ops.stack.ComposeFile.module;
import static io.mocks3.ops.stack.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What `docker compose up` / `down` / `up` does with the stack, checked on the file: state survives
 * on volumes, images do not drift, and each service starts only once what it needs answers.
 */
class ComposeStartupTest {
  /** A tag naming at least major.minor (17.6, v1.5.0, 25.0.3_9-jre-noble), not a moving 17 or latest. */
  static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+([._-][0-9A-Za-z._-]+)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m)");
  /** Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase: graceful shutdown may take this long. */
  private static final Duration SPRING_SHUTDOWN = Duration.ofSeconds(30);

  @Test
  void kafkaWritesItsLogWhereItsVolumeIsMounted() throws IOException {
    Map<String, Object> kafka = services().get("kafka");
    Object logDirs = map(kafka, "environment").get("KAFKA_LOG_DIRS");
    assertThat(logDirs).as("KAFKA_LOG_DIRS: without it the broker logs to its image's default under /tmp").isNotNull();
    List<String> mounts = namedVolumeTargets(kafka);
    for (String dir : logDirs.toString().split(",")) {
      assertThat(mounts).as("log dir %s is on a named volume", dir).contains(dir.strip());
    }
  }

  @Test
  void everyImageIsPinnedToAnExactVersion() throws IOException {
    for (var service : services().entrySet()) {
      Object image = service.getValue().get("image");
      if (image == null) {
        assertThat(module(service.getValue())).as("%s has neither image nor build", service.getKey()).isNotNull();
        continue;
      }
      assertThat(isPinned(image.toString())).as("%s: image %s is not pinned to an exact version", service.getKey(), image)
          .isTrue();
    }
  }

  @Test
  void everyServiceHasAHealthcheck() throws IOException {
    for (var service : services().entrySet()) {
      List<String> test = list(map(service.getValue(), "healthcheck"), "test");
      assertThat(test).as("%s: healthcheck.test", service.getKey()).hasSizeGreaterThan(1);
      assertThat(test.get(0)).as(service.getKey()).isIn("CMD", "CMD-SHELL");
    }
  }

  @Test
  void mockS3ServicesProbeTheirOwnHealthEndpointWithToolsTheJreImageHas() throws IOException {
    for (var service : services().entrySet()) {
      if (module(service.getValue()) == null) {
        continue;
      }
      assertThat(map(service.getValue(), "environment")).as(service.getKey()).containsKey("SERVER_PORT");
      String probe = String.join(" ", list(map(service.getValue(), "healthcheck"), "test"));
      assertThat(probe).as(service.getKey()).contains("GET /health", "${SERVER_PORT}")
          .doesNotContain("curl", "wget");
    }
  }

  @Test
  void everyDependencyWaitsUntilItsTargetIsHealthy() throws IOException {
    Map<String, Map<String, Object>> services = services();
    for (var service : services.entrySet()) {
      Object dependsOn = service.getValue().get("depends_on");
      if (dependsOn == null) {
        continue;
      }
      assertThat(dependsOn).as("%s: depends_on as a list only waits for the start", service.getKey()).isInstanceOf(Map.class);
      for (var target : map(service.getValue(), "depends_on").entrySet()) {
        assertThat(services).as("%s depends on %s", service.getKey(), target.getKey()).containsKey(target.getKey());
        assertThat(map(services.get(target.getKey()), "healthcheck")).as(target.getKey()).isNotEmpty();
        assertThat(((Map<?, ?>) target.getValue()).get("condition")).as("%s -> %s", service.getKey(), target.getKey())
            .isEqualTo("service_healthy");
      }
    }
  }

  @Test
  void servicesReadingTheSchemaWaitForTheProjectorThatMigratesIt() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(map(services.get("metadata-projector"), "depends_on")).containsKeys("kafka", "postgres");
    for (var service : services.entrySet()) {
      if (module(service.getValue()) == null) {
        continue;
      }
      assertThat(map(service.getValue(), "depends_on")).as(service.getKey()).containsKey("kafka");
      boolean readsTheSchema = map(service.getValue(), "environment").containsKey("SPRING_DATASOURCE_URL");
      if (readsTheSchema && !service.getKey().equals("metadata-projector")) {
        assertThat(map(service.getValue(), "depends_on")).as(service.getKey()).containsKeys("postgres", "metadata-projector");
      }
    }
  }

  @Test
  void everyServiceWithStateStopsWithinAGracePeriod() throws IOException {
    for (var service : services().entrySet()) {
      if (namedVolumeTargets(service.getValue()).isEmpty()) {
        continue;
      }
      Object grace = service.getValue().get("stop_grace_period");
      assertThat(grace).as("%s keeps state on a volume: stop_grace_period", service.getKey()).isNotNull();
      if (module(service.getValue()) != null) {
        assertThat(duration(grace.toString())).as(service.getKey()).isGreaterThan(SPRING_SHUTDOWN);
      }
    }
  }

  @Test
  void theTagRuleRejectsMovingTags() {
    assertThat(isPinned("postgres:17.6")).isTrue();
    assertThat(isPinned("kafbat/kafka-ui:v1.5.0")).isTrue();
    assertThat(isPinned("localhost:5000/eclipse-temurin:25.0.3_9-jre-noble")).isTrue();
    assertThat(isPinned("postgres:17")).isFalse();
    assertThat(isPinned("kafbat/kafka-ui:latest")).isFalse();
    assertThat(isPinned("localhost:5000/redis")).isFalse();
  }

  static boolean isPinned(String image) {
    String name = image.substring(image.lastIndexOf('/') + 1);
    int colon = name.indexOf(':');
    return colon > 0 && EXACT_TAG.matcher(name.substring(colon + 1)).matches();
  }

  /** Mount targets of named volumes (not the read-only bind mounts of configuration files). */
  private static List<String> namedVolumeTargets(Map<String, Object> service) {
    return list(service, "volumes").stream()
        .map(mount -> Arrays.asList(mount.split(":")))
        .filter(parts -> !parts.get(0).startsWith(".") && !parts.get(0).startsWith("/"))
        .map(parts -> parts.get(1))
        .toList();
  }

  private static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    assertThat(m.matches()).as("duration %s", text).isTrue();
    long amount = Long.parseLong(m.group(1));
    return m.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
  }
}
