package io.mocks3.kafkaconfig.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOffExecution;

class RetriesTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private static RetryProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bind("mocks3", RetryProperties.class).get();
  }

  private Retries retries() {
    return new Retries(bind(Map.of(
        "mocks3.retries.reads.max-attempts", "3", "mocks3.retries.reads.initial-delay", "1ms",
        "mocks3.retries.reads.multiplier", "2", "mocks3.retries.reads.max-delay", "PT0.004S",
        "mocks3.retries.ingest.initial-delay", "100ms", "mocks3.retries.ingest.multiplier", "2",
        "mocks3.retries.ingest.max-delay", "5s")), meters);
  }

  private double retried(String task) {
    var counter = meters.find("retry.attempts").tag("task", task).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void durationsAreReadAsSpringReadsThem_WithAUnit_InIso8601_OrAsBareMilliseconds() {
    RetryProperties properties = bind(Map.of(
        "mocks3.retries.a.max-attempts", "5", "mocks3.retries.a.initial-delay", "50ms", "mocks3.retries.a.multiplier", "2",
        "mocks3.retries.a.max-delay", "PT1S",
        "mocks3.retries.b.initial-delay", "1000", "mocks3.retries.b.multiplier", "1.5", "mocks3.retries.b.max-delay", "30s"));
    assertThat(properties.policy("a")).isEqualTo(new RetrySettings(5, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)));
    assertThat(properties.policy("b")).isEqualTo(new RetrySettings(null, Duration.ofSeconds(1), 1.5, Duration.ofSeconds(30)));
  }

  @Test
  void anEnvironmentVariableOverridesOneSetting() {
    var yaml = new MapConfigurationPropertySource(Map.of("mocks3.retries.tasks.max-attempts", "4",
        "mocks3.retries.tasks.initial-delay", "1s", "mocks3.retries.tasks.multiplier", "2", "mocks3.retries.tasks.max-delay", "30s"));
    var env = ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        Map.of("MOCKS3_RETRIES_TASKS_MAXATTEMPTS", "9", "MOCKS3_RETRIES_TASKS_INITIALDELAY", "250ms")));
    List<ConfigurationPropertySource> sources = new ArrayList<>();
    env.forEach(sources::add);
    sources.add(yaml);
    RetryProperties properties = new Binder(sources).bind("mocks3", RetryProperties.class).get();
    assertThat(properties.policy("tasks")).isEqualTo(new RetrySettings(9, Duration.ofMillis(250), 2.0, Duration.ofSeconds(30)));
  }

  @Test
  void anImpossiblePolicyStopsTheServiceNamingEveryBadProperty() {
    assertThatThrownBy(() -> bind(Map.of("mocks3.retries.tasks.max-attempts", "0", "mocks3.retries.tasks.initial-delay", "1s",
        "mocks3.retries.tasks.multiplier", "0.5", "mocks3.retries.tasks.max-delay", "100ms")))
        .isInstanceOf(BindException.class).rootCause()
        .hasMessageContaining("mocks3.retries.tasks.max-attempts must be at least 1")
        .hasMessageContaining("mocks3.retries.tasks.multiplier must be at least 1")
        .hasMessageContaining("mocks3.retries.tasks.max-delay must be a duration no shorter than initial-delay");
    assertThatThrownBy(() -> bind(Map.of("mocks3.retries.tasks.multiplier", "2")))
        .rootCause().hasMessageContaining("mocks3.retries.tasks.initial-delay must be a positive duration");
  }

  @Test
  void aPolicyTheServiceDoesNotConfigureIsNamedWithTheFix() {
    assertThatThrownBy(() -> retries().template("projection"))
        .hasMessageContaining("no retry policy mocks3.retries.projection")
        .hasMessageContaining("application.yaml");
  }

  @Test
  void theLibrarysBackOffWaitsAsTheHandWrittenShiftsDid() {
    BackOffExecution execution = new RetrySettings(null, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5)).backOff().start();
    for (int failures = 1; failures <= 14; failures++) {
      assertThat(execution.nextBackOff()).as("failure %d", failures).isEqualTo(Math.min(5_000, 100L << Math.min(failures - 1, 10)));
    }
  }

  @Test
  void aCallSitesPolicyStopsAfterMaxAttempts() {
    BackOffExecution execution = new RetrySettings(7, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)).backOff().start();
    List<Long> waits = new ArrayList<>();
    for (long next; (next = execution.nextBackOff()) != BackOffExecution.STOP; ) {
      waits.add(next);
    }
    assertThat(waits).containsExactly(50L, 100L, 200L, 400L, 800L, 1000L);
  }

  @Test
  void theTemplateRetriesOnlyWhatItIsToldToAndCountsEachRetry() {
    RetryTemplate template = retries().template("reads", IOException.class);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> template.execute(() -> {
      calls.incrementAndGet();
      throw new IOException("not yet");
    })).isInstanceOf(RetryException.class).hasCauseInstanceOf(IOException.class);
    assertThat(calls).hasValue(3);
    assertThat(retried("reads")).isEqualTo(2);

    calls.set(0);
    assertThatThrownBy(() -> template.execute(() -> {
      calls.incrementAndGet();
      throw new IllegalStateException("not retried");
    })).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(1);
    assertThat(retried("reads")).isEqualTo(2);
  }

  @Test
  void aLoopKeepsGoingCountsEachFailureAndStartsOverAfterASuccess() {
    RetryBackOff loop = retries().loop("ingest");
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waits.add(loop.failed().toMillis());
    }
    assertThat(waits).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    assertThat(loop.failures()).isEqualTo(8);
    loop.succeeded();
    assertThat(loop.failures()).isZero();
    assertThat(loop.failed()).isEqualTo(Duration.ofMillis(100));
    assertThat(retried("ingest")).isEqualTo(9);
  }

  @Test
  void aLoopIgnoresMaxAttempts() {
    RetryBackOff loop = retries().loop("reads");
    for (int i = 0; i < 10; i++) {
      assertThat(loop.failed()).isPositive();
    }
  }

  @Test
  void givenALoopWaiting30s_WhenWoken_ThenTheWaitEndsAtOnce() throws Exception {
    RetryBackOff loop = retries().loop("ingest");
    CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> loop.await(Duration.ofSeconds(30)));
    loop.wake();
    assertThat(waited.get(2, TimeUnit.SECONDS)).as("cut short").isFalse();
    // The wake was used up: the next wait is waited out.
    assertThat(loop.await(Duration.ofMillis(20))).isTrue();
  }

  @Test
  void anInterruptEndsTheWaitAndIsKept() {
    RetryBackOff loop = retries().loop("ingest");
    Thread.currentThread().interrupt();
    try {
      assertThat(loop.await(Duration.ofSeconds(30))).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
