package io.mocks3.faults.agent.process;

import io.mocks3.schemas.fault.Durations;
import io.mocks3.schemas.fault.ProcessOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process scenarios of one service: make this JVM misbehave on purpose (burn CPU, leak memory
 * or threads, write to disk, answer slowly, fail its health check, crash, fail as a dependency),
 * singly or as a composite, each optionally for a duration after which it ends by itself. Stopping
 * a scenario frees what it holds. Driven by {@link ProcessScenarioFilter} (REST, on the service's
 * own port) and by the fault controller through {@code mocks3.faults} ({@link #apply}).
 */
public final class ProcessScenarios implements AutoCloseable {
  public static final List<String> NAMES = List.of("cpu_burner", "memory_leaker", "network_latency", "health_check",
      "thread_leak", "disk_io", "crash", "dependency");
  private static final Logger log = LoggerFactory.getLogger(ProcessScenarios.class);
  private final ProcessSettings settings;
  private final Map<String, Active> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers = Daemons.ticker("mocks3-scenario-timers");
  private volatile Composite composite;
  private volatile boolean killed;

  private record Active(String name, Map<String, Object> params, Instant startedAt, Instant endsAt, Scenario scenario,
      ScheduledFuture<?> end) {}

  private record Composite(String session, Instant startedAt, Instant endsAt, List<Map<String, Object>> results) {}

  public ProcessScenarios(ProcessSettings settings) {
    this.settings = settings;
  }

  public ProcessSettings settings() {
    return settings;
  }

  /**
   * A scenario's duration as a request carries it: seconds as a number, or text such as
   * {@code "30s"} or {@code "PT2M"} ({@link Durations}); null: until stopped.
   *
   * @throws IllegalArgumentException ("duration: ...") when it is not a positive duration
   */
  public static Duration duration(Object json) {
    Duration d;
    try {
      d = Durations.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("duration: " + e.getMessage(), e);
    }
    if (d != null && d.isZero()) {
      throw new IllegalArgumentException("duration: must be positive (" + Durations.EXAMPLES + ")");
    }
    return d;
  }

  /** {@link #duration} in whole seconds, as a {@link ProcessOrder.Step} holds it. */
  public static Long stepSeconds(Object json) {
    Duration d = duration(json);
    if (d == null) {
      return null;
    }
    if (d.toNanosPart() != 0) {
      throw new IllegalArgumentException("duration: process scenarios run for whole seconds, not " + json);
    }
    return d.toSeconds();
  }

  /**
   * The kill switch: engaged, it stops every running scenario at once and refuses new ones until it
   * is released (an order that arrives meanwhile is ignored, as one whose time ran out).
   */
  public synchronized void killSwitch(boolean engaged) {
    killed = engaged;
    if (engaged) {
      log.warn("kill switch engaged: stopping every process scenario");
      stopComposite();
    }
  }

  /** Refused (with why) when scenarios are off, or when it is a crash and crashes are not allowed. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Starts (or restarts, replacing the running one) scenario {@code name}.
   *
   * @param duration after it, the scenario ends by itself; null: until stopped
   * @throws IllegalArgumentException for an unknown scenario or bad parameters
   * @throws Refused when not allowed
   */
  public synchronized Map<String, Object> start(String name, Map<String, Object> params, Duration duration) {
    return start(name, params, duration, Long.MAX_VALUE);
  }

  private Map<String, Object> start(String name, Map<String, Object> params, Duration duration, long crashWithinMs) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
    }
    refuseWhileOffOrKilled();
    if (name.equals("crash") && !settings.crashEnabled()) {
      throw new Refused("the crash scenario is off in this service (mocks3.process.crash-enabled=false)");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("duration must be a positive number of seconds");
    }
    stop(name);
    Params p = new Params(params);
    Scenario scenario = switch (name) {
      case "cpu_burner" -> new CpuBurner(p);
      case "memory_leaker" -> new MemoryLeaker(p, settings.maxMemoryMb());
      case "thread_leak" -> new ThreadLeak(p, settings.maxThreads());
      case "disk_io" -> {
        try {
          yield new DiskIo(p, settings.maxDiskMb(), settings.scratchDir());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case "network_latency" -> new Behaviours.NetworkLatency(p);
      case "health_check" -> new Behaviours.HealthCheck(p);
      case "dependency" -> new Behaviours.Dependency(p);
      default -> new Behaviours.Crash(p, crashWithinMs);
    };
    Instant now = Instant.now();
    ScheduledFuture<?> end = duration == null ? null : timers.schedule(() -> {
      log.info("scenario {} ran its {} s and ends", name, duration.toSeconds());
      stopIfSame(name, scenario);
    }, duration.toMillis(), TimeUnit.MILLISECONDS);
    Active active = new Active(name, params == null ? Map.of() : Map.copyOf(params), now,
        duration == null ? null : now.plus(duration), scenario, end);
    running.put(name, active);
    log.warn("process scenario {} started with {}{}", name, active.params(), duration == null ? "" : " for " + duration.toSeconds() + " s");
    return status(name);
  }

  private synchronized void stopIfSame(String name, Scenario scenario) {
    Active active = running.get(name);
    if (active != null && active.scenario() == scenario) {
      stop(name);
    }
  }

  /** Stops the scenario and frees what it holds; false when it was not running. */
  public synchronized boolean stop(String name) {
    Active active = running.remove(name);
    if (active == null) {
      return false;
    }
    if (active.end() != null) {
      active.end().cancel(false);
    }
    active.scenario().stop();
    log.warn("process scenario {} stopped", name);
    return true;
  }

  public synchronized void stopAll() {
    new ArrayList<>(running.keySet()).forEach(this::stop);
  }

  public Map<String, Object> status(String name) {
    Active a = running.get(name);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("running", a != null);
    if (a != null) {
      out.put("started_at", a.startedAt().toString());
      if (a.endsAt() != null) {
        out.put("ends_at", a.endsAt().toString());
      }
      out.put("params", a.params());
      out.put("metrics", a.scenario().metrics());
    }
    return out;
  }

  public List<Map<String, Object>> list() {
    return NAMES.stream().map(this::status).toList();
  }

  /**
   * Atomically replaces whatever ran before (single scenarios included) with {@code steps}; each
   * step's success is reported. With durations, every step ends together at the longest; a step
   * without one keeps the composite running until it is stopped.
   */
  public synchronized Map<String, Object> startComposite(List<ProcessOrder.Step> steps) {
    return startComposite(UUID.randomUUID().toString(), steps, Instant.now());
  }

  private Map<String, Object> startComposite(String session, List<ProcessOrder.Step> steps, Instant startedAt) {
    refuseWhileOffOrKilled();
    stopAll();
    boolean untilStopped = steps.stream().anyMatch(s -> s.duration() == null);
    long longest = steps.stream().mapToLong(s -> s.duration() == null ? 0 : s.duration()).max().orElse(0);
    Instant endsAt = untilStopped || longest == 0 ? null : startedAt.plusSeconds(longest);
    Duration left = endsAt == null ? null : Duration.between(Instant.now(), endsAt);
    List<Map<String, Object>> results = new ArrayList<>();
    for (ProcessOrder.Step step : steps) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("name", step.name());
      try {
        long crashWithin = step.name().equals("crash")
            ? (long) (new Params(step.params()).number("crash_delay", 5, 0, 86_400) * 1000)
                - Duration.between(startedAt, Instant.now()).toMillis()
            : Long.MAX_VALUE;
        if (crashWithin < 0) {
          throw new IllegalStateException("this crash already happened (the order is older than its delay)");
        }
        start(step.name(), step.params(), left, crashWithin);
        result.put("success", true);
      } catch (RuntimeException e) {
        result.put("success", false);
        result.put("error", e.getMessage());
      }
      results.add(result);
    }
    composite = new Composite(session, startedAt, endsAt, results);
    return compositeStatus();
  }

  private void refuseWhileOffOrKilled() {
    if (!settings.enabled()) {
      throw new Refused("process scenarios are off in this service (mocks3.process.enabled=false)");
    }
    if (killed) {
      throw new Refused("the kill switch is engaged (DELETE /api/v1/kill-switch on the fault controller releases it)");
    }
  }

  public synchronized Map<String, Object> stopComposite() {
    stopAll();
    Composite c = composite;
    composite = null;
    return Map.of("stopped", c != null, "session_id", c == null ? "" : c.session());
  }

  public Map<String, Object> compositeStatus() {
    Composite c = composite;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("active", c != null && !running.isEmpty());
    if (c != null) {
      out.put("session_id", c.session());
      out.put("started_at", c.startedAt().toString());
      if (c.endsAt() != null) {
        out.put("ends_at", c.endsAt().toString());
      }
      List<Map<String, Object>> scenarios = new ArrayList<>();
      for (Map<String, Object> r : c.results()) {
        Map<String, Object> s = new LinkedHashMap<>(r);
        s.putAll(status((String) r.get("name")));
        scenarios.add(s);
      }
      out.put("scenarios", scenarios);
    }
    return out;
  }

  /**
   * An order of the fault controller for {@code target}: applied when it names this service, this
   * instance or "all"; null (a tombstone) stops the composite. An order whose time ran out (a
   * service restarted after it ended) changes nothing.
   */
  public synchronized void apply(String target, ProcessOrder order, String service, String instance) {
    if (!target.equals("all") && !target.equals(service) && !target.equals(instance)) {
      return;
    }
    if (order == null) {
      stopComposite();
      return;
    }
    Instant startedAt = order.startedAt() == null ? Instant.now() : order.startedAt();
    boolean bounded = order.scenarios().stream().allMatch(s -> s.duration() != null);
    long longest = order.scenarios().stream().mapToLong(s -> s.duration() == null ? 0 : s.duration()).max().orElse(0);
    if (bounded && !startedAt.plusSeconds(longest).isAfter(Instant.now())) {
      return;
    }
    try {
      startComposite(order.session(), order.scenarios(), startedAt);
    } catch (Refused e) {
      log.warn("ignoring the fault controller's process order {}: {}", order.session(), e.getMessage());
    }
  }

  Behaviours.NetworkLatency latency() {
    return scenario("network_latency", Behaviours.NetworkLatency.class);
  }

  Behaviours.HealthCheck health() {
    return scenario("health_check", Behaviours.HealthCheck.class);
  }

  Behaviours.Dependency dependency() {
    return scenario("dependency", Behaviours.Dependency.class);
  }

  private <T extends Scenario> T scenario(String name, Class<T> type) {
    Active a = running.get(name);
    return a == null ? null : type.cast(a.scenario());
  }

  public boolean running(String name) {
    return running.containsKey(name);
  }

  @Override
  public void close() {
    stopAll();
    timers.shutdownNow();
  }
}
