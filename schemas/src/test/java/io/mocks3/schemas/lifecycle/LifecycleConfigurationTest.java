package io.mocks3.schemas.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Filter;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Rule;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
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

  private static final Duration DAY = Duration.ofHours(24);

  private static Rule expiring(String id, boolean enabled, String prefix, Integer days, Instant date) {
    return new Rule(id, enabled, new Filter(prefix, null, null, null), days, date, null, null, null, null, null, null);
  }

  @Test
  void anObjectExpiresItsDaysAfterItWasWritten_RoundedUpToTheNextMidnightUtc_AsS3Counts() {
    // S3's own example: written 10:30 UTC on 15 January 2014, 3 days: expires at midnight on the 19th.
    LifecycleConfiguration config = new LifecycleConfiguration(List.of(expiring("three", true, "", 3, null)));
    assertThat(config.expiryOf("k", 1, Map.of(), Instant.parse("2014-01-15T10:30:00Z"), DAY))
        .contains(new Expiry(Instant.parse("2014-01-19T00:00:00Z"), "three"));
    assertThat(config.expiryOf("k", 1, Map.of(), Instant.parse("2014-01-15T00:00:00Z"), DAY))
        .as("written at midnight").contains(new Expiry(Instant.parse("2014-01-18T00:00:00Z"), "three"));
    // A test's 2-second day: midnights are the even seconds.
    assertThat(config.expiryOf("k", 1, Map.of(), Instant.parse("2026-12-07T10:00:01.250Z"), Duration.ofSeconds(2)))
        .contains(new Expiry(Instant.parse("2026-12-07T10:00:08Z"), "three"));
  }

  @Test
  void theEarliestEnabledMatchingExpirationNamesTheExpiry_AndNoneMeansNoExpiry() {
    Instant date = Instant.parse("2030-01-01T00:00:00Z");
    Instant written = Instant.parse("2029-12-20T12:00:00Z");
    LifecycleConfiguration config = new LifecycleConfiguration(List.of(
        expiring("logs-30", true, "logs/", 30, null),
        expiring("by-date", true, "logs/", null, date),
        expiring("off", false, "", 1, null),
        new Rule("noncurrent-only", true, null, null, null, null, 1, null, null, null, null)));
    assertThat(config.expiryOf("logs/a", 1, Map.of(), written, DAY)).contains(new Expiry(date, "by-date"));
    assertThat(config.expiryOf("logs/a", 1, Map.of(), Instant.parse("2029-11-01T12:00:00Z"), DAY))
        .contains(new Expiry(Instant.parse("2029-12-02T00:00:00Z"), "logs-30"));
    assertThat(config.expiryOf("data/a", 1, Map.of(), written, DAY)).as("no enabled expiration matches").isEmpty();
  }

  @Test
  void theSweepsCutoffAgreesWithTheExpiry_OnEitherSideOfEveryMidnight() {
    SplittableRandom random = new SplittableRandom(22);
    for (Duration day : List.of(DAY, Duration.ofSeconds(2), Duration.ofMillis(1500))) {
      LifecycleConfiguration config = new LifecycleConfiguration(List.of(expiring("r", true, "", 2, null)));
      for (int i = 0; i < 20_000; i++) {
        Instant written = Instant.ofEpochSecond(1_800_000_000L).plusNanos(random.nextLong(day.toNanos() * 8));
        // Now near a midnight (within a millisecond of it), or anywhere.
        Instant now = i % 2 == 0 ? written.plus(day.multipliedBy(2)).plusNanos(random.nextLong(-day.toNanos(), day.toNanos()))
            : LifecycleConfiguration.midnightAfter(written.plus(day.multipliedBy(2)), day).plusNanos(random.nextLong(-1_000_000, 1_000_000));
        Optional<Expiry> expiry = config.expiryOf("k", 1, Map.of(), written, day);
        boolean expired = !expiry.orElseThrow().at().isAfter(now);
        boolean swept = !written.isAfter(LifecycleConfiguration.expiredIfWrittenBy(now, 2, day));
        assertThat(swept).as("written %s, now %s, day %s, expiry %s", written, now, day, expiry).isEqualTo(expired);
      }
    }
  }
}
