package io.mocks3.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The projector's lag around one measured run: sampled during it (does it stay bounded?), then, once
 * the load stops, followed until the backlog is gone: the drain rate, the commands the projector
 * applies per second with nothing else to do. Draining also keeps one run's backlog out of the next.
 */
final class LagWatch {
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
  private static final Duration DRAIN_POLL = Duration.ofMillis(50);
  /**
   * A drain shorter than this gives no rate: the lag is read every 50 ms and committed every 100 ms,
   * so a backlog gone in a few tenths of a second was timed to within a factor of two (0.4 s read
   * 8,828 commands/s where 40,000 commands drain at 7,700/s).
   */
  private static final Duration MIN_DRAIN_FOR_RATE = Duration.ofSeconds(2);

  private final ProjectorLag lag;
  private final List<ProjectorLag.Sample> samples = new ArrayList<>();
  private final ProjectorLag.Sample before;
  private final ScheduledFuture<?> sampling;

  /** The lag during a run: at its start, at most, at its end, and the log's and the projector's rates meanwhile. */
  record During(long atStart, long max, long atEnd, double appendedPerSecond, double appliedPerSecond) {
  }

  /** A backlog followed to its end once the load stopped; {@code perSecond} is NaN when it was too small to time. */
  record Drain(long backlog, long left, double seconds, double perSecond, boolean drained) {
  }

  private LagWatch(ProjectorLag lag, ScheduledExecutorService ticker) {
    this.lag = lag;
    this.before = lag.sample();
    this.sampling = ticker.scheduleAtFixedRate(this::sample, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  static LagWatch start(ProjectorLag lag, ScheduledExecutorService ticker) {
    return new LagWatch(lag, ticker);
  }

  private void sample() {
    ProjectorLag.Sample sample;
    try {
      sample = lag.sample();
    } catch (IllegalStateException e) {
      return; // a sample the broker did not answer in time is missing from the maximum, not fatal to the round
    }
    synchronized (samples) {
      samples.add(sample);
    }
  }

  /** Ends the sampling as the load ends. */
  During stop() {
    sampling.cancel(false);
    ProjectorLag.Sample last = lag.sample();
    long max = last.lag();
    synchronized (samples) {
      for (ProjectorLag.Sample s : samples) {
        max = Math.max(max, s.lag());
      }
    }
    double seconds = (last.nanos() - before.nanos()) / 1e9;
    return new During(before.lag(), Math.max(max, before.lag()), last.lag(), (last.end() - before.end()) / seconds,
        (last.committed() - before.committed()) / seconds);
  }

  /**
   * Waits (up to {@code timeout}) until the lag is back to what it was before the run, then until the
   * storage nodes have stored every blob of the log (not timed: the drain rate is the projector's).
   */
  Drain drain(Duration timeout, String what) {
    ProjectorLag.Sample first = lag.sample();
    long idle = before.lag();
    long deadline = first.nanos() + timeout.toNanos();
    long nextProgress = first.nanos() + Duration.ofSeconds(5).toNanos();
    ProjectorLag.Sample now = first;
    while (now.lag() > idle && now.nanos() < deadline) {
      pause();
      now = lag.sample();
      if (now.nanos() > nextProgress) {
        System.err.printf(Locale.ROOT, "%s: projector lag %d, draining%n", what, now.lag());
        nextProgress = now.nanos() + Duration.ofSeconds(5).toNanos();
      }
    }
    double seconds = (now.nanos() - first.nanos()) / 1e9;
    long applied = now.committed() - first.committed();
    long backlog = first.lag() - idle;
    double rate = seconds >= MIN_DRAIN_FOR_RATE.toNanos() / 1e9 ? applied / seconds : Double.NaN;
    awaitStorage(deadline, what);
    return new Drain(backlog, now.lag() - idle, seconds, rate, now.lag() <= idle);
  }

  private void awaitStorage(long deadline, String what) {
    long blobs;
    try {
      blobs = lag.awaitStorage(deadline, what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (blobs > 0) {
      System.err.printf(Locale.ROOT, "%s: the storage nodes are still %d blob chunks behind; going on%n", what, blobs);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(DRAIN_POLL.toMillis()); // polling the broker's offsets, not synchronizing threads
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
