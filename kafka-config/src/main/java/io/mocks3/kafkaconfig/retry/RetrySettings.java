package io.mocks3.kafkaconfig.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One named retry policy, {@code mocks3.retries.<name>.*}: the first wait is {@code initialDelay},
 * each next one {@code multiplier} times longer, none longer than {@code maxDelay}. Durations are
 * read as Spring reads them ({@code 50ms}, {@code 1s}, {@code PT1S}; a bare number is milliseconds).
 *
 * @param maxAttempts attempts in all, the first included, for call sites that give up; null for a
 *     loop that keeps going until it succeeds or is closed (ingest, cache write, CDC restart)
 */
public record RetrySettings(Integer maxAttempts, Duration initialDelay, Double multiplier, Duration maxDelay) {

  /** What is wrong with these settings, each naming its property under {@code prefix}; empty when nothing. */
  public List<String> problems(String prefix) {
    List<String> problems = new ArrayList<>();
    if (maxAttempts != null && maxAttempts < 1) {
      problems.add(prefix + ".max-attempts must be at least 1 (the first attempt counts), was " + maxAttempts);
    }
    if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
      problems.add(prefix + ".initial-delay must be a positive duration such as 100ms, was " + initialDelay);
    }
    if (multiplier == null || multiplier < 1) {
      problems.add(prefix + ".multiplier must be at least 1, was " + multiplier);
    }
    if (maxDelay == null || (initialDelay != null && maxDelay.compareTo(initialDelay) < 0)) {
      problems.add(prefix + ".max-delay must be a duration no shorter than initial-delay, was " + maxDelay);
    }
    return problems;
  }

  /** The library's exponential back-off of these settings; it stops after {@code maxAttempts - 1} waits, or never. */
  public ExponentialBackOff backOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(initialDelay.toMillis(), multiplier);
    backOff.setMaxInterval(maxDelay.toMillis());
    if (maxAttempts != null) {
      backOff.setMaxAttempts(maxAttempts - 1L);
    }
    return backOff;
  }

  /** The same waits without an end, for a loop that keeps going; max-attempts does not apply. */
  public ExponentialBackOff endlessBackOff() {
    return new RetrySettings(null, initialDelay, multiplier, maxDelay).backOff();
  }

  /** A retry policy for a call site: retries the {@code retryOn} failures (any, when none is named) with {@link #backOff()}. */
  @SafeVarargs
  public final RetryPolicy policy(Class<? extends Throwable>... retryOn) {
    if (maxAttempts == null) {
      throw new IllegalStateException("a call site's retry policy needs max-attempts; only loops retry without end");
    }
    return RetryPolicy.builder().backOff(backOff()).includes(retryOn).build();
  }
}
