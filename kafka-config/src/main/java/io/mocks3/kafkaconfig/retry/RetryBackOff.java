package io.mocks3.kafkaconfig.retry;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private BackOffExecution execution;
  private int failures;
  private boolean wakeRequested;

  RetryBackOff(BackOff backOff, Counter attempts) {
    this.backOff = backOff;
    this.attempts = attempts;
  }

  /** Counts one more failure in a row (and a retry in {@code retry_attempts_total}); the wait before the next attempt. */
  public Duration failed() {
    attempts.increment();
    lock.lock();
    try {
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
    } finally {
      lock.unlock();
    }
  }

  /** An attempt went through: the next failure waits the initial delay again. */
  public void succeeded() {
    lock.lock();
    try {
      execution = null;
      failures = 0;
    } finally {
      lock.unlock();
    }
  }

  /** Failures in a row since the last success. */
  public int failures() {
    lock.lock();
    try {
      return failures;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits {@code delay} unless woken ({@link #wake()}, also before the wait began) or interrupted
   * (the interrupt is kept). True when the whole delay passed.
   */
  public boolean await(Duration delay) {
    long nanos = delay.toNanos();
    lock.lock();
    try {
      while (!wakeRequested && nanos > 0) {
        nanos = woken.awaitNanos(nanos);
      }
      boolean waitedOut = !wakeRequested;
      wakeRequested = false;
      return waitedOut;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the current wait, or the next one if none is under way. */
  public void wake() {
    lock.lock();
    try {
      wakeRequested = true;
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
