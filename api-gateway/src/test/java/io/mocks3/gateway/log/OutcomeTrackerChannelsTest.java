package io.mocks3.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.fault.ChaosTopic;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A strong write's outcome by either channel: the read model's notification, or the log's event. */
class OutcomeTrackerChannelsTest {
  private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");
  private final RuleBook rules = new RuleBook();
  // Never started: no broker is contacted, outcomes are handed in directly.
  private final OutcomeTracker tracker = new OutcomeTracker("127.0.0.1:1", "channels-test",
      new FaultAgent("gateway-test", rules, null, null, Clock.systemUTC()));

  @AfterEach
  void close() {
    tracker.close();
  }

  @Test
  void theFirstChannelAnswersAndTheOtherChangesNothing() {
    CompletableFuture<Event> notified = tracker.awaitEvent("c1");
    tracker.committed(event("c1", 1));
    tracker.dispatch(event("c1", 2));
    assertThat(notified).isCompletedWithValueMatching(e -> e.sequence() == 1);

    CompletableFuture<Event> logged = tracker.awaitEvent("c2");
    tracker.dispatch(event("c2", 3));
    tracker.committed(event("c2", 4));
    assertThat(logged).isCompletedWithValueMatching(e -> e.sequence() == 3);
  }

  @Test
  void whileChaosActsOnTheGatewaysEventsOnlyTheLogAnswers() {
    rules.chaos().put(Topics.EVENTS, chaos(OutcomeTracker.CONSUMER));
    CompletableFuture<Event> outcome = tracker.awaitEvent("c1");
    tracker.committed(event("c1", 1));
    assertThat(outcome).isNotDone();
    tracker.dispatch(event("c1", 1));
    assertThat(outcome).isCompleted();

    // Chaos aimed at another consumer leaves the notifications to answer.
    rules.chaos().put(Topics.EVENTS, chaos("task-workers"));
    CompletableFuture<Event> other = tracker.awaitEvent("c2");
    tracker.committed(event("c2", 2));
    assertThat(other).isCompleted();
  }

  private static ChaosTopic chaos(String consumer) {
    return new ChaosTopic(Topics.EVENTS, 1.0, null, null, null, null, consumer, null, 1L, T, null, null, null, null);
  }

  private static Event event(String commandId, long sequence) {
    return new BucketCreated(commandId, BucketName.of("channels"), sequence, T);
  }
}
