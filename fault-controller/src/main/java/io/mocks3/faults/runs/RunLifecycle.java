package io.mocks3.faults.runs;

import tools.jackson.databind.node.ObjectNode;
import io.mocks3.faults.observe.ConsumerLag;
import io.mocks3.faults.rules.RuleStore;
import io.mocks3.faults.scenarios.Scenarios;
import io.mocks3.kafkaconfig.LogReader;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.Durations;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.run.Run;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops runs. Starting applies the run's faults (seeded), writes the run as open and
 * waits until a gateway has begun recording its history; stopping removes the run's faults, lets
 * the system settle (the projector has applied everything on {@code mocks3.commands}, and at least
 * the run's settle time has passed) and ends the run.
 */
public final class RunLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);
  private static final Duration RECORDING_WAIT = Duration.ofSeconds(10);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
  private final RunStore runs;
  private final RuleStore faults;
  private final Scenarios scenarios;
  private final ConsumerLag lag;
  private final String bootstrapServers;
  private final Clock clock;

  public RunLifecycle(RunStore runs, RuleStore faults, Scenarios scenarios, ConsumerLag lag, String bootstrapServers,
      Clock clock) {
    this.runs = runs;
    this.faults = faults;
    this.scenarios = scenarios;
    this.lag = lag;
    this.bootstrapServers = bootstrapServers;
    this.clock = clock;
  }

  /** Opens {@code posted} (validated by {@link RunRequests}); answers once its history is being recorded. */
  public Run start(Run posted) {
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    List<String> ruleIds = new ArrayList<>();
    for (int i = 1; i <= posted.rules().size(); i++) {
      ruleIds.add("run-" + id.substring(0, 8) + "-" + i);
    }
    Run run = runs.save(new Run(id, posted.name(), posted.seed(), posted.scenario(), posted.chaos(), posted.rules(),
        posted.expectations(), posted.settle(), ruleIds, Run.State.OPEN, now, null, null));
    awaitRecording(id);
    // Faults go on only once the history records: every fault of the run has its operations beside it.
    for (int i = 0; i < posted.rules().size(); i++) {
      FaultRule rule = posted.rules().get(i);
      FaultRule seeded = rule.seed() == null && posted.seed() != null ? withSeed(rule, FaultRule.class, posted.seed()) : rule;
      faults.save(seeded.withIdentity(ruleIds.get(i), now, null));
    }
    for (ChaosTopic chaos : posted.chaos()) {
      ChaosTopic seeded = chaos.seed() == null && posted.seed() != null ? withSeed(chaos, ChaosTopic.class, posted.seed())
          : chaos;
      faults.saveChaos(seeded.on(chaos.topic(), now));
    }
    if (posted.scenario() != null) {
      scenarios.start(posted.scenario(), null);
    }
    log.info("run {} ({}) started: {} chaos topics, {} rules, scenario {}", id, run.name(), posted.chaos().size(),
        ruleIds.size(), posted.scenario());
    return run;
  }

  /** Removes the run's faults, lets the system settle and ends the run; a run already ended is answered as it is. */
  public Run stop(String id) {
    Run run = runs.get(id).orElseThrow(() -> new IllegalArgumentException("no run with id " + id));
    if (run.state() == Run.State.ENDED) {
      return run;
    }
    Instant stopped = run.stoppedAt() == null ? clock.instant() : run.stoppedAt();
    run.chaos().forEach(c -> faults.deleteChaos(c.topic()));
    run.appliedRuleIds().forEach(faults::delete);
    if (run.scenario() != null) {
      scenarios.stop(run.scenario());
    }
    runs.save(run.withState(Run.State.SETTLING, stopped, null));
    settle(run, stopped);
    return runs.save(run.withState(Run.State.ENDED, stopped, clock.instant()));
  }

  /** Ends runs a restarted controller finds settling (the controller died during a stop). */
  public void finishInterrupted() {
    runs.all().stream().filter(r -> r.state() == Run.State.SETTLING).forEach(r -> stop(r.id()));
  }

  private void settle(Run run, Instant stopped) {
    Duration minimum = run.settle() == null ? Duration.ofSeconds(2) : Durations.parse(run.settle());
    Instant earliest = stopped.plus(minimum);
    Instant deadline = clock.instant().plus(SETTLE_LIMIT).plus(minimum);
    while (clock.instant().isBefore(deadline)) {
      if (!clock.instant().isBefore(earliest) && projectorCaughtUp()) {
        return;
      }
      pause();
    }
    log.warn("run {}: the projector had not caught up {} after the run stopped; judging it anyway", run.id(),
        SETTLE_LIMIT.plus(minimum));
  }

  /** Whether a measurement taken now finds every projector group with nothing left on {@code mocks3.commands}. */
  private boolean projectorCaughtUp() {
    return lag.measure().map(groups -> groups.entrySet().stream().filter(e -> e.getKey().contains("projector"))
        .allMatch(e -> e.getValue().getOrDefault(Topics.COMMANDS, 0L) == 0L)).orElse(false);
  }

  /** Waits until a gateway wrote the run's "open" marker to {@code mocks3.history}. */
  private void awaitRecording(String id) {
    Instant deadline = clock.instant().plus(RECORDING_WAIT);
    Instant from = clock.instant().minusSeconds(5);
    while (clock.instant().isBefore(deadline)) {
      AtomicBoolean seen = new AtomicBoolean();
      LogReader.read(bootstrapServers, Topics.HISTORY, JsonSerde.of(HistoryRecord.class), from, record -> {
        HistoryRecord h = record.value();
        if (h != null && HistoryRecord.OPEN.equals(h.f()) && id.equals(h.key())) {
          seen.set(true);
        }
      });
      if (seen.get()) {
        return;
      }
      pause();
    }
    log.warn("run {}: no gateway confirmed recording within {} (is the gateway up?)", id, RECORDING_WAIT);
  }

  private static <T> T withSeed(T value, Class<T> type, long seed) {
    ObjectNode tree = Json.mapper().valueToTree(value);
    tree.put("seed", seed);
    return Json.mapper().treeToValue(tree, type);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
