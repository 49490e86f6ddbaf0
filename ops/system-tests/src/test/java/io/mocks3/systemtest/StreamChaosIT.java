package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos on {@code mocks3.commands}, switched on and off by REST, observed through S3: a lost
 * command's object never appears until the command is re-driven from the log; a dead-lettered
 * one waits in the DLQ with its reason until re-driven; a duplicated one leaves the same object;
 * a delayed one holds a strong write back by the delay.
 */
@ExtendWith(LocalStackExtension.class)
class StreamChaosIT {
  private static final String COMMANDS = "mocks3.commands";
  private String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void calm() throws Exception {
    FaultControl.clear();
  }

  private void chaos(String json) throws Exception {
    HttpResponse<String> r = FaultControl.change("PUT", "/api/v1/chaos/topics/" + COMMANDS, json.replace("BUCKET", bucket));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private void calmDown() throws Exception {
    assertThat(FaultControl.change("DELETE", "/api/v1/chaos/topics/" + COMMANDS, null).statusCode()).isEqualTo(204);
  }

  private int put(String key, String body, String consistency) throws Exception {
    return Clients.http("PUT", "/" + bucket + "/" + key, body.getBytes(), "x-mocks3-consistency", consistency).statusCode();
  }

  private HttpResponse<String> get(String key) throws Exception {
    return Clients.http("GET", "/" + bucket + "/" + key, null);
  }

  /** How many records chaos on the command log has touched so far (from the controller's stats). */
  private static long touched() throws Exception {
    Matcher m = Pattern.compile("\"chaos:" + Pattern.quote(COMMANDS) + "\":(\\d+)")
        .matcher(FaultControl.call("GET", "/api/v1/stats", null).body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
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
    chaos("{\"reorder_rate\": 1.0, \"reorder_window\": 1, \"key_filter\": \"BUCKET\"}");
    putUnderChaos("doc.txt", "first");
    calmDown();
    // The second write is applied, then the held first one overtakes it: the object ends as "first".
    assertThat(put("doc.txt", "second", "strong")).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("doc.txt").body().equals("first"));
    assertThat(FaultControl.call("GET", "/api/v1/events?rule=chaos:" + COMMANDS + "&limit=1", null).body()).contains("reorder");
  }

  @Test
  void aLostCommandIsAcknowledgedButNeverAppliedUntilReDrivenFromTheLog() throws Exception {
    chaos("{\"loss_rate\": 1.0, \"key_filter\": \"BUCKET\"}");
    putUnderChaos("lost.txt", "still in the log");
    calmDown();
    drain();
    assertThat(get("lost.txt").statusCode()).isEqualTo(404);

    String events = FaultControl.call("GET", "/api/v1/events?rule=chaos:" + COMMANDS + "&limit=1", null).body();
    assertThat(events).contains("\"action\":\"lose\"", "\"point\":\"stream\"");
    Matcher at = Pattern.compile("\"target\":\"" + Pattern.quote(COMMANDS) + "/(\\d+)@(\\d+)\"").matcher(events);
    assertThat(at.find()).as(events).isTrue();
    HttpResponse<String> redriven = FaultControl.call("POST", "/api/v1/redrive",
        "{\"topic\": \"" + COMMANDS + "\", \"partition\": " + at.group(1) + ", \"offset\": " + at.group(2) + "}");
    assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("lost.txt").statusCode() == 200);
    assertThat(get("lost.txt").body()).isEqualTo("still in the log");
  }

  @Test
  void aDeadLetteredCommandWaitsInTheDlqWithItsReasonAndReDrivingItMakesTheObjectAppear() throws Exception {
    chaos("{\"dead_letter_rate\": 1.0, \"key_filter\": \"BUCKET\", \"consumer\": \"metadata-projector\"}");
    putUnderChaos("parked.txt", "parked");
    calmDown();
    drain();
    assertThat(get("parked.txt").statusCode()).isEqualTo(404);

    HttpResponse<String> dlq = FaultControl.call("GET", "/api/v1/dlq/" + COMMANDS + ".dlq", null);
    assertThat(dlq.body()).contains("\"key\":\"" + bucket + "\"", "x-mocks3-dlq-reason", "fault injected: chaos on " + COMMANDS,
        "\"x-mocks3-dlq-original-topic\":\"" + COMMANDS + "\"", "parked.txt");
    HttpResponse<String> redriven = FaultControl.call("POST", "/api/v1/dlq/" + COMMANDS + ".dlq/redrive", null);
    assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
    assertThat(redriven.body()).doesNotContain("\"redriven\":0");
    await().atMost(Duration.ofSeconds(10)).until(() -> get("parked.txt").statusCode() == 200);
    assertThat(get("parked.txt").body()).isEqualTo("parked");
    assertThat(FaultControl.call("GET", "/api/v1/dlq/" + COMMANDS + ".dlq", null).body()).contains("\"waiting\":0");
  }

