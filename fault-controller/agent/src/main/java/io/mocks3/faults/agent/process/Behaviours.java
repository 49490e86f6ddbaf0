package io.mocks3.faults.agent.process;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios that change how the service answers rather than what it consumes; the
 * {@link ProcessScenarioFilter} asks them on each request.
 */
final class Behaviours {
  private Behaviours() {}

  /** {@code network_latency {latency_ms}}: added to every HTTP request the service serves. */
  static final class NetworkLatency implements Scenario {
    final long latencyMs;
    final AtomicLong delayed = new AtomicLong();

    NetworkLatency(Params params) {
      this.latencyMs = (long) params.number("latency_ms", 100, 1, 60_000);
    }

    @Override
    public Map<String, Object> metrics() {
      return Map.of("latency_ms", latencyMs, "requests_delayed", delayed.get());
    }

    @Override
    public void stop() {}
  }

  /**
   * {@code health_check {failure_mode, status_code, fail_rate, delay_ms}}: {@code /health} and
   * {@code /ready} answer {@code status_code} (503) always, at {@code fail_rate} (intermittent),
   * or only after {@code delay_ms} (delayed).
   */
  static final class HealthCheck implements Scenario {
    final String mode;
    final int status;
    final double failRate;
    final long delayMs;
    final AtomicLong checks = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    HealthCheck(Params params) {
      this.mode = params.text("failure_mode", "always", "always", "intermittent", "delayed");
      this.status = (int) params.number("status_code", 503, 400, 599);
      this.failRate = params.number("fail_rate", 0.5, 0, 1);
      this.delayMs = (long) params.number("delay_ms", 5_000, 0, 600_000);
    }

    /** The status this check fails with, or 0 to answer normally (after any delay, which this applies). */
    int verdict() throws InterruptedException {
      checks.incrementAndGet();
      boolean fail = switch (mode) {
        case "always" -> true;
        case "intermittent" -> ThreadLocalRandom.current().nextDouble() < failRate;
        default -> {
          Thread.sleep(delayMs);
          yield false;
        }
      };
      if (fail) {
        failed.incrementAndGet();
      }
      return fail ? status : 0;
    }

    @Override
    public Map<String, Object> metrics() {
      return Map.of("failure_mode", mode, "status_code", status, "checks", checks.get(), "failed", failed.get());
    }

    @Override
    public void stop() {}
  }

  /** {@code dependency {failure_type: timeout|error|slow}}: how {@code GET /api/v1/mock-service} fails. */
  static final class Dependency implements Scenario {
    final String type;
    final long delayMs;
    final int status;
    final AtomicLong calls = new AtomicLong();

    Dependency(Params params) {
      this.type = params.text("failure_type", "error", "timeout", "error", "slow");
      this.delayMs = (long) params.number("delay_ms", type.equals("timeout") ? 30_000 : 2_000, 0, 600_000);
      this.status = (int) params.number("status_code", type.equals("timeout") ? 504 : 500, 400, 599);
    }

    @Override
    public Map<String, Object> metrics() {
      return Map.of("failure_type", type, "calls", calls.get());
    }

    @Override
    public void stop() {}
  }

  /** {@code crash {crash_delay}}: the process halts (exit status 137, no shutdown hooks, as a kill would) after the delay. */
  static final class Crash implements Scenario {
    final long delayMs;
    final long at;
    private final ScheduledExecutorService timer = Daemons.ticker("mocks3-crash");

    Crash(Params params, long remainingMs) {
      this.delayMs = (long) (params.number("crash_delay", 5, 0, 86_400) * 1000);
      this.at = System.currentTimeMillis() + Math.min(delayMs, remainingMs);
      timer.schedule(() -> {
        System.err.println("mocks3: crash scenario: halting the process now");
        Runtime.getRuntime().halt(137);
      }, Math.min(delayMs, remainingMs), TimeUnit.MILLISECONDS);
    }

    @Override
    public Map<String, Object> metrics() {
      return Map.of("crash_in_ms", Math.max(0, at - System.currentTimeMillis()));
    }

    @Override
    public void stop() {
      timer.shutdownNow();
    }
  }
}
