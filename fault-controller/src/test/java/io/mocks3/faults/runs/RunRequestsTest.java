package io.mocks3.faults.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.run.Run;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunRequestsTest {
  private static Run parse(String json) {
    return RunRequests.parse(json.getBytes(StandardCharsets.UTF_8), Set.of("lossy_log"));
  }

  private static void rejects(String json, String field) {
    assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(RunRequests.Invalid.class,
        e -> assertThat(e.field).isEqualTo(field));
  }

  @Test
  void aFullRequestReadsEveryPart() {
    Run run = parse("""
        {"name": "n", "seed": 7, "scenario": "lossy_log", "settle": "3s",
         "chaos": [{"topic": "mocks3.commands", "loss_rate": 0.1}],
         "rules": [{"name": "r", "service": "gateway", "conditions": [], "action": {"type": "delay", "delay": "1s"}}],
         "expectations": {"lost_acknowledged_writes": 0, "stale_read_max_ms": 2000}}""");
    assertThat(run.name()).isEqualTo("n");
    assertThat(run.seed()).isEqualTo(7L);
    assertThat(run.chaos()).singleElement().satisfies(c -> assertThat(c.lossRate()).isEqualTo(0.1));
    assertThat(run.rules()).singleElement().satisfies(r -> assertThat(r.action().type()).isEqualTo("delay"));
    assertThat(run.expectations()).containsKeys("lost_acknowledged_writes", "stale_read_max_ms");
  }

  @Test
  void everyBadPartIsRefusedNamingItsField() {
    rejects("[]", "body");
    rejects("not json", "body");
    rejects("{}", "name");
    rejects("{\"name\": 3}", "name");
    rejects("{\"name\": \"n\", \"seed\": \"x\"}", "seed");
    rejects("{\"name\": \"n\", \"scenario\": \"nope\"}", "scenario");
    rejects("{\"name\": \"n\", \"settle\": \"soon\"}", "settle");
    rejects("{\"name\": \"n\", \"chaos\": [{\"loss_rate\": 0.1}]}", "chaos[0].topic");
    rejects("{\"name\": \"n\", \"chaos\": [{\"topic\": \"mocks3.commands\", \"delay\": \"later\"}]}", "chaos[0].delay");
    rejects("{\"name\": \"n\", \"rules\": [{\"name\": \"r\", \"service\": \"nowhere\", \"action\": {\"type\": \"delay\"}}]}",
        "rules[0]");
    rejects("{\"name\": \"n\", \"expectations\": {\"lost\": 0}}", "expectations.lost");
    rejects("{\"name\": \"n\", \"expectations\": {\"stale_reads\": -1}}", "expectations.stale_reads");
  }
}
