package io.mocks3.faults.scenarios;

import io.mocks3.faults.rules.RuleStore;
import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
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
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * Named sets of rules and chaos topics, shipped as YAML under {@code scenarios/}. Starting one
 * writes its rules (tagged with the scenario, so events and metrics name it) and chaos settings;
 * stopping removes them; a duration stops it by itself (its rules also carry that ttl, so they
 * end on time even if this controller is restarted meanwhile).
 */
public final class Scenarios implements AutoCloseable {
  private final Map<String, Definition> catalogue;
  private final Map<String, Active> active = new ConcurrentHashMap<>();
  private final RuleStore store;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "scenario-timer");
    t.setDaemon(true);
    return t;
  });

  /** A scenario as shipped: its rules and chaos settings, not yet started. */
  public record Definition(String name, String description, List<FaultRule> rules, List<ChaosTopic> chaos) {}

  /** A running scenario: what it wrote, and when it ends by itself (null: when stopped). */
  public record Active(String name, Instant startedAt, Instant endsAt, List<String> ruleIds, List<String> chaosTopics) {}

  public Scenarios(RuleStore store, Clock clock) throws IOException {
    this.store = store;
    this.clock = clock;
    this.catalogue = load();
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

  public Map<String, Active> active() {
    return Map.copyOf(active);
  }

  /**
   * Starts (or restarts) {@code name} for {@code duration} (null: until stopped).
   *
   * @throws IllegalArgumentException when there is no such scenario or one of its rules is invalid
   */
  public synchronized Active start(String name, Duration duration) {
    Definition definition = Optional.ofNullable(catalogue.get(name))
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name + "; there are " + catalogue.keySet()));
    stop(name);
    Instant now = clock.instant();
    Instant ends = duration == null ? null : now.plus(duration);
    String ttl = duration == null ? null : duration.toMillis() + "ms";
    List<FaultRule> rules = new ArrayList<>();
    for (int i = 0; i < definition.rules().size(); i++) {
      FaultRule r = definition.rules().get(i);
      FaultRule tagged = new FaultRule("scenario-" + name + "-" + (i + 1), r.name(), r.description(), r.service(), r.enabled(),
          r.conditions(), r.action(), ttl, r.priority(), name, r.seed(), now, ends);
      List<String> problems = RuleValidator.problems(tagged);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("scenario " + name + " rule " + r.name() + ": " + problems);
      }
      rules.add(tagged);
    }
    rules.forEach(store::save);
    definition.chaos().forEach(c -> store.saveChaos(c.on(c.topic(), now)));
    Active started = new Active(name, now, ends, rules.stream().map(FaultRule::id).toList(),
        definition.chaos().stream().map(ChaosTopic::topic).toList());
    active.put(name, started);
    if (duration != null) {
      ScheduledFuture<?> unused = timer.schedule(() -> stopIfSame(started), duration.toMillis(), TimeUnit.MILLISECONDS);
    }
    return started;
  }

  private synchronized void stopIfSame(Active started) {
    if (active.get(started.name()) == started) {
      stop(started.name());
    }
  }

  /** Removes what the scenario wrote; false when it was not running. */
  public synchronized boolean stop(String name) {
    Active running = active.remove(name);
    if (running == null) {
      return false;
    }
    running.ruleIds().forEach(id -> {
      if (store.rule(id).isPresent()) {
        store.delete(id);
      }
    });
    running.chaosTopics().forEach(topic -> {
      if (store.chaosTopic(topic).isPresent()) {
        store.deleteChaos(topic);
      }
    });
    return true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
