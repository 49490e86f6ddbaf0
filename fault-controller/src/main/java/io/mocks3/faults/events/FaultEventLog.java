package io.mocks3.faults.events;

import io.mocks3.faults.agent.TopicFollower;
import io.mocks3.kafkaconfig.LogReader;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.FaultEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every injection any agent recorded, read from {@code mocks3.fault-events} from its beginning:
 * counts by rule, scenario, service and action, and the most recent events for inspection.
 */
public final class FaultEventLog implements AutoCloseable {
  private static final int RECENT = 10_000;
  private final String bootstrapServers;
  private final TopicFollower<FaultEvent> follower;
  private final Deque<FaultEvent> recent = new ArrayDeque<>();
  private final Map<String, Long> byRule = new TreeMap<>();
  private final Map<String, Long> byScenario = new TreeMap<>();
  private final Map<String, Long> byService = new TreeMap<>();
  private final Map<String, Long> byAction = new TreeMap<>();
  private long total;

  public FaultEventLog(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.follower = new TopicFollower<>(bootstrapServers, "fault-controller-events", Topics.FAULT_EVENTS,
        JsonSerde.of(FaultEvent.class), record -> {
          if (record.value() != null) {
            add(record.value());
          }
        });
  }

  public void start() {
    follower.start();
  }

  public boolean running() {
    return follower.running();
  }

  private synchronized void add(FaultEvent e) {
    total++;
    byRule.merge(e.ruleId(), 1L, Long::sum);
    byScenario.merge(e.scenario() == null ? "" : e.scenario(), 1L, Long::sum);
    byService.merge(e.service(), 1L, Long::sum);
    byAction.merge(e.action(), 1L, Long::sum);
    recent.addLast(e);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  /** The newest {@code limit} events that pass {@code filter}, oldest first. */
  public synchronized List<FaultEvent> events(Predicate<FaultEvent> filter, int limit) {
    List<FaultEvent> out = new ArrayList<>();
    var it = recent.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      FaultEvent e = it.next();
      if (filter.test(e)) {
        out.add(0, e);
      }
    }
    return out;
  }

  /**
   * Every event recorded from {@code from} to {@code to} that passes {@code filter}, oldest first, read
   * from the topic itself: complete, however many there are (the in-memory {@link #events} keeps the
   * newest {@value #RECENT}).
   */
  public List<FaultEvent> read(Instant from, Instant to, Predicate<FaultEvent> filter) {
    List<FaultEvent> found = new ArrayList<>();
    LogReader.read(bootstrapServers, Topics.FAULT_EVENTS, JsonSerde.of(FaultEvent.class), from, record -> {
      FaultEvent e = record.value();
      if (e != null && !e.at().isBefore(from) && !e.at().isAfter(to) && filter.test(e)) {
        found.add(e);
      }
    });
    return found;
  }

  public synchronized Map<String, Object> stats() {
    return Map.of("total_injections", total, "by_rule", new TreeMap<>(byRule), "by_scenario", new TreeMap<>(byScenario),
        "by_service", new TreeMap<>(byService), "by_action", new TreeMap<>(byAction));
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
