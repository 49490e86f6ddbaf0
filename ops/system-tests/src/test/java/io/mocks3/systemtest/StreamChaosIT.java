package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.Chaos;
import io.mocks3.client.DeadLetter;
import io.mocks3.client.DeadLetterQueue;
import io.mocks3.client.FaultEvent;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.MockS3ControlException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos on {@code mocks3.commands}, switched on and off through the control plane, observed through S3:
 * a lost command's object never appears until the command is re-driven from the log; a dead-lettered
 * one waits in the DLQ with its reason until re-driven; a duplicated one leaves the same object;
 * a delayed one holds a strong write back by the delay.
 */
@ExtendWith(LocalStackExtension.class)
class StreamChaosIT {
  private static final String COMMANDS = "mocks3.commands";
  private final MockS3Control mocks3 = FaultControl.mocks3();
  private String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void calm() {
    FaultControl.clear();
  }

  /** Chaos on the command log, on this test's bucket only. */
  private Chaos commandChaos() {
    return mocks3.chaos(COMMANDS).keyFilter(bucket);
  }

  private void calmDown() {
    mocks3.chaos(COMMANDS).clear();
  }

  private int put(String key, String body, String consistency) throws Exception {
    return Clients.http("PUT", "/" + bucket + "/" + key, body.getBytes(), "x-mocks3-consistency", consistency).statusCode();
  }

  private HttpResponse<String> get(String key) throws Exception {
    return Clients.http("GET", "/" + bucket + "/" + key, null);
  }

  /** How many records chaos on the command log has touched so far (from the controller's stats). */
  private long touched() {
    return mocks3.stats().injections("chaos:" + COMMANDS);
  }

  /** The newest fault events of the chaos on {@code topic}. */
  private List<FaultEvent> chaosEvents(String topic, int limit) {
    return mocks3.events().rule("chaos:" + topic).limit(limit).list();
  }

  /** An eventual write under chaos: waits until the projector has consumed it (and the chaos has touched it). */
  private void putUnderChaos(String key, String body) throws Exception {
    long before = touched();
    assertThat(put(key, body, "eventual")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> touched() > before);
  }

  /** A strong write after the chaos: once it is visible, every earlier command of the bucket was consumed. */
  private void drain() throws Exception {
    assertThat(put("marker-" + UUID.randomUUID(), "m", "strong")).isEqualTo(200);
  }

  @Test
  void aReorderedWriteIsAppliedAfterTheNextOneSoTheOlderContentWins() throws Exception {
    commandChaos().reorder(1.0, 1).apply();
    putUnderChaos("doc.txt", "first");
    calmDown();
    // The second write is applied, then the held first one overtakes it: the object ends as "first".
    assertThat(put("doc.txt", "second", "strong")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("doc.txt").body().equals("first"));
    assertThat(chaosEvents(COMMANDS, 1)).extracting(FaultEvent::action).containsExactly("reorder");
  }

  @Test
  void aLostCommandIsAcknowledgedButNeverAppliedUntilReDrivenFromTheLog() throws Exception {
    commandChaos().loss(1.0).apply();
    putUnderChaos("lost.txt", "still in the log");
    calmDown();
    drain();
    assertThat(get("lost.txt").statusCode()).isEqualTo(404);

    FaultEvent lost = chaosEvents(COMMANDS, 1).get(0);
    assertThat(lost.action()).isEqualTo("lose");
    assertThat(lost.point()).isEqualTo("stream");
    assertThat(lost.target()).matches(java.util.regex.Pattern.quote(COMMANDS) + "/\\d+@\\d+");
    String[] at = lost.target().substring(COMMANDS.length() + 1).split("@");
    mocks3.redrive(COMMANDS, Integer.parseInt(at[0]), Long.parseLong(at[1]));
    await().atMost(Duration.ofSeconds(10)).until(() -> get("lost.txt").statusCode() == 200);
    assertThat(get("lost.txt").body()).isEqualTo("still in the log");
  }

