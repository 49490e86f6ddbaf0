package io.mocks3.kafkaconfig.retry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * How a service retries, from its named policies ({@link RetryProperties}): a {@link RetryTemplate}
 * for a call site that gives up after {@code max-attempts}, a {@link RetryBackOff} for a loop that
 * keeps going. Every retry is counted in one metric, {@code retry_attempts_total{task}}, the task
 * being the policy's name (or, for the task workers' retry topics, the task's).
 */
public final class Retries {
  private static final Logger log = LoggerFactory.getLogger(Retries.class);
  private final RetryProperties properties;
  private final MeterRegistry meters;

  public Retries(RetryProperties properties, MeterRegistry meters) {
    this.properties = properties;
    this.meters = meters;
  }

  public RetrySettings policy(String name) {
    return properties.policy(name);
  }

  /**
   * A template that retries the {@code retryOn} failures (any, when none is named) as policy
   * {@code name} says, counting each retry. Its waits end early when the calling thread is interrupted.
   */
  @SafeVarargs
  public final RetryTemplate template(String name, Class<? extends Throwable>... retryOn) {
    RetryTemplate template = new RetryTemplate(policy(name).policy(retryOn));
    Counter attempts = attempts(name);
    template.setRetryListener(new RetryListener() {
      @Override
      public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
        attempts.increment();
        log.info("{}: attempt {} failed, retrying: {}", name, state.getRetryCount() + 1, state.getLastException().toString());
      }
    });
    return template;
  }

  /** The back-off of a loop that retries policy {@code name} until it succeeds or is closed; max-attempts does not apply. */
  public RetryBackOff loop(String name) {
    return new RetryBackOff(policy(name), attempts(name));
  }

  /** Counts a retry made elsewhere (a task's later attempt on its retry topic). */
  public void retried(String task) {
    attempts(task).increment();
  }

  private Counter attempts(String task) {
    return Counter.builder("retry.attempts").description("attempts after a failure, by task").tag("task", task)
        .register(meters);
  }
}
