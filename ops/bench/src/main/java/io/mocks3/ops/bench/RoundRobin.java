package io.mocks3.ops.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs each workload on every target in turn, round after round (so drift on the machine hits them
 * alike), after an unmeasured warm-up. Around every round it watches the projector's lag when it
 * can, and lets a backlog drain before the next target runs, so that no target pays for another's.
 */
final class RoundRobin {

  /** How long rounds are and how many: {@code count} operations when positive, else {@code duration}. */
  record Rounds(int rounds, Duration duration, long count, Duration warmup, Duration progress) {
  }

  /** Where the run goes: the pool the clients run on, the progress ticker, the lag (or null) and the drain limit. */
  record Machinery(ExecutorService pool, ScheduledExecutorService ticker, ProjectorLag lag, Duration drainTimeout, URI controller) {
  }

  /** A target as one workload runs it: its connections of the workload's client kind. */
  record Leg(Target target, WorkloadRun run) {
  }

  private final Rounds rounds;
  private final Machinery machinery;
  private final Report report;
  private final PrintStream out;

  RoundRobin(Rounds rounds, Machinery machinery, Report report, PrintStream out) {
    this.rounds = rounds;
    this.machinery = machinery;
    this.report = report;
    this.out = out;
  }

  /** Runs one workload on every leg and adds its figures to the report. */
  void run(Workload workload, List<Leg> legs, String baseline) {
    List<Tally> tallies = new ArrayList<>();
    for (Leg leg : legs) {
      leg.run().prepare(machinery.pool());
      tallies.add(new Tally());
    }
    for (int round = rounds.warmup().isZero() ? 1 : 0; round <= rounds.rounds(); round++) {
      for (int t = 0; t < legs.size(); t++) {
        Tally tally = runRound(workload, legs.get(t), round);
        if (round > 0) {
          tallies.get(t).add(tally);
        }
      }
    }
    report.add(workload, legs.stream().map(l -> l.target().name()).toList(), tallies, baseline, out);
  }

  private Tally runRound(Workload workload, Leg leg, int round) {
    boolean measured = round > 0;
    String what = String.format(Locale.ROOT, "[%s] %s %s", leg.target().name(), workload.label(),
        measured ? "round " + round + "/" + rounds.rounds() : "warm-up");
    Duration length = measured ? rounds.duration() : rounds.warmup();
    long ops = measured ? rounds.count() : 0;
    leg.run().refill(machinery.pool(), ops > 0 ? ops : (long) workload.clients() * 250);
    LongAdder done = new LongAdder();
    long started = System.nanoTime();
    var tick = rounds.progress().isZero() ? null : machinery.ticker().scheduleAtFixedRate(() -> System.err.printf(Locale.ROOT,
        "%s: %d ops in %.0f s%n", what, done.sum(), (System.nanoTime() - started) / 1e9),
        rounds.progress().toMillis(), rounds.progress().toMillis(), TimeUnit.MILLISECONDS);
    LagWatch watch = machinery.lag() == null ? null : LagWatch.start(machinery.lag(), machinery.ticker());
    try (InactiveRules ignored = leg.target().inactiveRules() == 0 ? null
        : InactiveRules.install(machinery.controller(), leg.target().endpoint(), leg.target().inactiveRules())) {
      return leg.run().run(machinery.pool(), ops, length, done);
    } finally {
      if (tick != null) {
        tick.cancel(false);
      }
      if (watch != null) {
        LagWatch.During during = watch.stop();
        LagWatch.Drain drain = watch.drain(machinery.drainTimeout(), what);
        if (measured) {
          report.addLag(Report.Lag.of(workload.label(), leg.target().name(), round, during, drain), out);
        }
      }
    }
  }
}