  @Test
  void aDeadLetteredCommandWaitsInTheDlqWithItsReasonAndReDrivingItMakesTheObjectAppear() throws Exception {
    commandChaos().deadLetter(1.0).consumer("metadata-projector").apply();
    putUnderChaos("parked.txt", "parked");
    calmDown();
    drain();
    assertThat(get("parked.txt").statusCode()).isEqualTo(404);

    DeadLetterQueue dlq = mocks3.deadLetters(COMMANDS + ".dlq");
    List<DeadLetter> mine = dlq.show(1000).stream().filter(d -> bucket.equals(d.key())).toList();
    assertThat(mine).singleElement().satisfies(d -> {
      assertThat(d.headers()).containsEntry("x-mocks3-dlq-original-topic", COMMANDS);
      assertThat(d.headers().get("x-mocks3-dlq-reason")).contains("fault injected: chaos on " + COMMANDS);
      assertThat(d.value()).contains("parked.txt");
    });
    assertThat(dlq.redriveAll().redriven()).isPositive();
    await().atMost(Duration.ofSeconds(10)).until(() -> get("parked.txt").statusCode() == 200);
    assertThat(get("parked.txt").body()).isEqualTo("parked");
    assertThat(dlq.waiting()).isZero();
  }

  @Test
  void aDuplicatedCommandLeavesTheSameObject() throws Exception {
    commandChaos().duplicate(1.0).apply();
    assertThat(put("twice.txt", "once is enough", "strong")).isEqualTo(200);
    calmDown();
    drain();
    assertThat(get("twice.txt").body()).isEqualTo("once is enough");
    String list = Clients.http("GET", "/" + bucket + "?list-type=2&prefix=twice", null).body();
    assertThat(list).contains("<KeyCount>1</KeyCount>");
    assertThat(chaosEvents(COMMANDS, 5)).extracting(FaultEvent::action).contains("duplicate");
  }

  @Test
  void aDelayedCommandHoldsAStrongWriteBack() throws Exception {
    commandChaos().delay(Duration.ofMillis(800), 1.0).apply();
    long start = System.nanoTime();
    assertThat(put("slow.txt", "slow", "strong")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    assertThat(get("slow.txt").statusCode()).isEqualTo(200);
  }

  @Test
  void delayedOutcomesAndAcknowledgementsHoldStrongWritesBackButNotEventualOnes() throws Exception {
    mocks3.chaos("mocks3.events").delay(Duration.ofMillis(700), 1.0).keyFilter(bucket).consumer("api-gateway").apply();
    long start = System.nanoTime();
    assertThat(put("late-event.txt", "x", "strong")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    mocks3.chaos("mocks3.events").clear();

    mocks3.chaos("mocks3.blob-acks").delay(Duration.ofMillis(700), 1.0).apply();
    start = System.nanoTime();
    assertThat(put("late-ack.txt", "x", "strong")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    start = System.nanoTime();
    assertThat(put("eventual.txt", "x", "eventual")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(700));
  }

  @Test
  void aLostOutcomeTimesAStrongWriteOutAlthoughTheWriteWasApplied() throws Exception {
    mocks3.chaos("mocks3.events").loss(1.0).keyFilter(bucket).apply();
    // The gateway never sees the outcome, so after the write timeout it answers 503, as S3 may: the
    // request's own (x-mocks3-write-timeout), not the gateway's 30 s.
    HttpResponse<String> timedOut = Clients.http("PUT", "/" + bucket + "/applied.txt", "applied anyway".getBytes(),
        "x-mocks3-consistency", "strong", "x-mocks3-write-timeout", "3s");
    assertThat(timedOut.statusCode()).isEqualTo(503);
    assertThat(timedOut.body()).contains("<Code>ServiceUnavailable</Code>", "not confirmed within PT3S");
    assertThat(get("applied.txt").body()).isEqualTo("applied anyway");
    assertThat(chaosEvents("mocks3.events", 1)).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("lose");
      assertThat(e.service()).isEqualTo("api-gateway");
    });
  }

  @Test
  void chaosItCannotApplyIsRefusedRatherThanIgnored() {
    assertThatThrownBy(() -> mocks3.chaos("mocks3.fault-events").loss(0.1).apply())
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("not supported yet");
        });
    assertThatThrownBy(() -> mocks3.chaos("mocks3.events").deadLetter(0.1).apply())
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("dead-lettering is supported on");
        });
    assertThatThrownBy(() -> mocks3.chaos(COMMANDS).loss(0.7).duplicate(0.5).apply())
        .isInstanceOfSatisfying(MockS3ControlException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(mocks3.chaos()).isEmpty();
  }
}
