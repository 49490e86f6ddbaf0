package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Poison records on demand: the controller appends records no consumer can read, and every
 * consumer of the topic sets them aside in its dead-letter topic (headers saying why and which
 * fault made them) and goes on serving. A re-drive discards them rather than looping them.
 */
@ExtendWith(LocalStackExtension.class)
class PoisonRecordsIT {
  private String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = "poison-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
  }

  private static long total(String dlq) throws Exception {
    Matcher m = Pattern.compile("\"total\":(\\d+)").matcher(FaultControl.call("GET", "/api/v1/dlq/" + dlq + "?limit=0", null).body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /**
   * @param consumers how many consumers read the topic, each dead-lettering its own copy (two storage nodes read the blobs)
   */
  @ParameterizedTest
  @CsvSource({"mocks3.commands, 1", "mocks3.blobs, 2", "mocks3.cdc, 1", "mocks3.notifications, 1"})
  void everyConsumerDeadLettersAPoisonRecordAndGoesOn(String topic, int consumers) throws Exception {
    String dlq = topic + ".dlq";
    long before = total(dlq);
    HttpResponse<String> poisoned = FaultControl.call("POST", "/api/v1/chaos/topics/" + topic + "/poison",
        "{\"count\": 2, \"key\": \"" + bucket + "\"}");
    assertThat(poisoned.statusCode()).as(poisoned.body()).isEqualTo(200);
    assertThat(poisoned.body()).contains("\"poisoned\":2", topic + "/");

    await().atMost(Duration.ofSeconds(30)).until(() -> total(dlq) >= before + 2L * consumers);
    String waiting = FaultControl.call("GET", "/api/v1/dlq/" + dlq + "?limit=1000", null).body();
    assertThat(waiting).contains("\"x-mocks3-fault-rule\":\"poison:" + topic + "\"");
    assertThat(waiting).containsAnyOf("undeserializable", "kafka_exception-message");
    assertThat(FaultControl.call("GET", "/api/v1/events?rule=poison:" + topic + "&limit=5", null).body())
        .contains("\"action\":\"poison\"");

    // The consumers went on: a write through every hop, then a read of it, strong and (from the cache) eventual.
    String key = "after-" + topic;
    assertThat(Clients.http("PUT", "/" + bucket + "/" + key, "still served".getBytes()).statusCode()).isEqualTo(200);
    assertThat(Clients.http("GET", "/" + bucket + "/" + key, null).body()).isEqualTo("still served");
    await().atMost(Duration.ofSeconds(10)).until(() -> Clients.http("GET", "/" + bucket + "/" + key, null,
        "x-mocks3-consistency", "eventual").body().equals("still served"));
  }

  @Test
  void reDrivingADeadLetterTopicDiscardsPoisonInsteadOfLoopingIt() throws Exception {
    String dlq = "mocks3.commands.dlq";
    long before = total(dlq);
    FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.commands/poison", "{\"key\": \"" + bucket + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> total(dlq) > before);
    HttpResponse<String> redriven = FaultControl.call("POST", "/api/v1/dlq/" + dlq + "/redrive", null);
    Matcher discarded = Pattern.compile("\"discarded_poison\":(\\d+)").matcher(redriven.body());
    assertThat(discarded.find()).as(redriven.body()).isTrue();
    assertThat(Long.parseLong(discarded.group(1))).isPositive();
    assertThat(FaultControl.call("GET", "/api/v1/dlq/" + dlq, null).body()).contains("\"waiting\":0");
  }

  @Test
  void poisonIsRefusedForTopicsWithoutAChaosConsumerAndForSillyCounts() throws Exception {
    assertThat(FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.faults/poison", "{}").statusCode()).isEqualTo(400);
    HttpResponse<String> tooMany = FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.commands/poison", "{\"count\": 0}");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("count must be between 1 and 1000");
  }

  @Test
  void oneDeadLetterIsReDrivenByItsPositionAndPurgeLeavesNothingWaiting() throws Exception {
    String dlq = "mocks3.commands.dlq";
    long before = total(dlq);
    FaultControl.call("POST", "/api/v1/chaos/topics/mocks3.commands/poison", "{\"count\": 2, \"key\": \"" + bucket + "\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> total(dlq) >= before + 2);

    String shown = Clients.ops("dlq", "show", dlq, "-n", "1000");
    Matcher last = Pattern.compile("\"partition\" : (\\d+),\\s+\"offset\" : (\\d+),\\s+\"key\" : \"" + bucket + "\"").matcher(shown);
    String partition = null;
    String offset = null;
    while (last.find()) {
      partition = last.group(1);
      offset = last.group(2);
    }
    assertThat(offset).as(shown).isNotNull();
    // The poison record goes back to mocks3.commands, and the projector dead-letters it once more.
    assertThat(Clients.ops("dlq", "redrive", dlq, "--partition", partition, "--offset", offset)).contains("\"redriven\" : 1");
    await().atMost(Duration.ofSeconds(30)).until(() -> total(dlq) >= before + 3);

    assertThat(Clients.ops("dlq")).containsPattern("mocks3\\.commands\\.dlq\\s+[1-9]");
    assertThat(Clients.ops("dlq", "purge", dlq)).contains("\"purged\"");
    assertThat(Clients.ops("dlq")).containsPattern("mocks3\\.commands\\.dlq\\s+0\\s");
    assertThat(FaultControl.call("GET", "/api/v1/dlq/" + dlq, null).body()).contains("\"waiting\":0");
  }
}