  @Test
  void aDuplicatedCommandLeavesTheSameObject() throws Exception {
    chaos("{\"duplicate_rate\": 1.0, \"key_filter\": \"BUCKET\"}");
    assertThat(put("twice.txt", "once is enough", "strong")).isEqualTo(200);
    calmDown();
    drain();
    assertThat(get("twice.txt").body()).isEqualTo("once is enough");
    String list = Clients.http("GET", "/" + bucket + "?list-type=2&prefix=twice", null).body();
    assertThat(list).contains("<KeyCount>1</KeyCount>");
    assertThat(FaultControl.call("GET", "/api/v1/events?rule=chaos:" + COMMANDS + "&limit=5", null).body())
        .contains("\"action\":\"duplicate\"");
  }

  @Test
  void aDelayedCommandHoldsAStrongWriteBack() throws Exception {
    chaos("{\"delay\": \"800ms\", \"delay_rate\": 1.0, \"key_filter\": \"BUCKET\"}");
    long start = System.nanoTime();
    assertThat(put("slow.txt", "slow", "strong")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    assertThat(get("slow.txt").statusCode()).isEqualTo(200);
  }

  private void outcomeChaos(String topic, String json) throws Exception {
    HttpResponse<String> r = FaultControl.change("PUT", "/api/v1/chaos/topics/" + topic, json.replace("BUCKET", bucket));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void delayedOutcomesAndAcknowledgementsHoldStrongWritesBackButNotEventualOnes() throws Exception {
    outcomeChaos("mocks3.events", "{\"delay\": \"700ms\", \"delay_rate\": 1.0, \"key_filter\": \"BUCKET\", \"consumer\": \"api-gateway\"}");
    long start = System.nanoTime();
    assertThat(put("late-event.txt", "x", "strong")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    FaultControl.change("DELETE", "/api/v1/chaos/topics/mocks3.events", null);

    outcomeChaos("mocks3.blob-acks", "{\"delay\": \"700ms\", \"delay_rate\": 1.0}");
    start = System.nanoTime();
    assertThat(put("late-ack.txt", "x", "strong")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    start = System.nanoTime();
    assertThat(put("eventual.txt", "x", "eventual")).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(700));
  }

  @Test
  void aLostOutcomeTimesAStrongWriteOutAlthoughTheWriteWasApplied() throws Exception {
    outcomeChaos("mocks3.events", "{\"loss_rate\": 1.0, \"key_filter\": \"BUCKET\"}");
    // The gateway never sees the outcome, so after its write timeout (30 s) it answers 503, as S3 may.
    assertThat(put("applied.txt", "applied anyway", "strong")).isEqualTo(503);
    assertThat(get("applied.txt").body()).isEqualTo("applied anyway");
    assertThat(FaultControl.call("GET", "/api/v1/events?rule=chaos:mocks3.events&limit=1", null).body())
        .contains("\"action\":\"lose\"", "api-gateway");
  }

  @Test
  void chaosItCannotApplyIsRefusedRatherThanIgnored() throws Exception {
    HttpResponse<String> unsupported = FaultControl.call("PUT", "/api/v1/chaos/topics/mocks3.fault-events", "{\"loss_rate\": 0.1}");
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(unsupported.body()).contains("not supported yet");
    HttpResponse<String> watcherOnly = FaultControl.call("PUT", "/api/v1/chaos/topics/mocks3.events", "{\"dead_letter_rate\": 0.1}");
    assertThat(watcherOnly.statusCode()).isEqualTo(400);
    assertThat(watcherOnly.body()).contains("dead-lettering is supported on");
    assertThat(FaultControl.call("PUT", "/api/v1/chaos/topics/" + COMMANDS, "{\"loss_rate\": 0.7, \"duplicate_rate\": 0.5}").statusCode())
        .isEqualTo(400);
    assertThat(FaultControl.call("GET", "/api/v1/chaos/topics", null).body()).contains("\"topics\":[]");
  }
}
