package io.mocks3.faults.scenarios;

import io.mocks3.faults.rules.RuleStore;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.FaultTopic.ScenarioRun;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * Named sets of rules and chaos topics, shipped as YAML under {@code scenarios/}. Starting one
 * writes a {@link ScenarioRun} (what it will write, when it ends) to {@code mocks3.faults}, then its
 * rules (tagged with the scenario, so events and metrics name it) and chaos settings; stopping
 * removes them. Every part ends by itself too: with a duration, its rules carry that ttl and its
 * chaos topics that expiry, which the agents honour. A restarted controller reads the runs back
 * ({@link #start()}): it can stop them, re-arms their timers and ends those past their deadline.
 */
public final class Scenarios implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scenarios.class);
  private final Map<String, Definition> catalogue;
  private final Map<String, ScenarioRun> active = new ConcurrentHashMap<>();
  private final RuleStore store;
  private final ScenarioLog runs;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "scenario-timer");
    t.setDaemon(true);
    return t;
  });

  /** A scenario as shipped: its rules and chaos settings, not yet started. */
  public record Definition(String name, String description, List<FaultRule> rules, List<ChaosTopic> chaos) {}

  public Scenarios(RuleStore store, ScenarioLog runs, Clock clock) throws IOException {
    this.store = store;
    this.runs = runs;
    this.clock = clock;
    this.catalogue = load();
  }

  /** Takes over the scenarios a previous controller started: re-arms their timers, ends the overdue ones. */
  public synchronized void start() {
    Instant now = clock.instant();
    runs.read().forEach((name, run) -> {
      active.put(name, run);
      if (run.deadline() != null && !now.isBefore(run.deadline())) {
        log.info("scenario {} passed its deadline {} while no controller ran: ending it", name, run.deadline());
        stop(name);
      } else {
        log.info("scenario {} is still running (deadline {})", name, run.deadline());
        arm(run, now);
      }
    });
  }

  static Map<String, Definition> load() throws IOException {
    Map<String, Definition> found = new TreeMap<>();
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:scenarios/*.yaml")) {
      String name = r.getFilename().substring(0, r.getFilename().length() - ".yaml".length());
      try (InputStream in = r.getInputStream()) {
        Map<String, Object> yaml = new Yaml().load(in);
        List<FaultRule> rules = new ArrayList<>();
        for (Object rule : (List<?>) yaml.getOrDefault("rules", List.of())) {
          rules.add(Json.mapper().convertValue(rule, FaultRule.class));
        }
        List<ChaosTopic> chaos = new ArrayList<>();
        for (Object c : (List<?>) yaml.getOrDefault("chaos", List.of())) {
          chaos.add(Json.mapper().convertValue(c, ChaosTopic.class));
        }
        found.put(name, new Definition(name, (String) yaml.get("description"), List.copyOf(rules), List.copyOf(chaos)));
      }
    }
    return found;
  }

  public Map<String, Definition> catalogue() {
    return catalogue;
  }

  public Map<String, ScenarioRun> active() {
    return Map.copyOf(active);
  }

  /**
   * Starts (or restarts) {@code name} for {@code duration} (null: until stopped).
   *
   * @throws IllegalArgumentException when there is no such scenario or one of its parts is invalid
   *     (checked as the REST API checks rules and chaos topics, before anything is written)
   */
  public synchronized ScenarioRun start(String name, Duration duration) {
    Definition definition = Optional.ofNullable(catalogue.get(name))
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name + "; there are " + catalogue.keySet()));
    Instant now = clock.instant();
    Instant ends = duration == null ? null : now.plus(duration);
    List<FaultRule> rules = ScenarioParts.rules(definition, now, ends);
    List<ChaosTopic> chaos = ScenarioParts.chaos(definition, now, ends);
    stop(name);
    ScenarioRun started = new ScenarioRun(name, now, ends, rules.stream().map(FaultRule::id).toList(),
        chaos.stream().map(ChaosTopic::topic).toList());
    runs.save(started); // first: a controller that dies half-way through still knows what to remove
    active.put(name, started);
    rules.forEach(store::save);
    chaos.forEach(store::saveChaos);
    arm(started, now);
    return started;
  }

  private void arm(ScenarioRun run, Instant now) {
    if (run.deadline() != null) {
      long delay = Math.max(0, Duration.between(now, run.deadline()).toMillis());
      ScheduledFuture<?> unused = timer.schedule(() -> stopIfSame(run), delay, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void stopIfSame(ScenarioRun started) {
    if (active.get(started.name()) == started) {
      stop(started.name());
    }
  }

  /** Removes what the scenario wrote, and its record; false when it was not running. */
  public synchronized boolean stop(String name) {
    ScenarioRun running = active.remove(name);
    if (running == null) {
      return false;
    }
    // Deleted whether or not this controller has read them back yet: right after a restart its view may lag.
    running.ruleIds().forEach(store::delete);
    running.chaosTopics().forEach(store::deleteChaos);
    runs.delete(name);
    return true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    runs.close();
  }
}
