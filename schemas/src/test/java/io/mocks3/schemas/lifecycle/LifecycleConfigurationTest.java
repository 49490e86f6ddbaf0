package io.mocks3.schemas.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Filter;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleConfigurationTest {

  @Test
  void aFilterNeedsItsPrefix_EveryTag_AndTheSizeStrictlyBetweenItsBounds() {
    Filter filter = new Filter("logs/", Map.of("tier", "scratch", "team", "a"), 10L, 100L);
    Map<String, String> tags = Map.of("tier", "scratch", "team", "a", "extra", "x");
    assertThat(filter.matches("logs/1", 50, tags)).isTrue();
    assertThat(filter.matches("data/1", 50, tags)).as("prefix").isFalse();
    assertThat(filter.matches("logs/1", 50, Map.of("tier", "scratch"))).as("a tag missing").isFalse();
    assertThat(filter.matches("logs/1", 50, Map.of("tier", "scratch", "team", "b"))).as("a tag differs").isFalse();
    assertThat(filter.matches("logs/1", 10, tags)).as("not greater than 10").isFalse();
    assertThat(filter.matches("logs/1", 100, tags)).as("not less than 100").isFalse();
    assertThat(Filter.ALL.matches("anything", 0, null)).isTrue();
  }

  @Test
  void aRuleExpiresOnlyWithAnActionMockS3ActsOn_AndSurvivesJson() throws Exception {
    Rule transitionOnly = new Rule("t", true, null, null, null, null, null, null,
        List.of(Map.of("Days", "30", "StorageClass", "GLACIER")), null, null);
    Rule expiring = new Rule("e", true, new Filter("tmp/", null, null, null), 3, null, null, 7, 1, null, null, true);
    assertThat(transitionOnly.expires()).isFalse();
    assertThat(expiring.expires()).isTrue();
    LifecycleConfiguration config = new LifecycleConfiguration(List.of(transitionOnly, expiring,
        new Rule("d", false, null, null, Instant.parse("2030-01-01T00:00:00Z"), null, null, null, null, null, false)));
    LifecycleConfiguration read = Json.mapper().readValue(Json.mapper().writeValueAsString(config), LifecycleConfiguration.class);
    assertThat(read).isEqualTo(config);
  }
}
