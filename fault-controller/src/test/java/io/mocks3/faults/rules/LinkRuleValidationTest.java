package io.mocks3.faults.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.FaultRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Link rules: a process's service, instance / link / time_window conditions, each action's own fields. */
class LinkRuleValidationTest {
  private static FaultRule rule(String service, Action action, Condition... conditions) {
    return new FaultRule(null, "link", null, service, true, List.of(conditions), action, "60s", null, null, null, null, null);
  }

  private static Action link(String type, String delay, Long bytesPerSecond, String jitter, String direction) {
    return new Action(type, null, null, null, delay, bytesPerSecond, null, null, jitter, direction);
  }

  private static Condition condition(String type, Object value) {
    return new Condition(type, value, null, null, null);
  }

  @Test
  void givenAPartitionOfNode2FromKafka_ThenItIsValid() {
    assertThat(RuleValidator.problems(rule("storage-node", link("link_blackhole", null, null, null, "upstream"),
        condition("instance", "node-2"), condition("link", "kafka")))).isEmpty();
    assertThat(RuleValidator.problems(rule("gateway", link("link_latency", "200ms", null, "50ms", null)))).isEmpty();
    assertThat(RuleValidator.problems(rule("metadata-projector", link("link_bandwidth", null, 1024L, null, "downstream"),
        condition("link", "postgres")))).isEmpty();
  }

  @Test
  void givenMissingOrBadFields_ThenEachIsNamed() {
    assertThat(RuleValidator.problems(rule("gateway", link("link_latency", null, null, "x", "sideways"))))
        .anySatisfy(p -> assertThat(p).startsWith("action.delay"))
        .anySatisfy(p -> assertThat(p).startsWith("action.jitter"))
        .anySatisfy(p -> assertThat(p).startsWith("action.direction"));
    assertThat(RuleValidator.problems(rule("gateway", link("link_bandwidth", null, 0L, null, null))))
        .containsExactly("action.bytes_per_second must be at least 1");
    assertThat(RuleValidator.problems(rule("gateway", link("link_slow_close", null, null, null, null))))
        .anySatisfy(p -> assertThat(p).startsWith("action.delay"));
  }

  @Test
  void givenAServiceWithoutLinksOrARequestCondition_ThenTheRuleIsRefused() {
    assertThat(RuleValidator.problems(rule("storage-disk", link("link_reset", null, null, null, null))))
        .anySatisfy(p -> assertThat(p).startsWith("link actions act on a process's network links"));
    assertThat(RuleValidator.problems(rule("gateway", link("link_reset", null, null, null, null), condition("probability", 0.5))))
        .anySatisfy(p -> assertThat(p).endsWith("not probability"));
    assertThat(RuleValidator.problems(rule("gateway", new Action("delay", null, null, null, "1s", null, null, null),
        condition("link", "kafka")))).anySatisfy(p -> assertThat(p).startsWith("a link condition selects a network link"));
  }
}
