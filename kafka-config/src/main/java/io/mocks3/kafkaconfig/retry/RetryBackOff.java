package io.mocks3.kafkaconfig.retry;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The back-off of a loop that retries until it succeeds or is closed (blob ingest, cache write, CDC
 * restart): each {@link #failed()} counts a retry and takes the next wait from the library's
 * {@link BackOffExecution}; {@link #succeeded()} starts the sequence again. The wait is never waited
 * out by force: {@link #wake()} (shutdown, the fault kill switch) or an interrupt ends it at once.
 * Safe to use from several threads (a CDC engine reports success on its own).
 */
public final class RetryBackOff {
  private final BackOff backOff;
  private final Counter attempts;
  /** The current sequence of waits; null until the first failure after a success. */
  private BackOffExecution execution;
  private int failures;
  /** Set by {@link #wake()}, used up by the wait it ends (or by the next one). */
  private boolean wakeRequested;

  RetryBackOff(RetrySettings settings, Counter attempts) {
    this.backOff = settings.endlessBackOff();
    this.attempts = attempts;
  }

  /** Counts one more failure in a row (and a retry in {@code retry_attempts_total}); the wait before the next attempt. */
  public synchronized Duration failed() {
    attempts.increment();
    if (execution == null) {
      execution = backOff.start();
    }
    failures++;
    long next = execution.nextBackOff();
    if (next == BackOffExecution.STOP) {
      // Only a back-off with an end stops; a loop goes on, starting the sequence again.
      execution = backOff.start();
      next = execution.nextBackOff();
    }
    return Duration.ofMillis(next);
  }

  /** An attempt went through: the next failure waits the initial delay again. */
  public synchronized void succeeded() {
    execution = null;
    failures = 0;
  }

  /** Failures in a row since the last success. */
  public synchronized int failures() {
    return failures;
  }

  /**
   * Waits {@code delay} unless woken ({@link #wake()}, also before the wait began) or interrupted
   * (the interrupt is kept). True when the whole delay passed.
   */
  public synchronized boolean await(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    try {
      for (long left = delay.toNanos(); !wakeRequested && left > 0; left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      wakeRequested = false;
      return false;
    }
    boolean waitedOut = !wakeRequested;
    wakeRequested = false;
    return waitedOut;
  }

  /** Ends the current wait, or the next one if none is under way. */
  public synchronized void wake() {
    wakeRequested = true;
    notifyAll();
  }
}
