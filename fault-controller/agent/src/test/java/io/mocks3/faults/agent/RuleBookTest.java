package io.mocks3.faults.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBookTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final Action ERROR_500 = Action.httpError(500, "boom");

  private static FaultRule rule(String id, String service, Long seed, Integer priority, Condition... conditions) {
    return new FaultRule(id, id, null, service, true, List.of(conditions), ERROR_500, null, priority, "s1", seed, NOW, null);
  }

  private static Condition cond(String type, Object value) {
    return new Condition(type, value, null, null, null);
  }

  private static FaultTarget get(String bucket, String key) {
    return new FaultTarget("api-gateway", "http", "GetObject", bucket, key, Map.of("x-test", "yes")::get, "GET /" + bucket);
  }

  private static List<Boolean> decisions(RuleBook book, int n, String bucket) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(book.decide(get(bucket, "k" + i), NOW).isPresent());
    }
    return out;
  }

  @Test
  void aProbabilityFiresAtItsRateAndOnlyInItsBucket() {
    RuleBook book = new RuleBook();
    book.put("r", rule("r", "gateway", 7L, null, cond("probability", 0.1), cond("bucket", "a")));
    long hits = decisions(book, 2000, "a").stream().filter(b -> b).count();
    assertThat(hits / 2000.0).isBetween(0.08, 0.12);
    assertThat(decisions(book, 2000, "b")).doesNotContain(true);
  }

  @Test
  void theSameSeedGivesTheSameDecisions_AnotherSeedOthers() {
    RuleBook book = new RuleBook();
    book.put("r", rule("r", "*", 42L, null, cond("probability", 0.3)));
    List<Boolean> first = decisions(book, 300, "a");
    book.put("r", rule("r", "*", 42L, null, cond("probability", 0.3)));
    assertThat(decisions(book, 300, "a")).isEqualTo(first);
    book.put("r", rule("r", "*", 43L, null, cond("probability", 0.3)));
    assertThat(decisions(book, 300, "a")).isNotEqualTo(first);
  }

  @Test
  void countsApplyToMatchingRequestsOnly() {
    RuleBook book = new RuleBook();
    book.put("first", rule("first", "*", null, null, cond("first_n", 3), cond("key_prefix", "logs/")));
    List<Boolean> seen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      assertThat(book.decide(get("a", "other/" + i), NOW)).isEmpty();
      seen.add(book.decide(get("a", "logs/" + i), NOW).isPresent());
    }
    assertThat(seen).containsExactly(true, true, true, false, false, false);

    book.put("first", null);
    book.put("nth", rule("nth", "*", null, null, cond("every_nth", 3)));
    assertThat(decisions(book, 9, "a")).containsExactly(false, false, true, false, false, true, false, false, true);
  }

  @Test
  void conditionsOnOperationPatternHeaderAndServiceAllHaveToHold() {
    RuleBook book = new RuleBook();
    book.put("r", rule("r", "storage-service", null, null, cond("operation", "PutObject,GetObject")));
    assertThat(book.decide(get("a", "k"), NOW)).as("another service's rule").isEmpty();
    book.put("r", rule("r", "gateway", null, null, cond("operation", "PutObject, GetObject"),
        cond("key_pattern", "img/*.jpg"), new Condition("header", "yes", "x-test", null, null)));
    assertThat(book.decide(get("a", "img/cat.jpg"), NOW)).isPresent();
    assertThat(book.decide(get("a", "img/cat.png"), NOW)).isEmpty();
    book.put("r", rule("r", "gateway", null, null, new Condition("header", null, "x-absent", null, null)));
    assertThat(book.decide(get("a", "k"), NOW)).isEmpty();
    book.put("r", rule("r", "gateway", null, null, new Condition("time_window", null, null, "2026-11-23T13:00:00Z", null)));
    assertThat(book.decide(get("a", "k"), NOW)).isEmpty();
  }

  @Test
  void theHighestPriorityWins_AndTheKillSwitchStopsEverything() {
    RuleBook book = new RuleBook();
    book.put("low", rule("low", "*", null, 1));
    book.put("high", rule("high", "*", null, 10));
    assertThat(book.decide(get("a", "k"), NOW)).hasValueSatisfying(d -> assertThat(d.rule().id()).isEqualTo("high"));
    book.killSwitch(true);
    assertThat(book.decide(get("a", "k"), NOW)).isEmpty();
    book.killSwitch(false);
    assertThat(book.decide(get("a", "k"), NOW)).isPresent();
  }

  @Test
  void disabledAndExpiredRulesNeverFire() {
    RuleBook book = new RuleBook();
    book.put("off", new FaultRule("off", "off", null, "*", false, List.of(), ERROR_500, null, null, null, null, NOW, null));
    book.put("old", new FaultRule("old", "old", null, "*", true, List.of(), ERROR_500, "1s", null, null, null, NOW.minusSeconds(5),
        NOW.minusSeconds(4)));
    assertThat(book.decide(get("a", "k"), NOW)).isEmpty();
  }

  @Test
  void anInstanceConditionPicksOneProcess() {
    FaultTarget write = new FaultTarget("disk", "disk", "WriteBlob", null, "blob", null, "disk WriteBlob blob");
    RuleBook node1 = new RuleBook("node-1");
    RuleBook node2 = new RuleBook("node-2");
    for (RuleBook book : List.of(node1, node2)) {
      book.put("r", rule("r", "storage-disk", null, null, cond("instance", "node-1"), cond("operation", "WriteBlob")));
    }
    assertThat(node1.decide(write, NOW)).isPresent();
    assertThat(node2.decide(write, NOW)).isEmpty();
    node1.put("r", rule("r", "*", null, null));
    assertThat(node1.decide(write, NOW)).as("\"*\" is every service's HTTP, not its inner points").isEmpty();
  }

  @Test
  void aMatchesConditionHitsExactlyTheListedPositionsOfItsFilteredSequence() {
    RuleBook book = new RuleBook();
    book.put("r", rule("r", "gateway", null, null, cond("bucket", "a"), cond("matches", List.of(2, 5, 6))));
    List<Boolean> seen = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // Requests to bucket b do not meet the filter and so take no position in the sequence.
      assertThat(book.decide(get("b", "x"), NOW)).isEmpty();
      seen.add(book.decide(get("a", "k" + i), NOW).map(d -> d.match()).isPresent());
    }
    assertThat(seen).containsExactly(false, true, false, false, true, true, false, false);
  }
}
